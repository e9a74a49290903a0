#!/usr/bin/env bash
# The issue-3 check on a running platform with the lab: with faults injected into every simulated BMC
# (30% of requests failing with 500 or 503, 2 s latency, one BMC down for 60 s), N machines go from
# registration through enroll, inspect and prepare to available. Prints the time, the final states, open
# incidents with their messages, and the most concurrent requests and sessions any BMC saw.
#   METALFLOW_ADMIN_PASSWORD=... N=50 TIMEOUT=2400 bench/prepare-under-faults.sh [base-url]
# Start the platform with enough handler threads for slow BMCs, e.g.
#   METALFLOW_WORKFLOW_THREADS=32 METALFLOW_ADMIN_PASSWORD=metalflow ./mvnw spring-boot:run
set -euo pipefail
base=${1:-http://localhost:8080}
auth="admin:${METALFLOW_ADMIN_PASSWORD:?set METALFLOW_ADMIN_PASSWORD}"
n=${N:-50}
timeout=${TIMEOUT:-2400}
api() { curl -sf -u "$auth" -H 'Content-Type: application/json' "$@"; }
count() { api "$base/api/v1/machines?state=$1&size=1" | jq .total; }

ids=$(api "$base/api/v1/lab/bmcs?size=$n" | jq -r '.items[].id')
half=$(printf '%s\n' $ids | head -n $((n / 2)) | jq -R . | jq -sc .)
rest=$(printf '%s\n' $ids | tail -n +$((n / 2 + 1)) | jq -R . | jq -sc .)
api -X POST "$base/api/v1/lab/bmcs/observed/reset" >/dev/null
api -X POST "$base/api/v1/lab/faults" -d "{\"bmcIds\":$half,\"faults\":{\"latencyMs\":2000,\"errorRate\":0.3,\"errorStatus\":500}}" >/dev/null
api -X POST "$base/api/v1/lab/faults" -d "{\"bmcIds\":$rest,\"faults\":{\"latencyMs\":2000,\"errorRate\":0.3,\"errorStatus\":503}}" >/dev/null
down=$(printf '%s\n' $ids | head -1)
api -X POST "$base/api/v1/lab/bmcs/$down/faults" -d '{"latencyMs":2000,"errorRate":0.3,"errorStatus":500,"downForSeconds":60}' >/dev/null
echo "faults set on $n BMCs ($down is down for 60 s)"

start=$(date +%s)
printf '%s\n' $ids | xargs -P 8 -I{} sh -c "curl -sf -u '$auth' '$base/api/v1/lab/bmcs/{}/registration' | curl -s -o /dev/null -u '$auth' -H 'Content-Type: application/json' -d @- '$base/api/v1/machines'"
echo "registered after $(( $(date +%s) - start )) s"

while :; do
  # every machine that reached manageable is sent on to prepare
  for id in $(api "$base/api/v1/machines?state=manageable&size=500" | jq -r '.items[].id'); do
    api -X POST -o /dev/null "$base/api/v1/machines/$id/actions/prepare" || true
  done
  available=$(count available)
  working=0
  for state in enrolling enrolled inspecting manageable preparing; do working=$((working + $(count $state))); done
  elapsed=$(( $(date +%s) - start ))
  incidents=$(api "$base/engine-rest/incident/count" | jq .count)
  echo "  ${elapsed}s: available $available, still on the way $working, open incidents $incidents"
  # machines held by an incident wait for an operator; the run is over when only they remain
  [ "$working" -le "$incidents" ] && break
  [ "$elapsed" -ge "$timeout" ] && { echo "gave up after ${timeout}s"; break; }
  sleep 15
done
echo "seconds: $(( $(date +%s) - start ))"
for state in available enroll-failed inspect-failed prepare-failed enrolling inspecting manageable preparing; do
  echo "  $state: $(count $state)"
done
echo "open incidents: $(api "$base/engine-rest/incident/count" | jq .count)"
api "$base/engine-rest/incident?maxResults=5" | jq -r '.[].incidentMessage' | sed 's/^/  /'
api "$base/api/v1/lab/bmcs?size=$n" | jq -r '[.items[].observed] | "most concurrent requests at one BMC: \(map(.maxConcurrentRequests) | max); most sessions at one BMC: \(map(.maxSessions) | max); requests: \(map(.requests) | add)"'
api -X DELETE "$base/api/v1/lab/faults" >/dev/null
