package org.metalflow.connectors.dns.powerdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PowerDnsSettingsTest {

    @Test
    void theBaseUrlMayCarryTheApiPrefix() {
        assertThat(PowerDnsSettings.of("http://pdns:8081/api/v1/", "k").baseUrl()).hasToString("http://pdns:8081");
        assertThat(PowerDnsSettings.of("http://pdns:8081/", "k").baseUrl()).hasToString("http://pdns:8081");
    }

    @Test
    void defaultsAreLocalhostTenSecondsAndOneWriteAtATime() {
        PowerDnsSettings settings = PowerDnsSettings.of("http://pdns:8081", "k");

        assertThat(settings.serverId()).isEqualTo("localhost");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxConcurrentWrites()).isEqualTo(1);
        assertThat(settings.withMaxConcurrentWrites(4).maxConcurrentWrites()).isEqualTo(4);
    }

    @Test
    void theApiKeyIsNeverShown() {
        PowerDnsSettings settings = PowerDnsSettings.of("http://pdns:8081", "s3cr3t-api-key");

        assertThat(settings.toString()).contains("http://pdns:8081").doesNotContain("s3cr3t-api-key");
        assertThat(settings.describe()).doesNotContain("s3cr3t-api-key");
        try (PowerDnsProvider provider = new PowerDnsProvider(settings)) {
            assertThat(provider.toString()).doesNotContain("s3cr3t-api-key");
        }
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> PowerDnsSettings.of("ftp://pdns", "k")).hasMessageContaining("http");
    }
}
