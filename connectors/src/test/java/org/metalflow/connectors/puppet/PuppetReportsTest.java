package org.metalflow.connectors.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The parser on reports captured from a real Puppet Server 7.9.5 {@code http} report processor (agent 7.23.0):
 * {@code report-changed.yaml} and {@code report-unchanged.yaml} are request bodies it POSTed with
 * {@code Content-Type: application/x-yaml; charset=UTF-8}.
 */
class PuppetReportsTest {

    private static final String YAML = "application/x-yaml; charset=UTF-8";

    @Test
    void readsTheSummaryOfACapturedReportWithChanges() throws IOException {
        PuppetReport report = PuppetReports.parse(resource("report-changed.yaml"), YAML);

        assertThat(report.host()).isEqualTo("node-a.metalflow.test");
        assertThat(report.status()).isEqualTo("changed");
        assertThat(report.time()).isEqualTo(Instant.parse("2026-11-25T04:38:45.264755854Z"));
        assertThat(report.configurationVersion()).isEqualTo("1795581527");
        assertThat(report.environment()).isEqualTo("production");
        assertThat(report.noop()).isFalse();
        assertThat(report.cachedCatalogStatus()).isEqualTo("not_used");
        assertThat(report.successful()).isTrue();
    }

    @Test
    void readsACapturedReportWithoutChangesEvenWithoutContentType() throws IOException {
        PuppetReport report = PuppetReports.parse(resource("report-unchanged.yaml"), null);

        assertThat(report.host()).isEqualTo("node3.metalflow.test");
        assertThat(report.status()).isEqualTo("unchanged");
        assertThat(report.configurationVersion()).isEqualTo("1795581082");
        assertThat(report.successful()).isTrue();
    }

    @Test
    void nestedKeysDoNotShadowTheReportsOwn() throws IOException {
        // the captured report has log entries with their own 'time:' and resource statuses with 'status'-like keys
        String text = new String(resource("report-changed.yaml"), StandardCharsets.UTF_8);
        assertThat(text).contains("\n  time: ");
        assertThat(PuppetReports.parse(resource("report-changed.yaml"), YAML).time())
                .isEqualTo(Instant.parse("2026-11-25T04:38:45.264755854Z"));
    }

    @Test
    void failedNoopAndCachedRunsAreNotSuccessful() {
        String base = "--- !ruby/object:Puppet::Transaction::Report\nhost: n1\ntime: '2026-01-02T03:04:05.000000000+01:00'\n"
                + "environment: production\n";
        assertThat(parse(base + "status: failed\n").successful()).isFalse();
        assertThat(parse(base + "status: unchanged\nnoop: true\n").successful()).isFalse();
        assertThat(parse(base + "status: changed\ncached_catalog_status: on_failure\n").successful()).isFalse();
        assertThat(parse(base + "status: changed\n").time()).isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
        assertThat(parse(base + "status: changed\n").configurationVersion()).isNull();
    }

    @Test
    void readsQuotedScalars() {
        PuppetReport report = parse("host: 'it''s'\nstatus: \"chan\\\"ged\"\nenvironment: plain # comment\n");
        assertThat(report.host()).isEqualTo("it's");
        assertThat(report.status()).isEqualTo("chan\"ged");
        assertThat(report.environment()).isEqualTo("plain");
    }

    @Test
    void readsTheSameFieldsInJson() {
        String json = "{\"host\":\"node-j\",\"status\":\"unchanged\",\"time\":\"2026-11-25T04:31:20.181313922+00:00\","
                + "\"configuration_version\":1795581082,\"environment\":\"production\",\"noop\":false,"
                + "\"logs\":[{\"time\":\"2000-01-01T00:00:00+00:00\"}]}";
        PuppetReport report = PuppetReports.parse(json.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(report.host()).isEqualTo("node-j");
        assertThat(report.configurationVersion()).isEqualTo("1795581082");
        assertThat(report.time()).isEqualTo(Instant.parse("2026-11-25T04:31:20.181313922Z"));
        assertThat(PuppetReports.parse(json.getBytes(StandardCharsets.UTF_8), null).host()).isEqualTo("node-j");
    }

    @Test
    void somethingElseIsRefusedAsNotAReport() {
        assertThatThrownBy(() -> parse("just: text\n"))
                .isInstanceOfSatisfying(PuppetException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("not a Puppet report");
        assertThatThrownBy(() -> PuppetReports.parse("{nope".getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOf(PuppetException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> parse("host: n1\nstatus: changed\ntime: yesterday\n"))
                .isInstanceOf(PuppetException.class).hasMessageContaining("not ISO 8601");
    }

    private static PuppetReport parse(String yaml) {
        return PuppetReports.parse(yaml.getBytes(StandardCharsets.UTF_8), YAML);
    }

    /** connectors/src/test/resources is no resource root of the Maven build, so the samples are read as files. */
    private static byte[] resource(String name) throws IOException {
        Path fromBase = Path.of("connectors", "src", "test", "resources", "puppet");
        Path directory = Files.isDirectory(fromBase) ? fromBase : Path.of("src", "test", "resources", "puppet");
        return Files.readAllBytes(directory.resolve(name));
    }
}
