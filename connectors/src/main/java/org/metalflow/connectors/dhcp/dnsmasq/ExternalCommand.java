package org.metalflow.connectors.dhcp.dnsmasq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper command (kill, a restart script, dhcp_release) with a time limit and keeps what it printed. */
final class ExternalCommand {

    private static final int KEPT_OUTPUT_CHARS = 400;

    private ExternalCommand() {
    }

    record Result(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Output goes to a temporary file, not a pipe: a restart command leaves a daemon behind that would otherwise
     * hold the pipe open forever.
     *
     * @return the exit code and the tail of stdout+stderr
     * @throws IOException when the command cannot be started or does not finish within {@code timeout} (it is then killed)
     */
    static Result run(List<String> command, Duration timeout) throws IOException {
        Path output = Files.createTempFile("metalflow-dnsmasq-cmd", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("`" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), tail(new String(Files.readAllBytes(output), StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running `" + String.join(" ", command) + "`", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= KEPT_OUTPUT_CHARS ? stripped : "..." + stripped.substring(stripped.length() - KEPT_OUTPUT_CHARS);
    }
}
