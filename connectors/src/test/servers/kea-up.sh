#!/usr/bin/env bash
# kea-up.sh DIR MODE : ISC Kea 2.2 for the Kea connector tests, MODE = hosts-db | control-agent.
#   kea-dhcp4 runs inside namespace mfk-srv (raw socket on br0 = 10.77.1.1/24), subnet 10.77.1.0/24 (id 1, pool
#   .100-.199), memfile leases, control socket DIR/kea4.sock, hooks lease_cmds + stat_cmds, and the boot classes of
#   kea-boot-classes.json verbatim, or the file in $KEA_BOOT_CLASSES (hosts-db mode only: in control-agent mode the
#   provider writes its own).
#   kea-ctrl-agent runs in the host namespace on 127.0.0.1:<free port> with HTTP basic auth.
#   hosts-db: PostgreSQL 15 in DIR/pg (127.0.0.1:<free port> for the platform, unix socket DIR/pgsock for Kea, which
#   cannot reach the host's loopback from its namespace), schema by `kea-admin db-init pgsql`, a role for the platform.
# Prints CA_URL CA_USER CA_PASSWORD SUBNET SUBNET_ID SERVER_ADDRESS SERVER_NETNS CLIENT_NETNS KEA_CONFIG and, for
# hosts-db, PG_URL PG_USER PG_PASSWORD. stop.sh DIR stops it all.
source "$(dirname "$0")/lib.sh"
dir=${1:?usage: kea-up.sh DIR hosts-db|control-agent}
mode=${2:?usage: kea-up.sh DIR hosts-db|control-agent}
case $mode in hosts-db|control-agent) ;; *) die "unknown mode $mode (hosts-db or control-agent)" ;; esac

ensure_packages kea-dhcp4-server kea-ctrl-agent kea-admin jq curl
if [ "$mode" = hosts-db ]; then ensure_packages postgresql-15; fi

dir=$(cd "$dir" && pwd)
# PostgreSQL runs as user postgres and must reach DIR/pg and DIR/pgsock (a JUnit temp dir is 0700 root)
chmod 711 "$dir"
hooks=/usr/lib/x86_64-linux-gnu/kea/hooks
subnet_id=1
ca_user=metalflow
ca_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')

lab_network "$dir" mfk 10.77.1

hosts_database='null'
if [ "$mode" = hosts-db ]; then
  pgbin=/usr/lib/postgresql/15/bin
  pg_port=$(free_port)
  kea_db_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  mkdir -p "$dir/pg" "$dir/pgsock"
  chown postgres:postgres "$dir/pg" "$dir/pgsock"
  setpriv --reuid=postgres --regid=postgres --init-groups \
    "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$dir/initdb.log")"
  # only the OS user postgres gets in without a password (to create the roles); Kea and the platform log in
  cat >"$dir/pg/pg_hba.conf" <<'HBA'
local all postgres peer
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
HBA
  # setpriv execs (no fork, unlike runuser), so the recorded PID is the postmaster's own
  start_bg "$dir" postgres setpriv --reuid=postgres --regid=postgres --init-groups \
    "$pgbin/postgres" -D "$dir/pg" -c listen_addresses=127.0.0.1 -c port="$pg_port" \
    -c unix_socket_directories="$dir/pgsock" -c fsync=off -c full_page_writes=off
  wait_for 30 "PostgreSQL on 127.0.0.1:$pg_port" "$pgbin/pg_isready" -q -h "$dir/pgsock" -p "$pg_port"
  psql_admin() { setpriv --reuid=postgres --regid=postgres --init-groups psql -X -q -v ON_ERROR_STOP=1 -h "$dir/pgsock" -p "$pg_port" -U postgres "$@"; }
  psql_admin -d postgres >"$dir/psql.log" 2>&1 <<SQL || die "creating roles failed: $(tail -5 "$dir/psql.log")"
CREATE ROLE kea LOGIN PASSWORD '$kea_db_password';
CREATE ROLE metalflow LOGIN PASSWORD '$pg_password';
CREATE DATABASE kea OWNER kea;
SQL
  PGPASSWORD=$kea_db_password kea-admin db-init pgsql -h 127.0.0.1 -P "$pg_port" -u kea -p "$kea_db_password" -n kea \
    >"$dir/kea-admin.log" 2>&1 || die "kea-admin db-init pgsql failed: $(tail -5 "$dir/kea-admin.log")"
  # the platform only writes reservations: hosts and their options, nothing else of Kea's schema
  psql_admin -d kea >>"$dir/psql.log" 2>&1 <<SQL || die "granting failed: $(tail -5 "$dir/psql.log")"
