#!/usr/bin/env bash
# Kills the platform (SIGKILL) while machines are being inspected, starts it again, and checks that every
# machine still reaches manageable from what the database holds. Run from the repository root with a
# platform already started by `./mvnw spring-boot:run` whose machines are manageable (bench/enroll-lab.sh).
#   METALFLOW_ADMIN_PASSWORD=... bench/restart-check.sh
# Prints: machines inspecting at the kill, seconds from restart until none is inspecting, final states,
# open incidents. Bounded: gives up after TIMEOUT seconds (default 300).
set -euo pipefail
base=http://localhost:8080
auth="admin:${METALFLOW_ADMIN_PASSWORD:?set METALFLOW_ADMIN_PASSWORD}"
timeout=${TIMEOUT:-300}
count() { curl -sf -u "$auth" "$base/api/v1/machines?state=$1&size=1" | jq .total; }

pid=$(pgrep -f org.metalflow.MetalflowApplication | head -1)
[ -n "$pid" ] || { echo "no running platform"; exit 1; }
ids=$(curl -sf -u "$auth" "$base/api/v1/machines?state=manageable&size=500" | jq -r '.items[].id')
printf '%s\n' $ids | xargs -P 16 -I{} curl -s -o /dev/null -u "$auth" -X POST "$base/api/v1/machines/{}/actions/inspect"
sleep "${KILL_AFTER:-1.5}"
echo "inspecting when killed: $(count inspecting)"
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done

METALFLOW_ADMIN_PASSWORD="${METALFLOW_ADMIN_PASSWORD}" nohup ./mvnw -q -o spring-boot:run > restart-check.log 2>&1 &
start=$(date +%s)
until curl -sf "$base/actuator/health" >/dev/null; do
  [ $(( $(date +%s) - start )) -ge "$timeout" ] && { echo "platform did not come back"; exit 1; }
  sleep 0.5
done
echo "platform up after $(( $(date +%s) - start )) s"
while [ "$(count inspecting)" != 0 ]; do
  [ $(( $(date +%s) - start )) -ge "$timeout" ] && { echo "gave up: $(count inspecting) still inspecting"; break; }
  sleep 0.5
done
echo "no machine inspecting $(( $(date +%s) - start )) s after the restart"
echo "manageable: $(count manageable)  inspect-failed: $(count inspect-failed)"
echo "open incidents: $(curl -sf -u "$auth" "$base/engine-rest/incident/count" | jq .count)"
grep -h "Released" restart-check.log || true
echo "the restarted platform keeps running (log in restart-check.log); stop it with: pkill -f org.metalflow.MetalflowApplication"
