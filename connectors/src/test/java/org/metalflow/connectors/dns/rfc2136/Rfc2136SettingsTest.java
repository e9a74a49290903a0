package org.metalflow.connectors.dns.rfc2136;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class Rfc2136SettingsTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";

    @Test
    void algorithmsAreNamedAsBindNamesThem() {
        assertThat(TsigAlgorithm.of("hmac-sha256")).isEqualTo(TsigAlgorithm.HMAC_SHA256);
        assertThat(TsigAlgorithm.of("HMAC_SHA512")).isEqualTo(TsigAlgorithm.HMAC_SHA512);
        assertThat(TsigAlgorithm.of("hmac-sha1.")).isEqualTo(TsigAlgorithm.HMAC_SHA1);
        assertThat(TsigAlgorithm.of("hmac-md5.sig-alg.reg.int.")).isEqualTo(TsigAlgorithm.HMAC_MD5);
        assertThatThrownBy(() -> TsigAlgorithm.of("gss-tsig")).hasMessageContaining("hmac-sha256");
    }

    @Test
    void defaultsAreSha256TcpAndTenSeconds() {
        Rfc2136Settings settings = Rfc2136Settings.signed("ns1.lab.example", 53, "key", null, SECRET);

        assertThat(settings.tsigAlgorithm()).isEqualTo(TsigAlgorithm.HMAC_SHA256);
        assertThat(settings.transport()).isEqualTo(Rfc2136Settings.Transport.TCP);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.signed()).isTrue();
        assertThat(Rfc2136Settings.unsigned("ns1.lab.example", 53).signed()).isFalse();
    }

    @Test
    void theSecretIsNeverShown() {
        Rfc2136Settings settings = Rfc2136Settings.signed("ns1.lab.example", 53, "key", TsigAlgorithm.HMAC_SHA512, SECRET);

        assertThat(settings.toString()).contains("ns1.lab.example:53", "key", "hmac-sha512").doesNotContain(SECRET);
        assertThat(new Rfc2136Provider(settings).toString()).doesNotContain(SECRET);
    }

    @Test
    void aBrokenKeyIsRefusedWithoutEchoingIt() {
        String notBase64 = "this is not base64!";
        assertThatThrownBy(() -> Rfc2136Settings.signed("ns1", 53, "key", null, notBase64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(notBase64));
        assertThatThrownBy(() -> new Rfc2136Settings("ns1", 53, "key", null, null, null, null))
                .hasMessageContaining("secret missing");
        assertThatThrownBy(() -> Rfc2136Settings.unsigned("ns1", 0)).hasMessageContaining("port");
    }
}
