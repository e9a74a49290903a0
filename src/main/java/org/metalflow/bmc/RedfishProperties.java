package org.metalflow.bmc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Transport limits for every BMC; see {@link org.metalflow.connectors.redfish.RedfishSettings}. */
@ConfigurationProperties("metalflow.redfish")
public record RedfishProperties(@DefaultValue("PT30S") Duration connectTimeout,
                                @DefaultValue("PT90S") Duration readTimeout,
                                @DefaultValue("2") int maxRequestsPerBmc,
                                @DefaultValue("PT5M") Duration sessionIdleTimeout) {

    public RedfishProperties {
        if (maxRequestsPerBmc < 1) {
            throw new IllegalArgumentException("metalflow.redfish.max-requests-per-bmc must be 1 or more");
        }
    }
}
