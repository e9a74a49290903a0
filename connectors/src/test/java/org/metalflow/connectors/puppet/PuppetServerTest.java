package org.metalflow.connectors.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.metalflow.connectors.testsupport.RealServer;

/**
 * The CA client, the report parser and the scripts in docs/puppet against a real Puppet Server 7 and real
 * {@code puppet agent} runs (each in its own loopback-only namespace). The platform's side (ENC, autosign decision,
 * report receiver) is {@link PlatformStandIn}; the server calls it through docs/puppet/enc.sh and autosign.sh.
 * The tests build on each other (one node's life: request, sign, run, revoke, clean), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PuppetServerTest {

    private static final String NODE = "node-a.metalflow.test";
    private static final String AUTOSIGNED = "autosigned.metalflow.test";
    private static final String WRONG_CHALLENGE = "wrong-challenge.metalflow.test";
    private static final String UNKNOWN = "unknown.metalflow.test";
    private static final String REPORT_USER = "reporter";
    private static final String REPORT_PASSWORD = "report-pw";
    private static final Pattern CSR_FINGERPRINT = Pattern.compile("Certificate Request fingerprint \\(SHA256\\): (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path directory;
    private static PlatformStandIn platform;
    private static RealServer server;
    private static PuppetCa ca;
    private static Instant started;

    @BeforeAll
    static void startServer() throws IOException {
        started = Instant.now();
        directory = Files.createTempDirectory("metalflow-puppet");
        platform = new PlatformStandIn();
        for (String node : new String[] {NODE, AUTOSIGNED, WRONG_CHALLENGE}) {
            platform.classify(node, "classes:\n  metalflow_test:\n    message: \"hello " + node + "\"\nenvironment: production\n");
        }
        platform.expectChallenge(AUTOSIGNED, "right-challenge");
        platform.expectChallenge(WRONG_CHALLENGE, "the-right-one");
        server = RealServer.start(Map.of(
                        "PUPPET_REPORT_URL", "http://" + REPORT_USER + ":" + REPORT_PASSWORD + "@127.0.0.1:"
                                + platform.url().substring(platform.url().lastIndexOf(':') + 1) + "/reports",
                        "PUPPET_PLATFORM_URL", platform.url(),
                        "PUPPET_PLATFORM_USER", PlatformStandIn.USER,
                        "PUPPET_PLATFORM_PASSWORD", PlatformStandIn.PASSWORD),
                "puppetserver-up.sh", directory);
        ca = new PuppetCa(PuppetCaSettings.of(server.get("CA_URL"), server.get("CA_CERT"), server.get("API_CERT"),
                server.get("API_KEY")));
    }

    @AfterAll
    static void stopServer() {
        if (ca != null) {
            ca.close();
        }
        if (server != null) {
            server.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void anAgentGetsItsCatalogOnlyAfterTheCaSignedItsRequest() throws IOException {
        Map<String, String> first = agent(NODE);
        assertThat(first.get("AGENT_EXIT")).isEqualTo("1");
        assertThat(first).doesNotContainKey("CLASSES");

        PuppetCertificate requested = ca.status(NODE).orElseThrow();
        assertThat(requested.state()).isEqualTo(PuppetCertificate.State.REQUESTED);
        assertThat(requested.fingerprint()).isEqualTo(csrFingerprint(first));
        // no challengePassword in this CSR: autosign.sh refused it without asking the platform
        assertThat(platform.autosignRequests()).noneMatch(r -> r.path().endsWith("/" + NODE));

        PuppetCertificate signed = ca.sign(NODE);
        assertThat(signed.state()).isEqualTo(PuppetCertificate.State.SIGNED);
        assertThat(signed.certname()).isEqualTo(NODE);
        assertThat(signed.subjectAltNames()).contains("DNS:" + NODE);
        assertThat(ca.sign(NODE)).as("signing again changes nothing").isEqualTo(signed);

        Map<String, String> second = agent(NODE);
        assertThat(second.get("AGENT_EXIT")).as(log(second)).isIn("0", "2");
        assertThat(second.get("CLASSES")).isEqualTo("metalflow_test");
        JsonNode klass = resource(second, "Class", "Metalflow_test");
        assertThat(klass.path("parameters").path("message").asText()).isEqualTo("hello " + NODE);
        assertThat(platform.encRequests()).anyMatch(r -> r.path().equals("/api/v1/enc/" + NODE));
    }

    @Test
    @Order(2)
    void theServerPostsTheRunsReportAsYamlThatTheParserReads() throws Exception {
        PlatformStandIn.Received received = platform.nextReport(NODE);
        assertThat(received).as("a report of " + NODE + " within 60 s").isNotNull();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.contentType()).startsWith("application/x-yaml");
        assertThat(received.authorization()).as("basic auth from the reporturl's userinfo").isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((REPORT_USER + ":" + REPORT_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "puppet-report-captured.yaml"), received.body());

        PuppetReport report = PuppetReports.parse(received.body(), received.contentType());
        assertThat(report.host()).isEqualTo(NODE);
        assertThat(report.status()).isEqualTo("changed");
        assertThat(report.environment()).isEqualTo("production");
        assertThat(report.time()).isAfter(started);
        assertThat(report.noop()).isFalse();
        assertThat(report.successful()).isTrue();
        JsonNode catalog = JSON.readTree(Path.of(directory.toString(), "agents", NODE, "var", "client_data", "catalog",
                NODE + ".json").toFile());
        assertThat(report.configurationVersion()).isEqualTo(catalog.path("version").asText());
    }

    @Test
    @Order(3)
    void signingANodeThatSentNoRequestYetIsTransient() {
        assertThat(ca.status("never-booted.metalflow.test")).isEmpty();
        assertThatThrownBy(() -> ca.sign("never-booted.metalflow.test"))
                .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("no certificate request from never-booted.metalflow.test yet")
                .hasMessageContaining(server.get("CA_URL"));
        assertThatThrownBy(() -> ca.sign("Not A Certname"))
                .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("nothing was sent");
    }

    @Test
    @Order(4)
    void aRevokedNodeIsRefusedAndCleaningForgetsIt() {
        assertThat(ca.revoke(NODE)).isTrue();
        assertThat(ca.status(NODE).orElseThrow().state()).isEqualTo(PuppetCertificate.State.REVOKED);
        assertThat(ca.revoke(NODE)).as("revoking again changes nothing").isFalse();
        assertThatThrownBy(() -> ca.sign(NODE))
                .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("revoked");

        Map<String, String> run = agent(NODE);
        assertThat(run.get("AGENT_EXIT")).isNotEqualTo("0").isNotEqualTo("2");
        assertThat(run).doesNotContainKey("CLASSES");

        // the node's own (revoked) certificate as the CA client: the server refuses the TLS handshake
        Path ssl = directory.resolve("agents").resolve(NODE).resolve("ssl");
        try (PuppetCa asRevoked = new PuppetCa(PuppetCaSettings.of(server.get("CA_URL"), server.get("CA_CERT"),
                ssl.resolve("certs").resolve(NODE + ".pem").toString(),
                ssl.resolve("private_keys").resolve(NODE + ".pem").toString()))) {
            assertThatThrownBy(() -> asRevoked.status(NODE))
                    .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("refused the TLS handshake with client certificate CN=" + NODE);
        }

        assertThat(ca.clean(NODE)).isTrue();
        assertThat(ca.status(NODE)).isEmpty();
        assertThat(ca.clean(NODE)).as("cleaning again changes nothing").isFalse();
    }

    @Test
    @Order(5)
    void aRequestWithTheChallengeThePlatformAcceptsIsAutosigned() {
        Map<String, String> run = agent(AUTOSIGNED, "right-challenge");
        assertThat(run.get("AGENT_EXIT")).as(log(run)).isIn("0", "2");
        assertThat(run.get("CLASSES")).isEqualTo("metalflow_test");
        assertThat(ca.status(AUTOSIGNED).orElseThrow().state()).isEqualTo(PuppetCertificate.State.SIGNED);
        assertThat(platform.autosignRequests()).filteredOn(r -> r.path().equals("/api/v1/puppet/autosign/" + AUTOSIGNED))
                .singleElement()
                .satisfies(r -> assertThat(JSON.readTree(r.body()).path("challengePassword").asText()).isEqualTo("right-challenge"))
                .satisfies(r -> assertThat(r.contentType()).isEqualTo("application/json"));

        Map<String, String> refused = agent(WRONG_CHALLENGE, "a-guess");
        assertThat(refused.get("AGENT_EXIT")).isEqualTo("1");
        assertThat(ca.status(WRONG_CHALLENGE).orElseThrow().state()).isEqualTo(PuppetCertificate.State.REQUESTED);
        assertThat(platform.autosignRequests()).filteredOn(r -> r.path().endsWith("/" + WRONG_CHALLENGE))
                .singleElement()
                .satisfies(r -> assertThat(JSON.readTree(r.body()).path("challengePassword").asText()).isEqualTo("a-guess"));
    }

    @Test
    @Order(6)
    void anAgentCertificateMayNotUseTheCaApi() {
        Path ssl = directory.resolve("agents").resolve(AUTOSIGNED).resolve("ssl");
        String key = ssl.resolve("private_keys").resolve(AUTOSIGNED + ".pem").toString();
        try (PuppetCa asAgent = new PuppetCa(PuppetCaSettings.of(server.get("CA_URL"), server.get("CA_CERT"),
                ssl.resolve("certs").resolve(AUTOSIGNED + ".pem").toString(), key))) {
            assertThatThrownBy(() -> asAgent.sign(WRONG_CHALLENGE))
                    .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isFalse())
                    .hasMessageContaining("HTTP 403")
                    .hasMessageContaining("CN=" + AUTOSIGNED)
                    .hasMessageContaining("auth.conf")
                    .hasMessageNotContaining("PRIVATE KEY");
            assertThat(asAgent.toString()).doesNotContain("PRIVATE KEY");
        }
        assertThat(ca.status(WRONG_CHALLENGE).orElseThrow().state()).isEqualTo(PuppetCertificate.State.REQUESTED);
    }

    @Test
    @Order(7)
    void cleaningASignedNodeRevokesItSoItsAgentIsRefused() {
        assertThat(ca.clean(AUTOSIGNED)).isTrue();
        assertThat(ca.status(AUTOSIGNED)).isEmpty();
        Map<String, String> run = agent(AUTOSIGNED);
        assertThat(run.get("AGENT_EXIT")).isNotEqualTo("0").isNotEqualTo("2");
        assertThat(run).doesNotContainKey("CLASSES");
    }

    @Test
    @Order(8)
    void aNodeThePlatformDoesNotKnowGetsNoCatalog() throws IOException {
        agent(UNKNOWN);
        ca.sign(UNKNOWN);
        Map<String, String> run = agent(UNKNOWN);
        assertThat(run.get("AGENT_EXIT")).isEqualTo("1");
        assertThat(run).doesNotContainKey("CLASSES");
        assertThat(Files.readString(Path.of(run.get("AGENT_LOG")))).contains("Could not retrieve catalog");
        assertThat(platform.encRequests()).anyMatch(r -> r.path().equals("/api/v1/enc/" + UNKNOWN));
    }

    @Test
    @Order(9)
    void aStoppedServerIsATransientFailure() {
        server.close();
        assertThatThrownBy(() -> ca.status(NODE))
                .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("did not answer GET certificate_status/" + NODE);
    }

    private static Map<String, String> agent(String certname, String... challenge) {
        String[] args = challenge.length == 0 ? new String[] {directory.toString(), certname}
                : new String[] {directory.toString(), certname, challenge[0]};
        return RealServer.script("puppet-agent.sh", args);
    }

    private static String csrFingerprint(Map<String, String> run) throws IOException {
        Matcher matcher = CSR_FINGERPRINT.matcher(Files.readString(Path.of(run.get("AGENT_LOG"))));
        assertThat(matcher.find()).as("the agent logged its CSR fingerprint").isTrue();
        return matcher.group(1);
    }

    private static JsonNode resource(Map<String, String> run, String type, String title) throws IOException {
        for (JsonNode resource : JSON.readTree(Path.of(run.get("CATALOG")).toFile()).path("resources")) {
            if (type.equals(resource.path("type").asText()) && title.equals(resource.path("title").asText())) {
                return resource;
            }
        }
        throw new AssertionError("no " + type + "[" + title + "] in " + run.get("CATALOG"));
    }

    private static String log(Map<String, String> run) {
        try {
            return Files.readString(Path.of(run.get("AGENT_LOG")));
        } catch (IOException | RuntimeException e) {
            return "(no agent log)";
        }
    }
}
