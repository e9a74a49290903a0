package org.metalflow.connectors.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server (Kea, dnsmasq, BIND, PowerDNS, tftpd-hpa, ...) started by one of the project's scripts in
 * {@code connectors/src/test/servers}, installing its Debian package when missing. The script prints what the
 * test needs as {@code KEY=VALUE} lines; {@link #close()} stops every process it started by PID and deletes the
 * network namespaces it made.
 *
 * <p>When the script cannot start the server, the test is skipped on a developer machine and fails when
 * {@code CI=true}: a missing server must never turn into a silently green run.
 */
public final class RealServer implements AutoCloseable {

    public static final Path SCRIPTS = locateScripts();

    private final Path directory;
    private final Map<String, String> values;

    private RealServer(Path directory, Map<String, String> values) {
        this.directory = directory;
        this.values = values;
    }

    /** Runs {@code SCRIPTS/script directory args...} and waits (at most 3 minutes) until it has started the server. */
    public static RealServer start(String script, Path directory, String... args) {
        return start(Map.of(), script, directory, args);
    }

    /** As {@link #start(String, Path, String...)}, with extra environment variables for the script. */
    public static RealServer start(Map<String, String> environment, String script, Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString(), directory.toString()));
        command.addAll(List.of(args));
        Result result = run(command, environment, 180);
        if (result.exitCode() != 0) {
            run(List.of("bash", SCRIPTS.resolve("stop.sh").toString(), directory.toString()), 30);
            unavailable(script + " failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
        return new RealServer(directory, parse(result.stdout()));
    }

    /** Runs one of the helper scripts (e.g. {@code dhcp-client.sh}) and returns its KEY=VALUE output; fails on a non-zero exit. */
    public static Map<String, String> script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Result result = run(command, 120);
        if (result.exitCode() != 0) {
            throw new AssertionError(script + " exited " + result.exitCode() + ": " + result.stderr().strip());
        }
        return parse(result.stdout());
    }

    /** Runs any command and returns its result; never throws for a non-zero exit. */
    public static Result run(List<String> command, long timeoutSeconds) {
        return run(command, Map.of(), timeoutSeconds);
    }

    private static Result run(List<String> command, Map<String, String> environment, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("metalflow-cmd", ".out");
            Path err = Files.createTempFile("metalflow-cmd", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    return new Result(-1, Files.readString(out), "timed out after " + timeoutSeconds + " s: " + command
                            + "\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** A value the start script printed; fails the test when it did not print it. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new AssertionError("the start script printed no " + key + "; it printed " + values.keySet());
        }
        return value;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        run(List.of("bash", SCRIPTS.resolve("stop.sh").toString(), directory.toString()), 30);
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static void unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z][A-Z0-9_]*")) {
                parsed.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return parsed;
    }

    private static Path locateScripts() {
        Path fromBase = Path.of("connectors", "src", "test", "servers").toAbsolutePath();
        return Files.isDirectory(fromBase) ? fromBase : Path.of("src", "test", "servers").toAbsolutePath();
    }
}
