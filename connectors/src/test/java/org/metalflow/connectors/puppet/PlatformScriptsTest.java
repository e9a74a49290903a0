package org.metalflow.connectors.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/puppet/enc.sh and autosign.sh on their own, as Puppet Server runs them (certname argument, CSR on stdin),
 * against {@link PlatformStandIn}; CSRs made with openssl. PuppetServerTest runs them from a real Puppet Server.
 */
class PlatformScriptsTest {

    private static final Path DOCS = locateDocs();

    @TempDir
    static Path dir;
    private static PlatformStandIn platform;
    private static Path config;

    @BeforeAll
    static void startStandIn() throws IOException {
        platform = new PlatformStandIn();
        platform.classify("web1.example.org", "classes:\n  metalflow_test:\n    message: hi\n");
        platform.expectChallenge("web1.example.org", "s3cret \"quoted\" \\ pass");
        config = writeConfig("good.env", platform.url(), PlatformStandIn.USER, PlatformStandIn.PASSWORD);
    }

    @AfterAll
    static void stopStandIn() {
        platform.close();
    }

    @Test
    void encPrintsWhatThePlatformAnswers() throws Exception {
        Run run = run(config, null, "enc.sh", "web1.example.org");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("classes:\n  metalflow_test:\n    message: hi\n");
        assertThat(platform.encRequests()).last().satisfies(r -> assertThat(r.authorization()).startsWith("Basic "));
    }

    @Test
    void encRefusesANodeThePlatformDoesNotKnow() throws Exception {
        Run run = run(config, null, "enc.sh", "stranger.example.org");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("does not know node stranger.example.org (HTTP 404)");
    }

    @Test
    void encFailsOnWrongCredentialsOrNoPlatformWithoutPrintingAClassification() throws Exception {
        Run wrong = run(writeConfig("wrong.env", platform.url(), PlatformStandIn.USER, "nope"), null, "enc.sh", "web1.example.org");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.stdout()).isEmpty();
        assertThat(wrong.stderr()).contains("HTTP 401").doesNotContain("nope");

        Run down = run(writeConfig("down.env", "http://127.0.0.1:1", "u", "p"), null, "enc.sh", "web1.example.org");
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.stderr()).contains("did not answer");

        Run noConfig = run(dir.resolve("absent.env"), null, "enc.sh", "web1.example.org");
        assertThat(noConfig.exit()).isEqualTo(2);
        assertThat(noConfig.stderr()).contains("cannot read");
    }

    @Test
    void autosignAcceptsOnlyWhatThePlatformAnswers204To() throws Exception {
        Run right = run(config, csr("web1.example.org", "s3cret \"quoted\" \\ pass"), "autosign.sh", "web1.example.org");
        assertThat(right.exit()).as(right.stderr()).isZero();
        assertThat(platform.autosignRequests()).last().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/puppet/autosign/web1.example.org");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.text()).isEqualTo("{\"challengePassword\":\"s3cret \\\"quoted\\\" \\\\ pass\"}");
        });

        Run wrong = run(config, csr("web1.example.org", "guess"), "autosign.sh", "web1.example.org");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.stderr()).contains("answered HTTP 403").contains("not signing web1.example.org");
    }

    @Test
    void autosignRefusesACsrWithoutChallengeWithoutAskingThePlatform() throws Exception {
        int before = platform.autosignRequests().size();
        Run run = run(config, csr("plain.example.org", null), "autosign.sh", "plain.example.org");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("no challengePassword");
        assertThat(platform.autosignRequests()).hasSize(before);

        Run down = run(writeConfig("down2.env", "http://127.0.0.1:1", "u", "p"), csr("web1.example.org", "x"),
                "autosign.sh", "web1.example.org");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.stderr()).contains("did not answer");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(Path configFile, byte[] stdin, String script, String certname) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(DOCS.resolve(script).toString(), certname));
        builder.environment().put("METALFLOW_PUPPET_ENV", configFile.toString());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(script + " finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path writeConfig(String name, String url, String user, String password) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "# test\nMETALFLOW_URL=" + url + "\nMETALFLOW_USER=" + user + "\nMETALFLOW_PASSWORD="
                + password + "\nMETALFLOW_TIMEOUT=5\n");
        return file;
    }

    /** A CSR made by openssl, with the challengePassword attribute when {@code challenge} is not null. */
    private static byte[] csr(String certname, String challenge) throws IOException {
        Path cnf = Files.createTempFile(dir, "req", ".cnf");
        List<String> lines = new ArrayList<>(List.of("[req]", "distinguished_name = dn", "prompt = no"));
        if (challenge != null) {
            lines.add("attributes = attrs");
        }
        lines.addAll(List.of("[dn]", "CN = " + certname));
        if (challenge != null) {
            // openssl's config syntax would eat quotes and backslashes; $ENV:: passes the value verbatim
            lines.addAll(List.of("[attrs]", "challengePassword = $ENV::CHALLENGE"));
        }
        Files.write(cnf, lines, StandardCharsets.UTF_8);
        Path csr = Files.createTempFile(dir, "csr", ".pem");
        Path key = Files.createTempFile(dir, "key", ".pem");
        ProcessBuilder builder = new ProcessBuilder("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-config", cnf.toString(), "-out", csr.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(challenge == null ? Map.of() : Map.of("CHALLENGE", challenge));
        try {
            Process process = builder.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as("openssl req").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return Files.readAllBytes(csr);
    }

    private static Path locateDocs() {
        Path fromBase = Path.of("docs", "puppet").toAbsolutePath();
        return Files.isDirectory(fromBase) ? fromBase : Path.of("..", "docs", "puppet").toAbsolutePath();
    }
}
