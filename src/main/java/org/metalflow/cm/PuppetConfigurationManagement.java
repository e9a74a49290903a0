package org.metalflow.cm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.connectors.puppet.PuppetCa;
import org.metalflow.connectors.puppet.PuppetException;
import org.metalflow.workflow.BusinessFailure;

/**
 * {@code metalflow.cm.system=puppet}: the install template points the agent at {@code server} with the machine's
 * certname and the install token as challengePassword; once the installer reported, the platform signs the
 * agent's certificate request (or Puppet Server autosigns through the platform); the first successful run is
 * the first successful report received; release revokes and cleans the certificate.
 */
final class PuppetConfigurationManagement implements ConfigurationManagement {

    private final PuppetCa ca;
    private final CmRuns runs;
    private final String server;
    private final boolean apiSigning;

    PuppetConfigurationManagement(PuppetCa ca, CmRuns runs, String server, boolean apiSigning) {
        this.ca = ca;
        this.runs = runs;
        this.server = server;
        this.apiSigning = apiSigning;
    }

    @Override
    public Map<String, Object> register(UUID machineId, String certname) {
        return Map.of("puppetServer", server, "certname", certname);
    }

    @Override
    public void admit(UUID machineId, String certname) {
        if (apiSigning) {
            call(() -> ca.sign(certname));
        }
    }

    @Override
    public Optional<Instant> successfulRunSince(UUID machineId, String certname, Instant since) {
        return runs.lastRun(machineId).filter(run -> !run.isBefore(since));
    }

    @Override
    public void deregister(UUID machineId, String certname) {
        call(() -> ca.clean(certname));
    }

    @Override
    public void close() {
        ca.close();
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (PuppetException e) {
            throw e.transientFailure() ? e : new BusinessFailure(ChefConfigurationManagement.REJECTED, e.getMessage());
        }
    }
}
