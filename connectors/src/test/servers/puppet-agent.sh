#!/usr/bin/env bash
# puppet-agent.sh DIR CERTNAME [CHALLENGE] : one `puppet agent -t` run as node CERTNAME against the Puppet Server that
# puppetserver-up.sh started in DIR. The agent keeps its own confdir, ssldir and vardir in DIR/agents/CERTNAME, so a
# second call continues where the first stopped (key, CSR, certificate, cached catalog). CHALLENGE goes into
# csr_attributes.yaml as challengePassword (it only matters for the first run, which makes the CSR).
# The agent runs in a new loopback-only network namespace (mfp-*), so Facter cannot query cloud metadata
# addresses; two socat processes bridge 127.0.0.1:PORT inside it to the server through a unix socket.
# Prints AGENT_EXIT (0 no changes, 2 changes, 1 run failed, 4/6 failures), AGENT_LOG (the run's output), and when the
# run got a catalog CLASSES (comma separated, from classes.txt) and CATALOG (path of the cached catalog JSON).
# Exits 0 whatever the agent's exit; non-zero only when the run could not be set up.
source "$(dirname "$0")/lib.sh"
ensure_packages puppet-agent socat
dir=$(cd "${1:?usage: puppet-agent.sh DIR CERTNAME [CHALLENGE]}" && pwd)
certname=${2:?usage: puppet-agent.sh DIR CERTNAME [CHALLENGE]}
challenge=${3:-}
[ -f "$dir/puppet-agent.env" ] || die "$dir has no puppet-agent.env: start the server with puppetserver-up.sh first"
port=$(sed -n 's/^PUPPET_PORT=//p' "$dir/puppet-agent.env")

agent="$dir/agents/$certname"
mkdir -p "$agent"/{conf,ssl,var,log,run}
cat >"$agent/conf/puppet.conf" <<EOF
[main]
certname = $certname
server = localhost
serverport = $port
ssldir = $agent/ssl
vardir = $agent/var
logdir = $agent/log
rundir = $agent/run
codedir = $agent/code
keylength = 2048
[agent]
waitforcert = 0
# the keep-alive connection after the CSR upload otherwise waits for the server's idle timeout (services.md §6)
http_keepalive_timeout = 0
# a refused run must not fall back to the catalog of an earlier one
usecacheonfailure = false
EOF
if [ -n "$challenge" ]; then
  printf -- '---\ncustom_attributes:\n  challengePassword: "%s"\n' "$challenge" >"$agent/conf/csr_attributes.yaml"
fi

ns="mfp-$$-$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
socket="$agent/run/bridge.sock"
tag="agent-$$"
cleanup() {
  for f in "$dir/$tag"-*.pid; do
    [ -e "$f" ] && kill "$(tr -dc '0-9' <"$f")" 2>/dev/null
    rm -f "$f"
  done
  ip netns del "$ns" 2>/dev/null
  rm -f "$socket"
}
trap cleanup EXIT
echo "$ns" >>"$dir/netns"
ip netns add "$ns"
ip -n "$ns" link set lo up
rm -f "$socket"
start_bg "$dir" "$tag-bridge-out" socat UNIX-LISTEN:"$socket",fork TCP:127.0.0.1:"$port"
wait_for 5 "socat on $socket" test -S "$socket"
start_bg "$dir" "$tag-bridge-in" ip netns exec "$ns" socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:"$socket"
wait_for 5 "socat on 127.0.0.1:$port in $ns" ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"

set +e
ip netns exec "$ns" timeout 100 puppet agent -t --color=false --confdir "$agent/conf" --detailed-exitcodes >"$agent/last-run.log" 2>&1
code=$?
set -e
echo "AGENT_EXIT=$code"
echo "AGENT_LOG=$agent/last-run.log"
catalog="$agent/var/client_data/catalog/$certname.json"
classes="$agent/var/state/classes.txt"
if [ -f "$catalog" ] && [ -f "$classes" ] && [ "$classes" -nt "$agent/conf/puppet.conf" ]; then
  echo "CLASSES=$(grep -v "^settings$" "$classes" | awk '!seen[$0]++' | paste -sd, -)"
  echo "CATALOG=$catalog"
fi
