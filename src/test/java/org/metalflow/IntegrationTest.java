package org.metalflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Base of the tests that run the whole platform: the embedded lab fleet, the engine, the worker and the API
 * on a random port, against the database {@link TestDatabase} chooses (H2 or a real PostgreSQL). Subclasses
 * share one Spring context, so each test uses its own machines rather than assuming an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "integration-test-admin";
    public static final int LAB_SIZE = 140;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        Path dataDir = tempDir();
        registry.add("metalflow.data-dir", dataDir::toString);
        registry.add("metalflow.admin-password", () -> ADMIN_PASSWORD);
        registry.add("metalflow.lab.enabled", () -> "true");
        int labPort = freePort();
        registry.add("metalflow.lab.port", () -> labPort);
        registry.add("metalflow.lab.size", () -> LAB_SIZE);
        registry.add("metalflow.lab.power-transition-delay", () -> "PT0.2S");
        registry.add("metalflow.lab.installer.duration", () -> "PT0.5S");
        // DeployProcessTest rehearses a failing and a hanging installer on these two lab machines
        registry.add("metalflow.lab.installer.outcomes.lab-0037", () -> "failed");
        registry.add("metalflow.lab.installer.outcomes.lab-0038", () -> "silent");
    }

    protected RestClient api() {
        return api("admin", ADMIN_PASSWORD);
    }

    protected RestClient api(String user, String password) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> {
                    h.setBasicAuth(user, password);
                    h.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("metalflow-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
