#!/usr/bin/env bash
# ensure-chromium.sh : installs Debian's chromium and chromium-driver when missing (the browser tests drive
# /usr/bin/chromium through /usr/bin/chromedriver; nothing is downloaded from anywhere but the Debian archive).
source "$(dirname "$0")/../../../connectors/src/test/servers/lib.sh"
ensure_packages chromium chromium-driver
[ -x /usr/bin/chromium ] || die "no /usr/bin/chromium after installing chromium"
[ -x /usr/bin/chromedriver ] || die "no /usr/bin/chromedriver after installing chromium-driver"
