#!/usr/bin/env bash
# ldap-up.sh DIR : OpenLDAP (slapd) on 127.0.0.1 and a free port, with its own configuration and database in
# DIR (Debian's default database in /etc/ldap is not used), loaded with a small directory under
# dc=metalflow,dc=test:
#   ou=people   olivia (operators), rita (operators and change-approvers), carl (change-approvers),
#               dana (designers), ada (admins and camunda-admin); all inetOrgPerson with uid, cn, sn, mail
#   ou=groups   groupOfNames operators, change-approvers, designers, admins, camunda-admin (cn, member = user
#               DNs); there is deliberately no puppet-servers group
# Only the manager (rootdn) and the users themselves may read the directory; anonymous binds see nothing.
# The manager's and the users' passwords are random for each start.
# Prints LDAP_URL, BASE_DN, MANAGER_DN, MANAGER_PASSWORD, USER_SEARCH_BASE, GROUP_SEARCH_BASE, USER_PASSWORD
# (every user's password).
source "$(dirname "$0")/lib.sh"
# slapd's maintainer scripts ask debconf questions: answer "no configuration" (no default database) and never
# prompt, also on the first, quiet install attempt of ensure_packages
export DEBIAN_FRONTEND=noninteractive
if ! dpkg-query -W -f='${Status}' slapd 2>/dev/null | grep -q 'install ok installed'; then
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
fi
ensure_packages slapd ldap-utils python3
dir=$(mkdir -p "${1:?usage: ldap-up.sh DIR}" && cd "$1" && pwd)

for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] && kill -0 "$(tr -dc '0-9' <"$pidfile")" 2>/dev/null \
    && die "$dir already has a running server ($pidfile); stop it with stop.sh first"
done

base="dc=metalflow,dc=test"
manager="cn=manager,$base"
secret() { python3 -c 'import secrets; print(secrets.token_urlsafe(18))'; }
# slappasswd -T hashes a file's content, so the passwords never appear in a command line
hashed() { local f="$dir/.secret"; (umask 077; printf '%s' "$1" >"$f"); slappasswd -T "$f"; rm -f "$f"; }
manager_password=$(secret)
user_password=$(secret)
manager_hash=$(hashed "$manager_password")
user_hash=$(hashed "$user_password")
port=$(free_port)
url="ldap://127.0.0.1:$port"

rm -rf "$dir/data"
mkdir -p "$dir/data"
cat >"$dir/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 16777216
suffix "$base"
rootdn "$manager"
rootpw $manager_hash
directory $dir/data
access to attrs=userPassword
  by self =xw
  by anonymous auth
  by * none
access to *
  by users read
  by * none
EOF
chmod 600 "$dir/slapd.conf"

{
  printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\no: metalflow test directory\ndc: metalflow\n\n' "$base"
  printf 'dn: ou=people,%s\nobjectClass: organizationalUnit\nou: people\n\n' "$base"
  printf 'dn: ou=groups,%s\nobjectClass: organizationalUnit\nou: groups\n\n' "$base"
  user() { # uid given-name surname
    printf 'dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s %s\ngivenName: %s\nsn: %s\n' \
      "$1" "$base" "$1" "$2" "$3" "$2" "$3"
    printf 'mail: %s@metalflow.test\nuserPassword: %s\n\n' "$1" "$user_hash"
  }
  group() { # cn member-uid...
    local cn=$1; shift
    printf 'dn: cn=%s,ou=groups,%s\nobjectClass: groupOfNames\ncn: %s\n' "$cn" "$base" "$cn"
    for m in "$@"; do printf 'member: uid=%s,ou=people,%s\n' "$m" "$base"; done
    printf '\n'
  }
  user olivia Olivia Operator
  user rita Rita Requester
  user carl Carl Approver
  user dana Dana Designer
  user ada Ada Admin
  group operators olivia rita
  group change-approvers rita carl
  group designers dana
  group admins ada
  group camunda-admin ada
} >"$dir/directory.ldif"

slapadd -q -f "$dir/slapd.conf" -l "$dir/directory.ldif" >"$dir/slapadd.log" 2>&1 \
  || { cat "$dir/slapadd.log" >&2; die "slapadd could not load the directory"; }

# -d 0: stay in the foreground (no fork, so the pid file holds slapd itself) without debug output
start_bg "$dir" slapd /usr/sbin/slapd -d 0 -h "$url/" -f "$dir/slapd.conf"

bound() { ldapwhoami -x -H "$url" -D "$manager" -y "$dir/.manager" ; }
(umask 077; printf '%s' "$manager_password" >"$dir/.manager")
if ! (wait_for 30 "slapd on $url" bound); then
  rm -f "$dir/.manager"
  tail -n 20 "$dir/slapd.log" >&2
  exit 1
fi
rm -f "$dir/.manager"

echo "LDAP_URL=$url"
echo "BASE_DN=$base"
echo "MANAGER_DN=$manager"
echo "MANAGER_PASSWORD=$manager_password"
echo "USER_SEARCH_BASE=ou=people"
echo "GROUP_SEARCH_BASE=ou=groups"
echo "USER_PASSWORD=$user_password"
