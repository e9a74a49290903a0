package org.metalflow.connectors.redfish;

import java.time.Duration;

/**
 * Transport limits shared by every call to every BMC.
 *
 * @param maxRequestsPerBmc concurrent requests allowed to one BMC, whoever makes them
 * @param sessionIdleTimeout a session unused this long is logged out
 */
public record RedfishSettings(Duration connectTimeout, Duration readTimeout, int maxRequestsPerBmc,
                              Duration sessionIdleTimeout) {

    public static RedfishSettings defaults() {
        return new RedfishSettings(Duration.ofSeconds(30), Duration.ofSeconds(90), 2, Duration.ofMinutes(5));
    }
}
