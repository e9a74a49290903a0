package org.metalflow.profile;

import java.util.Map;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/** {@code profile.match}: chooses the machine's hardware profile and records it; none is {@code NO_PROFILE}. */
@Component
class MatchProfileHandler implements TaskHandler {

    private final ProfileService profiles;
    private final MachineService machines;

    MatchProfileHandler(ProfileService profiles, MachineService machines) {
        this.profiles = profiles;
        this.machines = machines;
    }

    @Override
    public String topic() {
        return "profile.match";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        Machine machine = machines.get(request.machineId());
        HardwareProfile profile = profiles.match(machine).orElseThrow(() -> new BusinessFailure("NO_PROFILE",
                "no hardware profile matches " + machine.identity().manufacturer() + " " + machine.identity().model()
                        + "; add one with PUT /api/v1/profiles/{name}"));
        machines.recordProfile(machine.id(), profile.name());
        return Map.of("profileName", profile.name());
    }
}
