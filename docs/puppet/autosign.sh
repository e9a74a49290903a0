#!/bin/sh
# Puppet Server policy-based autosigning through metalflow.
#   puppet.conf, [server] section:  autosign = /usr/local/bin/metalflow-autosign.sh   (this file, executable)
# Puppet Server runs it with the certname as the only argument and the CSR (PEM) on stdin, and signs the request
# only when it exits 0. This script takes the CSR's challengePassword attribute (what the installer put into the
# agent's csr_attributes.yaml) and asks metalflow
#   POST {METALFLOW_URL}/api/v1/puppet/autosign/{certname}   {"challengePassword": "..."}
# It exits 0 only when metalflow answers 204; any other answer, no answer, or a CSR without a challenge
# password refuses (exit 1), and the request waits for an operator or for metalflow's own sign through the CA API.
#
# Configuration: the file named by $METALFLOW_PUPPET_ENV, default /etc/metalflow/puppet.env (readable only by the
# user puppetserver runs as), KEY=VALUE lines, not executed:
#   METALFLOW_URL=https://metalflow.example.org        (required)
#   METALFLOW_USER=puppetserver                        (HTTP basic credential of metalflow's API; in puppet-servers)
#   METALFLOW_PASSWORD=...
#   METALFLOW_CA_CERT=/etc/metalflow/ca.pem            (optional: CA bundle for an https URL)
#   METALFLOW_TIMEOUT=10                               (optional: seconds)
# Needs sh, openssl, curl. The password never appears on a command line (curl reads it from stdin).
set -u
certname=${1:-}
conf=${METALFLOW_PUPPET_ENV:-/etc/metalflow/puppet.env}

fail() { echo "metalflow autosign: $*; not signing ${certname:-?}" >&2; exit 1; }
setting() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$conf" | tail -n 1; }

case $certname in
  ''|*[!A-Za-z0-9._-]*) fail "unexpected certname '$certname'" ;;
esac
[ -r "$conf" ] || fail "cannot read $conf"
url=$(setting METALFLOW_URL)
user=$(setting METALFLOW_USER)
password=$(setting METALFLOW_PASSWORD)
ca_cert=$(setting METALFLOW_CA_CERT)
timeout=$(setting METALFLOW_TIMEOUT)
[ -n "$url" ] || fail "no METALFLOW_URL in $conf"

work=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
umask 077
cat >"$work/csr.pem"
challenge=$(openssl req -in "$work/csr.pem" -noout -text 2>/dev/null \
  | sed -n 's/^[[:space:]]*challengePassword[[:space:]]*:[[:space:]]*//p' | head -n 1)
[ -n "$challenge" ] || fail "the CSR carries no challengePassword attribute"

json_escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
curl_quote() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
printf '{"challengePassword":"%s"}' "$(json_escape "$challenge")" >"$work/body.json"

set -- --silent --show-error --output "$work/answer" --write-out '%{http_code}' --max-time "${timeout:-10}" \
  --request POST --header 'Content-Type: application/json' --data-binary @"$work/body.json"
[ -n "$ca_cert" ] && set -- "$@" --cacert "$ca_cert"
status=$(
  if [ -n "$user" ]; then printf 'user = "%s:%s"\n' "$(curl_quote "$user")" "$(curl_quote "$password")"; fi \
    | curl --config - "$@" "${url%/}/api/v1/puppet/autosign/$certname"
) || fail "metalflow at $url did not answer (curl exit $?)"
[ "$status" = 204 ] && exit 0
fail "metalflow at $url answered HTTP $status: $(head -c 300 "$work/answer" 2>/dev/null | tr '\n' ' ')"
