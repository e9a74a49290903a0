#!/usr/bin/env bash
# puppetserver-up.sh DIR [ENC_URL] : Puppet Server 7 (Debian's puppetserver, CA included) for the Puppet connector
# tests, everything under DIR: conf.d/services.d in DIR/server, puppet.conf in DIR/etc, ssldir DIR/ssl, cadir DIR/ca,
# vardir DIR/var, codedir DIR/code (environment production with the test module metalflow_test). It listens on
# 127.0.0.1 and a free port; its certificate names localhost and IP 127.0.0.1.
#   ENC: node_terminus=exec, external_nodes=DIR/enc.sh, which prints `curl ENC_URL/CERTNAME` (a failed request
#     makes Puppet refuse the node); without ENC_URL but with PUPPET_PLATFORM_URL (below) it runs docs/puppet/enc.sh
#     (GET PLATFORM/api/v1/enc/CERTNAME with the platform credential); without both, a test-only `classes: {}`.
#   Reports: env PUPPET_REPORT_URL set -> `reports = http`, `reporturl = PUPPET_REPORT_URL`; unset -> `reports = store`.
#   Autosign: env PUPPET_PLATFORM_URL set -> `autosign = DIR/autosign.sh`, which runs docs/puppet/autosign.sh with
#     DIR/metalflow-puppet.env (METALFLOW_URL=PUPPET_PLATFORM_URL, METALFLOW_USER/METALFLOW_PASSWORD =
#     PUPPET_PLATFORM_USER/PUPPET_PLATFORM_PASSWORD); unset -> no autosigning.
# It also makes the platform's dedicated API client certificate `metalflow-api` (own key and CSR, signed through
# the CA API with the server's certificate); auth.conf lets only certificates with pp_cli_auth (the server's own)
# and metalflow-api use certificate_status(es).
# Prints PUPPET_PORT CA_URL CA_CERT API_CERT API_KEY API_CERTNAME SERVER_CERTNAME SERVER_CERT SERVER_KEY SSL_DIR.
# puppet-agent.sh DIR CERTNAME runs an agent against it; stop.sh DIR stops it.
source "$(dirname "$0")/lib.sh"
ensure_packages puppetserver puppet-agent curl openssl python3
dir=$(mkdir -p "${1:?usage: puppetserver-up.sh DIR [ENC_URL]}" && cd "$1" && pwd)
enc_url=${2:-}
report_url=${PUPPET_REPORT_URL:-}
platform_url=${PUPPET_PLATFORM_URL:-}
docs_dir="$(cd "$SERVERS_DIR/../../../.." && pwd)/docs/puppet"

for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] && kill -0 "$(tr -dc '0-9' <"$pidfile")" 2>/dev/null \
    && die "$dir already has a running server ($pidfile); stop it with stop.sh first"
done

port=$(free_port)
server_certname=puppetserver.metalflow.test
api_certname=metalflow-api
debian=/etc/puppet/puppetserver
# a fresh CA and fresh agents every start: an old metalflow-api certificate would make its new CSR fail (HTTP 400)
rm -rf "$dir"/{server,etc,ssl,ca,var,run,log,api,code,agents}
mkdir -p "$dir"/{server/conf.d,server/services.d,etc,ssl,ca,var,run,log,gems,api} \
  "$dir/code/environments/production/manifests" "$dir/code/environments/production/modules/metalflow_test/manifests"

cp "$debian/services.d/bootstrap.cfg" "$debian/services.d/ca.cfg" "$dir/server/services.d/"
cp "$debian/conf.d/ca.conf" "$debian/conf.d/web-routes.conf" "$debian/conf.d/metrics.conf" "$dir/server/conf.d/"
# Debian's auth.conf, with the certificate_status(es) rules also allowing the platform's API certificate
python3 - "$debian/conf.d/auth.conf" "$dir/server/conf.d/auth.conf" "$api_certname" <<'PY' || die "cannot adapt auth.conf"
import re, sys
text = open(sys.argv[1]).read()
changed = 0
def widen(match):
    global changed
    changed += 1
    return match.group(1) + 'allow: [ { extensions: { pp_cli_auth: "true" } }, "' + sys.argv[3] + '" ]'
for path in ("/puppet-ca/v1/certificate_status", "/puppet-ca/v1/certificate_statuses"):
    pattern = r'(path: "' + re.escape(path) + r'"[^}]*\}\s*)allow: \{\s*extensions: \{\s*pp_cli_auth: "true"\s*\}\s*\}'
    text = re.sub(pattern, widen, text, count=1)
if changed != 2:
    sys.exit("expected 2 pp_cli_auth rules for certificate_status(es), found %d" % changed)
open(sys.argv[2], "w").write(text)
PY

cat >"$dir/server/conf.d/global.conf" <<EOF
global: { logging-config: "$dir/server/logback.xml" }
EOF
cat >"$dir/server/conf.d/webserver.conf" <<EOF
webserver: {
    client-auth: want
    ssl-host: 127.0.0.1
    ssl-port: $port
}
EOF
cat >"$dir/server/conf.d/puppetserver.conf" <<EOF
jruby-puppet: {
    ruby-load-path: [/usr/lib/puppetserver/ruby/vendor_ruby]
    gem-home: "$dir/gems"
    gem-path: ["$dir/gems", "/usr/lib/puppetserver/vendored-jruby-gems"]
    server-conf-dir: "$dir/etc"
    server-code-dir: "$dir/code"
    server-var-dir: "$dir/var"
    server-run-dir: "$dir/run"
    server-log-dir: "$dir/log"
    max-active-instances: 1
}
http-client: {}
profiler: {}
product: { check-for-updates: false }
dropsonde: { enabled: false }
EOF
cat >"$dir/server/logback.xml" <<'EOF'
<configuration>
    <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
        <encoder><pattern>%d{HH:mm:ss.SSS} %-5p [%c{2}] %m%n</pattern></encoder>
    </appender>
    <logger name="org.eclipse.jetty" level="WARN"/>
    <root level="info"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF

