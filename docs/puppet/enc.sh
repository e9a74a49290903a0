#!/bin/sh
# Puppet Server external node classifier (ENC) backed by metalflow.
#   puppet.conf, [server] section:  node_terminus = exec
#                                   external_nodes = /usr/local/bin/metalflow-enc.sh   (this file, executable)
# Puppet Server runs it with the certname as the only argument and reads the node's classes, parameters and
# environment as YAML from stdout. This script prints what metalflow answers to
#   GET {METALFLOW_URL}/api/v1/enc/{certname}
# Exits 1 when metalflow answers 404 (a node metalflow does not know: Puppet refuses to compile a catalog for it),
# 2 on any other failure (no answer, 401/403, 5xx): Puppet refuses the run too, and the next run asks again.
#
# Configuration: the file named by $METALFLOW_PUPPET_ENV, default /etc/metalflow/puppet.env, KEY=VALUE lines, not
# executed (the same file as autosign.sh): METALFLOW_URL (required), METALFLOW_USER, METALFLOW_PASSWORD,
# METALFLOW_CA_CERT, METALFLOW_TIMEOUT. Needs sh and curl. The password never appears on a command line.
set -u
certname=${1:-}
conf=${METALFLOW_PUPPET_ENV:-/etc/metalflow/puppet.env}

fail() { code=$1; shift; echo "metalflow enc: $*" >&2; exit "$code"; }
setting() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$conf" | tail -n 1; }

case $certname in
  ''|*[!A-Za-z0-9._-]*) fail 2 "unexpected certname '$certname'" ;;
esac
[ -r "$conf" ] || fail 2 "cannot read $conf"
url=$(setting METALFLOW_URL)
user=$(setting METALFLOW_USER)
password=$(setting METALFLOW_PASSWORD)
ca_cert=$(setting METALFLOW_CA_CERT)
timeout=$(setting METALFLOW_TIMEOUT)
[ -n "$url" ] || fail 2 "no METALFLOW_URL in $conf"

work=$(mktemp -d) || fail 2 "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
curl_quote() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

# YAML is a superset of JSON, so a JSON answer is a valid ENC answer too
set -- --silent --show-error --output "$work/answer" --write-out '%{http_code}' --max-time "${timeout:-10}" \
  --header 'Accept: application/yaml, application/x-yaml;q=0.9, text/yaml;q=0.9, application/json;q=0.5'
[ -n "$ca_cert" ] && set -- "$@" --cacert "$ca_cert"
status=$(
  if [ -n "$user" ]; then printf 'user = "%s:%s"\n' "$(curl_quote "$user")" "$(curl_quote "$password")"; fi \
    | curl --config - "$@" "${url%/}/api/v1/enc/$certname"
) || fail 2 "metalflow at $url did not answer for $certname (curl exit $?)"
case $status in
  200) cat "$work/answer" ;;
  404) fail 1 "metalflow at $url does not know node $certname (HTTP 404)" ;;
  *) fail 2 "metalflow at $url answered HTTP $status for $certname: $(head -c 300 "$work/answer" | tr '\n' ' ')" ;;
esac
