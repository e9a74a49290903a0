#!/usr/bin/env bash
# bind9-up.sh DIR [--tsig-algorithm=ALG] [ZONE...] : BIND 9 (named -g) on 127.0.0.1 and a free port,
# authoritative primary for each ZONE (default: lab.example and 77.10.in-addr.arpa), each open to RFC 2136
# updates signed with one TSIG key made by tsig-keygen -a ALG (default hmac-sha256; update-policy zonesub ANY).
# No recursion, no notify, no IPv6; rndc on a free port.
# Prints DNS_PORT, RNDC_CONF, TSIG_NAME, TSIG_ALGORITHM, TSIG_SECRET, ZONES.
source "$(dirname "$0")/lib.sh"
ensure_packages bind9 bind9-utils dnsutils python3
dir=$(mkdir -p "${1:?usage: bind9-up.sh DIR [ZONE...]}" && cd "$1" && pwd)
shift
algorithm=hmac-sha256
zones=()
for arg in "$@"; do
  case $arg in
    --tsig-algorithm=*) algorithm=${arg#*=} ;;
    -*) die "unknown option $arg" ;;
    *) zones+=("$arg") ;;
  esac
done
[ ${#zones[@]} -gt 0 ] || zones=(lab.example 77.10.in-addr.arpa)

for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] && kill -0 "$(tr -dc '0-9' <"$pidfile")" 2>/dev/null \
    && die "$dir already has a running server ($pidfile); stop it with stop.sh first"
done
# named's own state (its pid file, session key, managed keys) goes to DIR/run, out of reach of stop.sh's DIR/*.pid.
rm -rf "$dir/zones"
mkdir -p "$dir/run" "$dir/zones"
dns_port=$(free_port)
rndc_port=$(free_port)
while [ "$rndc_port" = "$dns_port" ]; do rndc_port=$(free_port); done

key_name=metalflow-update
tsig-keygen -a "$algorithm" "$key_name" >"$dir/tsig.key"
tsig-keygen -a hmac-sha256 rndc-key >"$dir/rndc.key"
secret=$(sed -n 's/^[[:space:]]*secret "\(.*\)";/\1/p' "$dir/tsig.key")
[ -n "$secret" ] || die "no secret in $dir/tsig.key"

cat >"$dir/named.conf" <<EOF
include "$dir/tsig.key";
include "$dir/rndc.key";
options {
  directory "$dir/zones";
  pid-file "$dir/run/named.pid";
  session-keyfile "$dir/run/session.key";
  managed-keys-directory "$dir/run";
  listen-on port $dns_port { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  notify no;
  dnssec-validation no;
  allow-transfer { none; };
};
controls { inet 127.0.0.1 port $rndc_port allow { 127.0.0.1; } keys { rndc-key; }; };
EOF
cat >"$dir/rndc.conf" <<EOF
include "$dir/rndc.key";
options { default-key "rndc-key"; default-server 127.0.0.1; default-port $rndc_port; };
EOF

for zone in "${zones[@]}"; do
  zone=${zone%.}
  # The name server is a name outside every zone (localhost.), so no zone needs glue or an address record.
  cat >"$dir/zones/$zone.zone" <<EOF
\$TTL 300
@ IN SOA localhost. hostmaster.$zone. ( 1 3600 600 86400 60 )
@ IN NS localhost.
EOF
  cat >>"$dir/named.conf" <<EOF
zone "$zone" {
  type primary;
  file "$dir/zones/$zone.zone";
  update-policy { grant $key_name zonesub ANY; };
};
EOF
done

named-checkconf "$dir/named.conf" >&2 || die "named-checkconf rejected $dir/named.conf"
start_bg "$dir" named named -g -4 -n 1 -c "$dir/named.conf"
serving() { [ -n "$(dig @127.0.0.1 -p "$dns_port" +tcp +short +norecurse +time=1 +tries=1 "${zones[0]%.}" SOA)" ]; }
if ! (wait_for 20 "named on 127.0.0.1:$dns_port" serving); then
  tail -n 20 "$dir/named.log" >&2
  exit 1
fi

echo "DNS_PORT=$dns_port"
echo "RNDC_CONF=$dir/rndc.conf"
echo "TSIG_NAME=$key_name"
echo "TSIG_ALGORITHM=$algorithm"
echo "TSIG_SECRET=$secret"
echo "ZONES=${zones[*]}"
