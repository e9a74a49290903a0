package org.metalflow.connectors.puppet;

import java.time.Instant;
import java.util.Objects;

/**
 * The summary of one Puppet run, as the report processor of Puppet Server sends it.
 *
 * @param host                 the node's certname
 * @param status               {@code changed}, {@code unchanged} or {@code failed}
 * @param time                 when the run started
 * @param configurationVersion the catalog's version (by default the compile time in seconds); null when the run
 *                             got no catalog
 * @param environment          the Puppet environment the run used
 * @param noop                 true for a run that only simulated its changes
 * @param cachedCatalogStatus  {@code not_used}, {@code explicitly_requested} or {@code on_failure} (the run applied
 *                             a cached catalog because compiling a new one failed); null when the report has none
 */
public record PuppetReport(String host, String status, Instant time, String configurationVersion, String environment,
                           boolean noop, String cachedCatalogStatus) {

    public PuppetReport {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
    }

    /**
     * True for a run that applied a freshly compiled catalog without failures: what "the node's first successful
     * Puppet run" means.
     */
    public boolean successful() {
        return ("changed".equals(status) || "unchanged".equals(status)) && !noop
                && (cachedCatalogStatus == null || "not_used".equals(cachedCatalogStatus));
    }
}
