package org.metalflow.bmc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Transport limits for every BMC; see {@link org.metalflow.connectors.redfish.RedfishSettings}. */
@ConfigurationProperties("metalflow.redfish")
public record RedfishProperties(Duration connectTimeout, Duration readTimeout, int maxRequestsPerBmc,
                                Duration sessionIdleTimeout) {
}
