package org.metalflow.bmc;

import java.util.UUID;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.profile.HardwareProfile;
import org.metalflow.profile.ProfileService;
import org.springframework.stereotype.Component;

/** What every prepare step needs: the machine, its BMC endpoint and the profile chosen for it. */
@Component
class PreparationContext {

    record Target(Machine machine, BmcEndpoint bmc, String systemUri, HardwareProfile profile) {
    }

    private final MachineService machines;
    private final BmcEndpoints endpoints;
    private final ProfileService profiles;

    PreparationContext(MachineService machines, BmcEndpoints endpoints, ProfileService profiles) {
        this.machines = machines;
        this.endpoints = endpoints;
        this.profiles = profiles;
    }

    Target of(UUID machineId) {
        Machine machine = machines.get(machineId);
        if (machine.profileName() == null) {
            throw new IllegalStateException("machine " + machine.name() + " has no hardware profile chosen");
        }
        return new Target(machine, endpoints.of(machine), machine.bmc().systemUri(), profiles.get(machine.profileName()));
    }
}
