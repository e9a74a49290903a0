#!/usr/bin/env bash
# pdns-up.sh DIR [--dnsupdate] [ZONE...] : PowerDNS Authoritative (gsqlite3 backend in DIR) answering DNS on
# 127.0.0.1 and a free port, with its HTTP API on 127.0.0.1 and another free port (random API key, every cache
# off so dig sees each API change at once). Creates each ZONE (default: lab.example and 77.10.in-addr.arpa) as
# a Native zone through the API. Prints DNS_PORT, API_URL, API_KEY, ZONES.
# --dnsupdate also accepts RFC 2136 updates from 127.0.0.0/8 signed with a new hmac-sha256 TSIG key that may
# update every ZONE (metadata TSIG-ALLOW-DNSUPDATE), and prints TSIG_NAME, TSIG_ALGORITHM, TSIG_SECRET.
source "$(dirname "$0")/lib.sh"
ensure_packages pdns-server pdns-backend-sqlite3 sqlite3 curl dnsutils python3
dir=$(mkdir -p "${1:?usage: pdns-up.sh DIR [ZONE...]}" && cd "$1" && pwd)
shift
dnsupdate=no
zones=()
for arg in "$@"; do
  case $arg in
    --dnsupdate) dnsupdate=yes ;;
    -*) die "unknown option $arg" ;;
    *) zones+=("$arg") ;;
  esac
done
[ ${#zones[@]} -gt 0 ] || zones=(lab.example 77.10.in-addr.arpa)

dns_port=$(free_port)
api_port=$(free_port)
while [ "$api_port" = "$dns_port" ]; do api_port=$(free_port); done
api_key=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
api_url="http://127.0.0.1:$api_port"

for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] && kill -0 "$(tr -dc '0-9' <"$pidfile")" 2>/dev/null \
    && die "$dir already has a running server ($pidfile); stop it with stop.sh first"
done
mkdir -p "$dir/run"
rm -f "$dir/pdns.sqlite3"
sqlite3 "$dir/pdns.sqlite3" </usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql
# security-poll-suffix is empty: by default pdns looks up secpoll.powerdns.com through /etc/resolv.conf.
cat >"$dir/pdns.conf" <<EOF
launch=gsqlite3
gsqlite3-database=$dir/pdns.sqlite3
local-address=127.0.0.1
local-port=$dns_port
socket-dir=$dir/run
daemon=no
guardian=no
disable-syslog=yes
security-poll-suffix=
default-soa-content=localhost. hostmaster.@ 0 10800 3600 604800 60
api=yes
api-key=$api_key
webserver=yes
webserver-address=127.0.0.1
webserver-port=$api_port
webserver-allow-from=127.0.0.0/8
cache-ttl=0
negquery-cache-ttl=0
query-cache-ttl=0
zone-cache-refresh-interval=0
receiver-threads=1
distributor-threads=1
dnsupdate=$dnsupdate
allow-dnsupdate-from=127.0.0.0/8
EOF
chmod 600 "$dir/pdns.conf"
start_bg "$dir" pdns pdns_server --config-dir="$dir"

api() { curl -sS --fail-with-body --max-time 5 -H "X-API-Key: $api_key" "$@"; }
answering() { api "$api_url/api/v1/servers/localhost" >/dev/null; }
if ! (wait_for 20 "pdns API on $api_url" answering); then
  tail -n 20 "$dir/pdns.log" >&2
  exit 1
fi
for zone in "${zones[@]}"; do
  zone=${zone%.}.
  api -X POST -H 'Content-Type: application/json' "$api_url/api/v1/servers/localhost/zones?rrsets=false" \
    -d "{\"name\":\"$zone\",\"kind\":\"Native\",\"nameservers\":[\"localhost.\"]}" >/dev/null \
    || die "creating zone $zone through $api_url failed"
done
if [ $dnsupdate = yes ]; then
  key_name=metalflow-update
  secret=$(api -X POST -H 'Content-Type: application/json' "$api_url/api/v1/servers/localhost/tsigkeys" \
    -d "{\"name\":\"$key_name\",\"algorithm\":\"hmac-sha256\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])') \
    || die "creating TSIG key $key_name through $api_url failed"
  for zone in "${zones[@]}"; do
    api -X PUT -H 'Content-Type: application/json' \
      "$api_url/api/v1/servers/localhost/zones/${zone%.}./metadata/TSIG-ALLOW-DNSUPDATE" \
      -d "{\"metadata\":[\"$key_name\"]}" >/dev/null || die "allowing updates of $zone with $key_name failed"
  done
fi
serving() { [ -n "$(dig @127.0.0.1 -p "$dns_port" +tcp +short +norecurse +time=1 +tries=1 "${zones[0]%.}" SOA)" ]; }
(wait_for 10 "pdns DNS on 127.0.0.1:$dns_port" serving) || { tail -n 20 "$dir/pdns.log" >&2; exit 1; }

echo "DNS_PORT=$dns_port"
echo "API_URL=$api_url"
echo "API_KEY=$api_key"
echo "ZONES=${zones[*]}"
if [ $dnsupdate = yes ]; then
  echo "TSIG_NAME=$key_name"
  echo "TSIG_ALGORITHM=hmac-sha256"
  echo "TSIG_SECRET=$secret"
fi