# runs docs/puppet/SCRIPT with the platform settings in DIR/metalflow-puppet.env
platform_wrapper() {
  [ -x "$docs_dir/$1" ] || die "no executable $docs_dir/$1"
  cat >"$dir/$1" <<EOF
#!/bin/sh
METALFLOW_PUPPET_ENV="$dir/metalflow-puppet.env" exec "$docs_dir/$1" "\$@"
EOF
  chmod 755 "$dir/$1"
}
if [ -n "$platform_url" ]; then
  (umask 077; printf 'METALFLOW_URL=%s\nMETALFLOW_USER=%s\nMETALFLOW_PASSWORD=%s\n' "$platform_url" \
    "${PUPPET_PLATFORM_USER:-}" "${PUPPET_PLATFORM_PASSWORD:-}" >"$dir/metalflow-puppet.env")
fi
if [ -n "$enc_url" ]; then
  cat >"$dir/enc.sh" <<EOF
#!/bin/sh
exec curl -sSf --max-time 10 "${enc_url%/}/\$1"
EOF
  chmod 755 "$dir/enc.sh"
elif [ -n "$platform_url" ]; then
  platform_wrapper enc.sh
else
  printf '#!/bin/sh\necho "classes: {}"\n' >"$dir/enc.sh"
  chmod 755 "$dir/enc.sh"
fi

reports="reports = store"
[ -n "$report_url" ] && reports=$(printf 'reports = http\nreporturl = %s' "$report_url")
autosign="autosign = false"
if [ -n "$platform_url" ]; then
  platform_wrapper autosign.sh
  autosign="autosign = $dir/autosign.sh"
fi

cat >"$dir/etc/puppet.conf" <<EOF
[main]
certname = $server_certname
dns_alt_names = localhost,IP:127.0.0.1
ssldir = $dir/ssl
vardir = $dir/var
codedir = $dir/code
logdir = $dir/log
rundir = $dir/run
[server]
cadir = $dir/ca
node_terminus = exec
external_nodes = $dir/enc.sh
$reports
$autosign
EOF

cat >"$dir/code/environments/production/modules/metalflow_test/manifests/init.pp" <<'EOF'
class metalflow_test (String $message = 'no message') {
  notify { 'metalflow_test': message => $message }
}
EOF
: >"$dir/code/environments/production/manifests/site.pp"

# what puppet-agent.sh needs to reach this server
printf 'PUPPET_PORT=%s\n' "$port" >"$dir/puppet-agent.env"

rm -f "$dir/run/restart"
start_bg "$dir" puppetserver java -Xms512m -Xmx1g \
  -Djruby.logger.class=com.puppetlabs.jruby_utils.jruby.Slf4jLogger -Djruby.lib=/usr/share/jruby/lib \
  -jar /usr/share/puppetserver/puppetserver.jar --config "$dir/server/conf.d" \
  --bootstrap-config "$dir/server/services.d" --restart-file "$dir/run/restart"
started() { [ "$(cat "$dir/run/restart" 2>/dev/null)" = 1 ]; }
alive() { kill -0 "$(cat "$dir/puppetserver.pid")" 2>/dev/null; }
deadline=$(( $(date +%s) + 150 ))
until started; do
  alive || { tail -n 30 "$dir/puppetserver.log" >&2; die "puppetserver exited during start"; }
  [ "$(date +%s)" -lt "$deadline" ] || { tail -n 30 "$dir/puppetserver.log" >&2; die "puppetserver did not start within 150 s"; }
  sleep 0.2
done

ca_url="https://127.0.0.1:$port"
ca_cert="$dir/ssl/certs/ca.pem"
server_cert="$dir/ssl/certs/$server_certname.pem"
server_key="$dir/ssl/private_keys/$server_certname.pem"
ca() { curl -sS --fail-with-body --max-time 20 --cacert "$ca_cert" "$@"; }

# the platform's API client certificate: its own key and CSR, signed by the CA like any node's
api_key="$dir/api/$api_certname.key"
api_cert="$dir/api/$api_certname.pem"
(umask 077; openssl genrsa -out "$api_key" 2048 2>/dev/null) || die "openssl genrsa failed"
openssl req -new -key "$api_key" -subj "/CN=$api_certname" -out "$dir/api/$api_certname.csr" \
  || die "openssl req failed"
ca -X PUT -H 'Content-Type: text/plain' --data-binary @"$dir/api/$api_certname.csr" \
  "$ca_url/puppet-ca/v1/certificate_request/$api_certname" >/dev/null || die "submitting the $api_certname CSR failed"
ca --cert "$server_cert" --key "$server_key" -X PUT -H 'Content-Type: application/json' \
  --data '{"desired_state":"signed"}' "$ca_url/puppet-ca/v1/certificate_status/$api_certname" >/dev/null \
  || die "signing $api_certname with the server's certificate failed"
ca "$ca_url/puppet-ca/v1/certificate/$api_certname" >"$api_cert" || die "fetching the $api_certname certificate failed"

echo "PUPPET_PORT=$port"
echo "CA_URL=$ca_url"
echo "CA_CERT=$ca_cert"
echo "API_CERT=$api_cert"
echo "API_KEY=$api_key"
echo "API_CERTNAME=$api_certname"
echo "SERVER_CERTNAME=$server_certname"
echo "SERVER_CERT=$server_cert"
echo "SERVER_KEY=$server_key"
echo "SSL_DIR=$dir/ssl"
