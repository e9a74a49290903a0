#!/usr/bin/env bash
# dhcp-client.sh NETNS MAC [bios|uefi|ipxe] : one real DHCP exchange (busybox udhcpc) from eth0 in NETNS with
# MAC, presenting itself as a BIOS PXE client (option 93 = 0), an x64 UEFI one (93 = 7) or iPXE
# (user class 77 = "iPXE"). Prints what the server offered as KEY=VALUE lines: IP, SIADDR, BOOT_FILE, HOSTNAME.
# Exits non-zero when no lease came within 10 s.
source "$(dirname "$0")/lib.sh"
ensure_packages busybox
ns=${1:?netns} mac=${2:?mac} kind=${3:-bios}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/script" <<'SCRIPT'
#!/bin/sh
[ "$1" = bound ] || exit 0
{
  echo "IP=$ip"
  echo "SIADDR=$siaddr"
  echo "BOOT_FILE=${boot_file:-$bootfile}"
  echo "HOSTNAME=$hostname"
} >"$(dirname "$0")/lease"
SCRIPT
chmod +x "$work/script"
case $kind in
  bios) opts=(-x 0x5d:0000) ;;
  uefi) opts=(-x 0x5d:0007) ;;
  ipxe) opts=(-x 0x5d:0000 -x 0x4d:69505845) ;;  # "iPXE" in hex
  *) die "unknown client kind $kind" ;;
esac
ip -n "$ns" link set eth0 down
ip -n "$ns" link set eth0 address "$mac"
ip -n "$ns" link set eth0 up
# -q: quit after the lease; -n: fail instead of retrying forever; -t/-T: 5 tries 2 s apart; -O 67/66: ask for boot options
ip netns exec "$ns" busybox udhcpc -f -q -n -t 5 -T 2 -i eth0 -s "$work/script" -O bootfile -O tftp "${opts[@]}" >"$work/out" 2>&1 \
  || die "no DHCP lease for $mac in $ns: $(tail -3 "$work/out")"
cat "$work/lease"
