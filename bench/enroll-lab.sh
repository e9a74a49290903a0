#!/usr/bin/env bash
# Registers every lab BMC at once on a running platform and waits until no machine is in a working state.
# Prints: machines, seconds, machines per minute, states, open incidents, platform RSS.
#   METALFLOW_ADMIN_PASSWORD=... bench/enroll-lab.sh [base-url]
# Needs curl and jq. Bounded: gives up after TIMEOUT seconds (default 600).
set -euo pipefail
base=${1:-http://localhost:8080}
auth="admin:${METALFLOW_ADMIN_PASSWORD:?set METALFLOW_ADMIN_PASSWORD}"
timeout=${TIMEOUT:-600}

total=$(curl -sf -u "$auth" "$base/api/v1/lab/bmcs?size=1" | jq .total)
ids=()
for ((page = 0; page * 500 < total; page++)); do
  while read -r id; do ids+=("$id"); done < <(curl -sf -u "$auth" "$base/api/v1/lab/bmcs?size=500&page=$page" | jq -r '.items[].id')
done
echo "registering ${#ids[@]} lab BMCs"
start=$(date +%s.%N)
printf '%s\n' "${ids[@]}" | xargs -P 16 -I{} sh -c \
  "curl -sf -u '$auth' '$base/api/v1/lab/bmcs/{}/registration' | curl -s -o /dev/null -w '%{http_code}\n' -u '$auth' -H 'Content-Type: application/json' -d @- '$base/api/v1/machines'" \
  | sort | uniq -c | sed 's/^/  HTTP /'

deadline=$(( $(date +%s) + timeout ))
while :; do
  working=0
  for state in enrolling enrolled inspecting; do
    n=$(curl -sf -u "$auth" "$base/api/v1/machines?state=$state&size=1" | jq .total)
    working=$((working + n))
  done
  [ "$working" -eq 0 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then echo "gave up: $working machines still working after ${timeout}s"; break; fi
  sleep 1
done
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
echo "seconds: $secs"
echo "machines per minute: $(echo "scale=1; ${#ids[@]} * 60 / $secs" | bc)"
echo "states:"
for state in manageable enroll-failed inspect-failed enrolling inspecting; do
  echo "  $state: $(curl -sf -u "$auth" "$base/api/v1/machines?state=$state&size=1" | jq .total)"
done
echo "open incidents: $(curl -sf -u "$auth" "$base/engine-rest/incident/count" | jq .count)"
pid=$(pgrep -f 'org.metalflow.MetalflowApplication|metalflow.*\.jar' | head -1 || true)
[ -n "$pid" ] && echo "platform RSS MiB: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))"
