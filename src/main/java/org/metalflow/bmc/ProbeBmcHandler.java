package org.metalflow.bmc;

import java.util.Map;
import java.util.UUID;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.ServiceInfo;
import org.metalflow.connectors.redfish.SystemInventory;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.stereotype.Component;

/**
 * {@code redfish.probe}: logs in to the BMC, finds the machine's system and records who made it. A BMC that
 * refuses (wrong credentials, no such system) is a business outcome, {@code BMC_REJECTED}; one that does not
 * answer is a technical failure that is retried.
 */
@Component
class ProbeBmcHandler implements TaskHandler {

    static final String BMC_REJECTED = "BMC_REJECTED";

    private final RedfishConnector redfish;
    private final BmcTargets targets;
    private final MachineService machines;

    ProbeBmcHandler(RedfishConnector redfish, BmcTargets targets, MachineService machines) {
        this.redfish = redfish;
        this.targets = targets;
        this.machines = machines;
    }

    @Override
    public String topic() {
        return "redfish.probe";
    }

    @Override
    public Map<String, Object> handle(TaskRequest request) {
        UUID id = request.machineId();
        BmcTargets.BmcTarget target = targets.of(id);
        Machine machine = target.machine();
        BmcEndpoint bmc = target.bmc();
        try {
            ServiceInfo service = redfish.probe(bmc);
            String systemUri = SystemChoice.choose(service.systemUris(), machine.bmc().systemId(), bmc.address());
            SystemInventory.Identity identity = redfish.identify(bmc, systemUri);
            machines.recordBmcIdentity(id, systemUri, service.vendor(), service.redfishVersion(),
                    new Machine.SystemIdentity(identity.manufacturer(), identity.model(), identity.serialNumber(),
                            identity.uuid(), identity.sku()));
            return Map.of();
        } catch (RedfishException e) {
            throw BmcFailures.classify(e, BMC_REJECTED);
        } catch (SystemChoice.NoSuchSystem e) {
            throw new BusinessFailure(BMC_REJECTED, e.getMessage());
        }
    }
}
