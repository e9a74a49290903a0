# Shared by the *-up.sh scripts: sourced, not run.
# Contract of every NAME-up.sh DIR [ARGS]: it starts its server(s) in the background, writes one pid file per
# process as DIR/*.pid, records every network namespace it creates in DIR/netns (one name per line), prints
# what a test needs as KEY=VALUE lines on stdout, and exits 0 once the server answers, or non-zero with the
# reason on stderr. stop.sh DIR stops all of it again by PID.
set -euo pipefail

SERVERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "$*" >&2; exit 1; }

# ensure_packages PKG... : installs the Debian packages that are missing (quietly, no daemons are started:
# Debian's policy-rc.d forbids it in containers and the scripts start everything themselves).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]}" >&2
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 2>/dev/null; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# free_port : a TCP port nobody listens on now, from the ephemeral range.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for SECONDS DESCRIPTION COMMAND... : polls COMMAND every 0.1 s until it succeeds.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || die "$what did not come up within ${seconds} s"
    sleep 0.1
  done
}

# start_bg DIR NAME COMMAND... : runs COMMAND in the background, output to DIR/NAME.log, pid to DIR/NAME.pid.
start_bg() {
  local dir=$1 name=$2; shift 2
  "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

# lab_network DIR PREFIX SUBNET24 : two namespaces joined by a bridge, for a DHCP server and a client.
#   PREFIX-srv holds bridge br0 = SUBNET24.1/24 (e.g. 10.77.1.1) and lo;
#   PREFIX-cli holds eth0, a veth whose peer is on br0 (the test sets eth0's MAC before each DHCP exchange).
# Nothing is routed to the host; the host reaches PREFIX-srv only through unix sockets and `ip netns exec`.
lab_network() {
  local dir=$1 prefix=$2 net=$3
  local srv="$prefix-srv" cli="$prefix-cli"
  for ns in "$srv" "$cli"; do
    ip netns del "$ns" 2>/dev/null || true
    ip netns add "$ns"
    echo "$ns" >>"$dir/netns"
    ip -n "$ns" link set lo up
  done
  ip -n "$srv" link add br0 type bridge
  ip -n "$srv" addr add "$net.1/24" dev br0
  ip -n "$srv" link set br0 up
  ip link add "$prefix-v0" type veth peer name "$prefix-v1"
  ip link set "$prefix-v0" netns "$srv"
  ip link set "$prefix-v1" netns "$cli"
  ip -n "$srv" link set "$prefix-v0" master br0
  ip -n "$srv" link set "$prefix-v0" up
  ip -n "$cli" link set "$prefix-v1" name eth0
  ip -n "$cli" link set eth0 up
  echo "SERVER_NETNS=$srv"
  echo "CLIENT_NETNS=$cli"
  echo "SERVER_ADDRESS=$net.1"
}
