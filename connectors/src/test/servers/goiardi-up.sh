#!/usr/bin/env bash
# goiardi-up.sh DIR : goiardi (a Chef-11-API server written in Go) on 127.0.0.1 and a free port, with
# authentication on (-A), its conf root, index and data files in DIR. goiardi writes the keys of its admin
# client and its validator client into the conf root on first start.
# Prints CHEF_URL, ADMIN_NAME, ADMIN_KEY (path of the admin's PEM), VALIDATOR_NAME, VALIDATOR_KEY.
source "$(dirname "$0")/lib.sh"
ensure_packages goiardi curl python3
dir=$(mkdir -p "${1:?usage: goiardi-up.sh DIR}" && cd "$1" && pwd)

for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] && kill -0 "$(tr -dc '0-9' <"$pidfile")" 2>/dev/null \
    && die "$dir already has a running server ($pidfile); stop it with stop.sh first"
done
port=$(free_port)
url="http://127.0.0.1:$port"
mkdir -p "$dir/conf"
# -H is the host name goiardi writes into the URLs it returns (node and client "uri" fields).
start_bg "$dir" goiardi goiardi -I 127.0.0.1 -P "$port" -H 127.0.0.1 -A \
  --conf-root "$dir/conf" -i "$dir/index.bin" -D "$dir/data.bin" --disable-webui

# Unsigned requests are refused with 401 once goiardi listens; any HTTP answer means it is up.
answering() { [ -s "$dir/conf/admin.pem" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/nodes")" != 000 ]; }
if ! (wait_for 30 "goiardi on $url" answering); then
  tail -n 20 "$dir/goiardi.log" >&2
  exit 1
fi
[ -s "$dir/conf/chef-validator.pem" ] || die "goiardi wrote no chef-validator.pem into $dir/conf"

echo "CHEF_URL=$url"
echo "ADMIN_NAME=admin"
echo "ADMIN_KEY=$dir/conf/admin.pem"
echo "VALIDATOR_NAME=chef-validator"
echo "VALIDATOR_KEY=$dir/conf/chef-validator.pem"