SET ROLE kea;
GRANT SELECT, INSERT, UPDATE, DELETE ON hosts, dhcp4_options TO metalflow;
GRANT USAGE, SELECT ON SEQUENCE hosts_host_id_seq, dhcp4_options_option_id_seq TO metalflow;
SQL
  hosts_database=$(jq -n --arg host "$dir/pgsock" --argjson port "$pg_port" --arg password "$kea_db_password" \
    '{type: "postgresql", name: "kea", user: "kea", password: $password, host: $host, port: $port}')
fi

# Kea's configuration file grammar refuses an empty "client-classes": [], so control-agent mode has none at all
if [ "$mode" = hosts-db ]; then
  classes=$(cat "${KEA_BOOT_CLASSES:-$SERVERS_DIR/kea-boot-classes.json}")
else
  classes='null'
fi

mkdir -p "$dir/kea-run"
jq -n --arg dir "$dir" --arg hooks "$hooks" --argjson id "$subnet_id" --argjson hostsdb "$hosts_database" \
  --argjson classes "$classes" '
{
  Dhcp4: ({
    "interfaces-config": { interfaces: ["br0"], "dhcp-socket-type": "raw" },
    "control-socket": { "socket-type": "unix", "socket-name": ($dir + "/kea4.sock") },
    "lease-database": { type: "memfile", persist: true, name: ($dir + "/kea-leases4.csv"), "lfc-interval": 0 },
    "hooks-libraries": [
      { library: ($hooks + "/libdhcp_lease_cmds.so") },
      { library: ($hooks + "/libdhcp_stat_cmds.so") }
    ],
    "valid-lifetime": 600,
    subnet4: [{
      id: $id,
      subnet: "10.77.1.0/24",
      pools: [{ pool: "10.77.1.100 - 10.77.1.199" }],
      "option-data": [{ name: "routers", data: "10.77.1.1" }]
    }],
    loggers: [{ name: "kea-dhcp4", "output_options": [{ output: "stdout" }], severity: "INFO" }]
  }
  + (if $classes == null then {} else { "client-classes": $classes } end)
  + (if $hostsdb == null then {} else { "hosts-database": $hostsdb } end))
}' >"$dir/kea-dhcp4.conf"

ca_port=$(free_port)
jq -n --arg dir "$dir" --argjson port "$ca_port" --arg user "$ca_user" --arg password "$ca_password" '
{
  "Control-agent": {
    "http-host": "127.0.0.1",
    "http-port": $port,
    authentication: { type: "basic", realm: "kea", clients: [{ user: $user, password: $password }] },
    "control-sockets": { dhcp4: { "socket-type": "unix", "socket-name": ($dir + "/kea4.sock") } },
    loggers: [{ name: "kea-ctrl-agent", "output_options": [{ output: "stdout" }], severity: "INFO" }]
  }
}' >"$dir/kea-ctrl-agent.conf"
chmod 600 "$dir/kea-dhcp4.conf" "$dir/kea-ctrl-agent.conf"

export KEA_PIDFILE_DIR="$dir/kea-run" KEA_LOCKFILE_DIR="$dir/kea-run"
# the configuration test must run in the namespace too: it checks that br0 exists
ip netns exec mfk-srv kea-dhcp4 -t "$dir/kea-dhcp4.conf" >"$dir/kea-dhcp4-check.log" 2>&1 \
  || die "kea-dhcp4 rejects its configuration: $(grep -m3 -i 'error\|fail' "$dir/kea-dhcp4-check.log")"
start_bg "$dir" kea-dhcp4 ip netns exec mfk-srv kea-dhcp4 -c "$dir/kea-dhcp4.conf"
start_bg "$dir" kea-ctrl-agent kea-ctrl-agent -c "$dir/kea-ctrl-agent.conf"

ca_url="http://127.0.0.1:$ca_port/"
dhcp4_answers() {
  curl -sf -u "$ca_user:$ca_password" -H 'Content-Type: application/json' \
    -d '{"command":"version-get","service":["dhcp4"]}' "$ca_url" | jq -e '.[0].result == 0'
}
wait_for 30 "kea-dhcp4 behind kea-ctrl-agent at $ca_url" dhcp4_answers

echo "CA_URL=$ca_url"
echo "CA_USER=$ca_user"
echo "CA_PASSWORD=$ca_password"
echo "SUBNET=10.77.1.0/24"
echo "SUBNET_ID=$subnet_id"
echo "KEA_CONFIG=$dir/kea-dhcp4.conf"
if [ "$mode" = hosts-db ]; then
  echo "PG_URL=jdbc:postgresql://127.0.0.1:$pg_port/kea"
  echo "PG_USER=metalflow"
  echo "PG_PASSWORD=$pg_password"
fi
