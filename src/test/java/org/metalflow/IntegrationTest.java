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
    public static final int LAB_SIZE = 173;
    /** A member of change-approvers, created on first use: releases need an approver who is not the requester. */
    public static final String APPROVER = "approver";
    public static final String APPROVER_PASSWORD = "integration-test-approver";

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
        registry.add("metalflow.deploy.run-check-interval", () -> "PT2S");
        // DeployProcessTest rehearses a failing and a hanging installer on these two lab machines
        registry.add("metalflow.lab.installer.outcomes.lab-0037", () -> "failed");
        registry.add("metalflow.lab.installer.outcomes.lab-0038", () -> "silent");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.camunda.bpm.engine.IdentityService identityService;

    /** Approves the open release (or other) approval of this machine as {@link #APPROVER}. */
    protected void approveAsApprover(java.util.UUID machineId) {
        RestClient approver = approver();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> approver.get()
                .uri("/api/v1/approvals").retrieve().body(com.fasterxml.jackson.databind.JsonNode.class)
                .findValuesAsText("machineId").contains(machineId.toString()));
        for (com.fasterxml.jackson.databind.JsonNode task : approver.get().uri("/api/v1/approvals").retrieve()
                .body(com.fasterxml.jackson.databind.JsonNode.class)) {
            if (machineId.toString().equals(task.path("machineId").asText())) {
                var answer = approver.post().uri("/api/v1/approvals/{id}", task.get("id").asText())
                        .contentType(MediaType.APPLICATION_JSON).body(java.util.Map.of("decision", "approve"))
                        .retrieve().toBodilessEntity();
                if (answer.getStatusCode().value() != 204) {
                    throw new AssertionError("approval of " + machineId + " answered " + answer.getStatusCode());
                }
            }
        }
    }

    /** The API as {@link #APPROVER}, a member of change-approvers (created on first use). */
    protected RestClient approver() {
        if (identityService.createUserQuery().userId(APPROVER).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identityService.newUser(APPROVER);
            user.setPassword(APPROVER_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(APPROVER, "change-approvers");
        }
        return api(APPROVER, APPROVER_PASSWORD);
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
