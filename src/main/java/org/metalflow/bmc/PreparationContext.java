package org.metalflow.bmc;

import java.util.UUID;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.inventory.Machine;
import org.metalflow.profile.HardwareProfile;
import org.metalflow.profile.ProfileService;
import org.springframework.stereotype.Component;

/** What every prepare step needs: the machine, its BMC endpoint and the profile chosen for it. */
@Component
class PreparationContext {

    record Target(Machine machine, BmcEndpoint bmc, String systemUri, HardwareProfile profile) {
    }

    private final BmcTargets targets;
    private final ProfileService profiles;

    PreparationContext(BmcTargets targets, ProfileService profiles) {
        this.targets = targets;
        this.profiles = profiles;
    }

    Target of(UUID machineId) {
        BmcTargets.BmcTarget target = targets.of(machineId);
        Machine machine = target.machine();
        if (machine.profileName() == null) {
            throw new IllegalStateException("machine " + machine.name() + " has no hardware profile chosen");
        }
        return new Target(machine, target.bmc(), target.systemUri(), profiles.get(machine.profileName()));
    }
}
