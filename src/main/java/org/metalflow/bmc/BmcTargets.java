package org.metalflow.bmc;

import java.net.URI;
import java.util.UUID;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.TlsTrust;
import org.metalflow.inventory.BmcTls;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.security.Credential;
import org.metalflow.security.CredentialVault;
import org.springframework.stereotype.Component;

/**
 * Turns a machine id into what a handler needs to talk to its BMC: the machine and the connector's endpoint,
 * whose credential is opened from the vault for this call only.
 */
@Component
class BmcTargets {

    /** A machine and its BMC; {@code systemUri} is the machine's ComputerSystem on that BMC. */
    record BmcTarget(Machine machine, BmcEndpoint bmc) {
        String systemUri() {
            return machine.bmc().systemUri();
        }
    }

    private final MachineService machines;
    private final CredentialVault vault;

    BmcTargets(MachineService machines, CredentialVault vault) {
        this.machines = machines;
        this.vault = vault;
    }

    BmcTarget of(UUID machineId) {
        Machine machine = machines.get(machineId);
        Machine.Bmc bmc = machine.bmc();
        Credential credential = vault.reveal(bmc.credentialId());
        return new BmcTarget(machine, new BmcEndpoint(URI.create(bmc.address()), credential.username(),
                credential.password(), trust(bmc.tls())));
    }

    private static TlsTrust trust(BmcTls tls) {
        return switch (tls.mode()) {
            case system -> TlsTrust.system();
            case pinned -> TlsTrust.pinned(tls.certificateSha256());
            case ca_bundle -> TlsTrust.caBundle(tls.caBundle());
            case insecure -> TlsTrust.insecure();
        };
    }
}
