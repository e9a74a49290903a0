package org.metalflow.bmc;

import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedfishConfiguration {

    /** One connector for the whole platform: sessions and the per-BMC request limit are shared by every process. */
    @Bean(destroyMethod = "close")
    RedfishConnector redfishConnector(RedfishProperties p) {
        return new RedfishConnector(new RedfishSettings(p.connectTimeout(), p.readTimeout(), p.maxRequestsPerBmc(),
                p.sessionIdleTimeout()));
    }
}
