#!/usr/bin/env bash
# dnsmasq-up.sh DIR : dnsmasq 2.90 (Debian dnsmasq-base) as a DHCP server only, in network namespace mfd-srv on
# bridge br0 = 10.77.2.1/24, pool 10.77.2.100-199; a client's eth0 is in mfd-cli. It reads the hosts file and the
# options file the connector writes (both in DIR, re-read on SIGHUP) and includes dnsmasq-metalflow.conf verbatim.
# Prints HOSTS_FILE, OPTS_FILE, PID_FILE, LEASE_FILE, CONF_FILE, RESTART_COMMAND, SERVER_NETNS, CLIENT_NETNS,
# SERVER_ADDRESS.
# dnsmasq-up.sh DIR restart : stops that dnsmasq by its PID and starts it again on the same files and leases (the
# restart command for the connector's restart reload strategy).
source "$(dirname "$0")/lib.sh"
dir=${1:?usage: dnsmasq-up.sh DIR [restart]}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

start_dnsmasq() {
  # -k keeps it in the foreground; `ip netns exec` execs into dnsmasq, so the PID start_bg records is dnsmasq's
  # own, and dnsmasq writes the same PID into the same file.
  start_bg "$dir" dnsmasq ip netns exec mfd-srv dnsmasq -k -C "$dir/dnsmasq.conf" --pid-file="$dir/dnsmasq.pid"
  local pid
  pid=$(cat "$dir/dnsmasq.pid")
  dhcp_socket_open() {
    kill -0 "$pid" && ip netns exec mfd-srv ss -Hlun 'sport = :67' | grep -q .
  }
  wait_for 10 "dnsmasq (log: $dir/dnsmasq.log)" dhcp_socket_open
}

if [ "${2:-}" = restart ]; then
  pid=$(tr -dc '0-9' <"$dir/dnsmasq.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && die "dnsmasq (pid $pid) did not stop within 5 s"
  fi
  cp "$dir/dnsmasq.log" "$dir/dnsmasq.log.$pid" 2>/dev/null || true
  start_dnsmasq
  exit 0
fi

ensure_packages dnsmasq-base dnsmasq-utils iproute2 busybox
command -v dnsmasq >/dev/null || die "dnsmasq is not installed"
lab_network "$dir" mfd 10.77.2
touch "$dir/dhcp-hosts" "$dir/dhcp-opts"
cat >"$dir/dnsmasq.conf" <<CONF
port=0
no-resolv
no-hosts
interface=br0
bind-interfaces
user=root
dhcp-range=10.77.2.100,10.77.2.199,1h
dhcp-leasefile=$dir/dnsmasq.leases
dhcp-hostsfile=$dir/dhcp-hosts
dhcp-optsfile=$dir/dhcp-opts
# Pool addresses: no ICMP probe first (it adds about 3 s per new pool lease in the netns; nothing else lives on br0).
no-ping
log-dhcp
log-facility=-
conf-file=$SERVERS_DIR/dnsmasq-metalflow.conf
CONF
ip netns exec mfd-srv dnsmasq --test -C "$dir/dnsmasq.conf" >/dev/null 2>&1 \
  || die "dnsmasq rejects $dir/dnsmasq.conf: $(ip netns exec mfd-srv dnsmasq --test -C "$dir/dnsmasq.conf" 2>&1)"
start_dnsmasq
echo "HOSTS_FILE=$dir/dhcp-hosts"
echo "OPTS_FILE=$dir/dhcp-opts"
echo "PID_FILE=$dir/dnsmasq.pid"
echo "LEASE_FILE=$dir/dnsmasq.leases"
echo "CONF_FILE=$dir/dnsmasq.conf"
echo "RESTART_COMMAND=bash $SERVERS_DIR/dnsmasq-up.sh $dir restart"
