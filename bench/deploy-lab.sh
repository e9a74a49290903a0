#!/usr/bin/env bash
# The whole lifecycle for every lab machine that is `available` on a running platform: deploy all at once
# (the lab's machines network-boot and call back like real installers), then release all at once.
# Prints per phase: machines, seconds, machines per minute, end states; then open incidents, distinct
# addresses, DHCP reservations and DNS records left after release, and platform RSS.
#   METALFLOW_ADMIN_PASSWORD=... bench/deploy-lab.sh [base-url]
# Run bench/enroll-lab.sh and prepare the machines first (or set PREPARE=1 to prepare every manageable one).
# Needs curl and jq. Bounded: each phase gives up after TIMEOUT seconds (default 900).
set -euo pipefail
base=${1:-http://localhost:8080}
auth="admin:${METALFLOW_ADMIN_PASSWORD:?set METALFLOW_ADMIN_PASSWORD}"
timeout=${TIMEOUT:-900}
data=${METALFLOW_DATA_DIR:-./data}

ids_in() {
  local state=$1 total page
  total=$(curl -sf -u "$auth" "$base/api/v1/machines?state=$state&size=1" | jq .total)
  for ((page = 0; page * 500 < total; page++)); do
    curl -sf -u "$auth" "$base/api/v1/machines?state=$state&size=500&page=$page" | jq -r '.items[].id'
  done
}

count() { curl -sf -u "$auth" "$base/api/v1/machines?state=$1&size=1" | jq .total; }

# phase NAME ACTION FROM-STATE WORKING-STATE TARGET-STATE FAILED-STATE
phase() {
  local name=$1 action=$2 from=$3 working=$4 target=$5 failed=$6
  mapfile -t ids < <(ids_in "$from")
  [ ${#ids[@]} -gt 0 ] || { echo "$name: no machine is $from"; return; }
  echo "$name: ${#ids[@]} machines"
  local start end deadline
  start=$(date +%s.%N)
  printf '%s\n' "${ids[@]}" | xargs -P 16 -I{} curl -s -o /dev/null -w '%{http_code}\n' -u "$auth" \
    -X POST "$base/api/v1/machines/{}/actions/$action" | sort | uniq -c | sed 's/^/  HTTP /'
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(count "$working")" -gt 0 ]; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "  gave up: machines still $working after ${timeout}s"; break; fi
    sleep 1
  done
  end=$(date +%s.%N)
  local secs; secs=$(echo "$end - $start" | bc)
  echo "  seconds: $secs"
  echo "  machines per minute: $(echo "scale=1; ${#ids[@]} * 60 / $secs" | bc)"
  echo "  $target: $(count "$target"), $failed: $(count "$failed")"
}

if [ "${PREPARE:-0}" = 1 ]; then
  phase prepare prepare manageable preparing available prepare-failed
fi
phase deploy deploy available deploying active deploy-failed
allocations=$(curl -sf -u "$auth" "$base/api/v1/allocations?size=1" | jq .total)
addresses=$(for ((page = 0; page * 500 < allocations; page++)); do
  curl -sf -u "$auth" "$base/api/v1/allocations?size=500&page=$page" | jq -r '.items[].address'; done | sort -u | wc -l)
echo "allocations: $allocations, distinct addresses: $addresses," \
     "DHCP host lines $(grep -vc '^#' "$data/dhcp/dhcp-hosts" 2>/dev/null || true)," \
     "A/PTR lines $(cat "$data"/dns/*.zone 2>/dev/null | grep -cE ' IN (A|PTR) ' || true)"
phase release release active releasing available release-failed
echo "after release: allocations $(curl -sf -u "$auth" "$base/api/v1/allocations?size=1" | jq .total)," \
     "DHCP host lines $(grep -vc '^#' "$data/dhcp/dhcp-hosts" 2>/dev/null || true)," \
     "A/PTR lines $(cat "$data"/dns/*.zone 2>/dev/null | grep -cE ' IN (A|PTR) ' || true)"
echo "open incidents: $(curl -sf -u "$auth" "$base/engine-rest/incident/count" | jq .count)"
pid=$(pgrep -f 'org.metalflow.MetalflowApplication|metalflow.*\.jar' | head -1 || true)
[ -n "$pid" ] && echo "platform RSS MiB: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))"
