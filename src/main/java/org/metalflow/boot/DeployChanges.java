package org.metalflow.boot;

import java.util.List;
import org.metalflow.inventory.ActionChanges;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.springframework.stereotype.Component;

/**
 * What a deploy would do, for approvers ({@code os}): the OS, network and host name its request stored a
 * moment earlier in the same transaction ({@link DeployParameters}).
 */
@Component
class DeployChanges implements ActionChanges {

    private final DeploymentRepository deployments;

    DeployChanges(DeploymentRepository deployments) {
        this.deployments = deployments;
    }

    @Override
    public List<Change> changes(Machine machine, MachineAction action) {
        if (action != MachineAction.DEPLOY) {
            return List.of();
        }
        return deployments.find(machine.id()).map(d -> List.of(new Change("os", "install " + d.os()
                + " on network " + d.network() + " as " + d.hostname() + " (the drives are overwritten)")))
                .orElse(List.of());
    }
}
