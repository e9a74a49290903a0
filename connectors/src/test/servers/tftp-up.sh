#!/usr/bin/env bash
# tftp-up.sh DIR [NETNS ADDRESS] : tftpd-hpa serving the iPXE first stages from Debian's ipxe package
# (undionly.kpxe, ipxe.efi, snponly.efi, copied into DIR/root). Without NETNS it listens on 127.0.0.1 at a free
# port; with NETNS ADDRESS (e.g. mfd-srv 10.77.2.1, a namespace another script made) on ADDRESS:69 inside it.
# --secure chroots into DIR/root, so names are relative to it and nothing outside can be read.
# Prints TFTP_ADDRESS, TFTP_PORT, TFTP_ROOT.
source "$(dirname "$0")/lib.sh"
dir=${1:?usage: tftp-up.sh DIR [NETNS ADDRESS]}
netns=${2:-}
address=${3:-}
[ -z "$netns" ] || [ -n "$address" ] || die "usage: tftp-up.sh DIR [NETNS ADDRESS]"
mkdir -p "$dir/root"
dir=$(cd "$dir" && pwd)
ensure_packages tftpd-hpa tftp-hpa ipxe iproute2

for f in undionly.kpxe ipxe.efi snponly.efi; do
  # ipxe.efi is a symlink to /boot/ipxe.efi: copy the file, since a link would point outside the chroot.
  cp -L "/usr/lib/ipxe/$f" "$dir/root/$f" || die "Debian's ipxe package has no /usr/lib/ipxe/$f"
done

if [ -n "$netns" ]; then
  port=69
  in_ns=(ip netns exec "$netns")
else
  address=127.0.0.1
  port=$(free_port)
  in_ns=()
fi
start_bg "$dir" tftpd "${in_ns[@]}" in.tftpd --foreground --address "$address:$port" --secure --user root "$dir/root"
pid=$(cat "$dir/tftpd.pid")
# tftpd-hpa logs only to syslog, so readiness is seen from outside: its UDP socket is bound.
tftp_socket_open() {
  kill -0 "$pid" && "${in_ns[@]}" ss -Hlun "sport = :$port" | grep -q .
}
wait_for 10 "in.tftpd on $address:$port (log: $dir/tftpd.log)" tftp_socket_open
echo "TFTP_ADDRESS=$address"
echo "TFTP_PORT=$port"
echo "TFTP_ROOT=$dir/root"
