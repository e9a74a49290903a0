package org.metalflow.bmc;

import java.net.URI;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.TlsTrust;
import org.metalflow.inventory.BmcTls;
import org.metalflow.inventory.Machine;
import org.metalflow.security.Credential;
import org.metalflow.security.CredentialVault;
import org.springframework.stereotype.Component;

/** Builds the connector's view of a machine's BMC, opening its credential from the vault for this call only. */
@Component
class BmcEndpoints {

    private final CredentialVault vault;

    BmcEndpoints(CredentialVault vault) {
        this.vault = vault;
    }

    BmcEndpoint of(Machine machine) {
        Machine.Bmc bmc = machine.bmc();
        Credential credential = vault.reveal(bmc.credentialId());
        return new BmcEndpoint(URI.create(bmc.address()), credential.username(), credential.password(), trust(bmc.tls()));
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
