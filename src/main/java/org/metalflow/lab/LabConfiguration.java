package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the simulated fleet with the platform when {@code metalflow.lab.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "metalflow.lab", name = "enabled", havingValue = "true")
public class LabConfiguration {

    @Bean
    LabFleet labFleet(LabProperties properties) {
        return new LabFleet(properties);
    }

    @Bean
    LabTls labTls(@Value("${metalflow.data-dir:./data}") String dataDir) {
        return LabTls.loadOrCreate(Path.of(dataDir, "lab"));
    }

    /** Its own ObjectMapper: the Redfish bodies must not change with the platform's JSON settings. */
    @Bean
    LabRedfishServer labRedfishServer(LabFleet fleet, LabTls tls) {
        return new LabRedfishServer(fleet, tls, new ObjectMapper());
    }

    /** The lab's machines network-boot and install against the platform like real ones. */
    @Bean
    LabInstaller labInstaller(LabFleet fleet, org.metalflow.connectors.dhcp.DhcpProvider dhcp,
                              org.metalflow.boot.PlatformUrl platform, LabInstallerProperties properties) {
        LabInstaller installer = new LabInstaller(dhcp, platform, properties);
        fleet.onNetboot(installer);
        return installer;
    }

    @Bean
    SmartLifecycle labServerLifecycle(LabRedfishServer server) {
        return new LabServerLifecycle(server);
    }

    /** Listens once the context is up and stops before the beans go away. */
    static final class LabServerLifecycle implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(LabServerLifecycle.class);

        private final LabRedfishServer server;

        LabServerLifecycle(LabRedfishServer server) {
            this.server = server;
        }

        @Override
        public void start() {
            server.start();
            LabFleet fleet = server.fleet();
            log.info("Lab: {} simulated BMCs ({}) on port {} from {}, TLS certificate SHA-256 {}", fleet.size(),
                    fleet.properties().vendorMix(), server.port(), fleet.properties().firstAddress(),
                    server.tls().certificateSha256());
        }

        @Override
        public void stop() {
            server.stop();
        }

        @Override
        public boolean isRunning() {
            return server.isRunning();
        }
    }
}
