#!/usr/bin/env bash
# stop.sh DIR : stops every process a *-up.sh script started in DIR (by the PIDs in DIR/*.pid) and deletes
# the network namespaces it recorded in DIR/netns. Safe to run twice.
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
shopt -s nullglob
pids=()
for f in "$dir"/*.pid; do
  pid=$(tr -dc '0-9' <"$f")
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
done
for _ in $(seq 50); do
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive -eq 0 ] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
rm -f "$dir"/*.pid
if [ -f "$dir/netns" ]; then
  while read -r ns; do [ -n "$ns" ] && ip netns del "$ns" 2>/dev/null; done <"$dir/netns"
  rm -f "$dir/netns"
fi
exit 0
