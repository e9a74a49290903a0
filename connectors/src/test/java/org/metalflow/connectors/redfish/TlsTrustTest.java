package org.metalflow.connectors.redfish;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Per-BMC TLS trust against a BMC with a self-signed certificate (and one issued by a site CA). */
class TlsTrustTest {

    private static final String WRONG_PIN =
            "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    private final List<AutoCloseable> resources = new ArrayList<>();

    private RedfishConnector connector() {
        RedfishConnector connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMinutes(5)));
        resources.add(0, connector);
        return connector;
    }

    private MockupRedfishServer server() {
        MockupRedfishServer server = new MockupRedfishServer(Mockups.mockup(Mockups.RACKMOUNT));
        resources.add(server);
        return server;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void pinnedFingerprintIsTrustedInAnyNotation() {
        MockupRedfishServer server = server();
        RedfishConnector connector = connector();
        String compact = server.certificateSha256().replace(":", "").toLowerCase(Locale.ROOT);

        assertThat(connector.probe(server.endpoint()).systemUris()).hasSize(1);
        assertThat(connector.probe(server.endpoint(TlsTrust.pinned(compact))).systemUris()).hasSize(1);
    }

    @Test
    void wrongPinFailsBeforeAnythingIsSent() {
        MockupRedfishServer server = server();
        RedfishConnector connector = connector();

        RedfishException e = catchThrowableOfType(() -> connector.probe(server.endpoint(TlsTrust.pinned(WRONG_PIN))),
                RedfishException.class);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage())
                .startsWith("TLS certificate of BMC " + server.address() + " does not match the pinned fingerprint")
                .contains(server.certificateSha256().toLowerCase(Locale.ROOT));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void insecureAcceptsAnything() {
        MockupRedfishServer server = server();
        assertThat(connector().probe(server.endpoint(TlsTrust.insecure())).redfishVersion()).isEqualTo("1.15.0");
    }

    @Test
    void systemTrustRejectsASelfSignedBmc() {
        MockupRedfishServer server = server();
        RedfishConnector connector = connector();

        RedfishException e = catchThrowableOfType(() -> connector.probe(server.endpoint(TlsTrust.system())),
                RedfishException.class);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).startsWith("TLS certificate of BMC " + server.address() + " is not trusted");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void caBundleTrustsCertificatesItIssuedAndNothingElse() throws Exception {
        HeldCertificate siteCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("site CA").build();
        HeldCertificate bmcCertificate = new HeldCertificate.Builder()
                .signedBy(siteCa)
                .addSubjectAlternativeName("127.0.0.1")
                .build();
        MockupRedfishServer server = new MockupRedfishServer(Mockups.mockup(Mockups.RACKMOUNT), bmcCertificate, siteCa);
        resources.add(server);
        RedfishConnector connector = connector();

        assertThat(connector.probe(server.endpoint(TlsTrust.caBundle(siteCa.certificatePem()))).systemUris())
                .hasSize(1);

        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other").build();
        RedfishException e = catchThrowableOfType(
                () -> connector.probe(server.endpoint(TlsTrust.caBundle(otherCa.certificatePem()))),
                RedfishException.class);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("is not trusted");
    }

    @Test
    void malformedPinIsAConfigurationError() {
        MockupRedfishServer server = server();
        RedfishException e = catchThrowableOfType(
                () -> connector().probe(server.endpoint(TlsTrust.pinned("abc"))), RedfishException.class);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage()).contains("TLS trust is misconfigured", "64 hex digits");
    }
}
