package org.metalflow.connectors;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connectors are plain Java: they must compile with nothing but OkHttp, Okio, Kotlin's standard library,
 * Jackson, dnsjava and SLF4J's API on the class path (JDBC comes with the JDK), so no Spring, Camunda or platform class can creep in.
 */
class ConnectorIsolationTest {

    private static final List<String> ALLOWED_PREFIXES = List.of("okhttp", "okio", "kotlin-stdlib", "jackson-", "dnsjava", "slf4j-api");

    @Test
    void connectorsCompileWithoutSpringOrCamunda() throws IOException {
        Path sources = sourceRoot();
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
        }
        assertThat(files).as("connector sources under " + sources).isNotEmpty();

        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> ALLOWED_PREFIXES.stream().anyMatch(Path.of(entry).getFileName().toString()::startsWith))
                .toList();
        assertThat(classPath).as("filtered class path").isNotEmpty()
                .anySatisfy(jar -> assertThat(jar).contains("okhttp"))
                .anySatisfy(jar -> assertThat(jar).contains("jackson-databind"))
                .noneSatisfy(jar -> assertThat(jar.toLowerCase(Locale.ROOT)).containsAnyOf("spring", "camunda"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK (not a JRE) runs the tests").isNotNull();
        Path output = Files.createTempDirectory("connector-isolation");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", output.toString(), "-classpath",
                    String.join(File.pathSeparator, classPath), "-proc:none", "--release", "17");
            boolean compiled = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromFiles(files)).call();
            String report = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertThat(compiled).as("connectors compile with only " + classPath + "\n" + report).isTrue();
        } finally {
            try (Stream<Path> walk = Files.walk(output)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** connectors/src/main/java, whether the tests run from the project root or elsewhere. */
    private static Path sourceRoot() {
        for (Path candidate : List.of(Path.of("connectors/src/main/java"), Path.of("../connectors/src/main/java"),
                Path.of("src/main/java"))) {
            if (Files.isDirectory(candidate.resolve("org/metalflow/connectors"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("connectors/src/main/java not found from " + Path.of("").toAbsolutePath());
    }
}
