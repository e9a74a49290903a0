package org.metalflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
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
        Path dataDir = tempDir("data");
        dataDir.toFile().deleteOnExit();
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
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /** A new directory {@code metalflow-NAME-*} under the system's temporary directory. */
    protected static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("metalflow-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in to a webapp as its login page does: session and XSRF cookies from the page, the token echoed. */
    protected int webappLogin(String app, String user, String password) {
        RestClient anonymous = RestClient.create("http://127.0.0.1:" + port);
        List<String> cookies = anonymous.get().uri("/camunda/app/" + app + "/default/")
                .exchange((req, res) -> res.getHeaders().get(HttpHeaders.SET_COOKIE));
        String token = cookie(cookies, "XSRF-TOKEN");
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        return anonymous.post().uri("/camunda/api/admin/auth/user/default/login/" + app)
                .header("X-XSRF-TOKEN", token)
                .header(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token + "; JSESSIONID=" + cookie(cookies, "JSESSIONID"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((req, res) -> res.getStatusCode().value());
    }

    private static String cookie(List<String> setCookies, String name) {
        String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
        return cookie.substring(name.length() + 1, cookie.indexOf(';'));
    }

    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
