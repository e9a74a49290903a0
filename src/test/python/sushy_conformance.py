"""Drives one lab BMC with OpenStack's sushy, an independent Redfish client, and prints what it saw as JSON.

Usage: sushy_conformance.py BASE_URL USERNAME PASSWORD CA_FILE TIMEOUT_SECONDS
"""
import json
import sys
import time

import sushy
from sushy import auth as sushy_auth


def wait_for(read, accept, timeout):
    deadline = time.monotonic() + timeout
    value = read()
    while not accept(value) and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


def main():
    base_url, username, password, ca_file, timeout = sys.argv[1:6]
    timeout = float(timeout)
    result = {}
    root = sushy.Sushy(base_url, verify=ca_file,
                       auth=sushy_auth.SessionAuth(username=username, password=password))
    result["redfish_version"] = root.redfish_version
    result["session_count"] = len(root.get_session_service().sessions.get_members())

    system = root.get_system()
    result["system_id"] = system.identity
    result["power_before"] = system.power_state.value

    off = system.power_state == sushy.PowerState.OFF
    system.reset_system(sushy.ResetType.ON if off else sushy.ResetType.FORCE_OFF)
    wanted = sushy.PowerState.ON if off else sushy.PowerState.OFF

    def power():
        system.refresh()
        return system.power_state
    result["power_after"] = wait_for(power, lambda state: state == wanted, timeout).value

    system.set_system_boot_options(sushy.BootSource.PXE, enabled=sushy.BootSourceOverrideEnabled.ONCE)
    system.refresh()
    result["boot_target"] = system.boot.target.value
    result["boot_enabled"] = system.boot.enabled.value

    bios = system.bios
    result["bios_attributes"] = dict(bios.attributes)
    result["bios_pending"] = dict(bios.pending_attributes)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
