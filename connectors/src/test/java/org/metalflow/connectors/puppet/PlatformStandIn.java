package org.metalflow.connectors.puppet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A STAND-IN for the metalflow platform's side of Puppet (its real endpoints are written elsewhere): on 127.0.0.1
 * and a free port it answers
 * <ul>
 *   <li>{@code GET /api/v1/enc/{certname}}: the YAML set with {@link #classify}, 404 for other nodes;</li>
 *   <li>{@code POST /api/v1/puppet/autosign/{certname}}: 204 when the JSON {@code challengePassword} is the one set
 *       with {@link #expectChallenge} for that node, 403 otherwise;</li>
 *   <li>{@code POST /reports}: stores the report (200).</li>
 * </ul>
 * Every request must carry HTTP basic auth {@link #USER}:{@link #PASSWORD} (401 otherwise), like the platform's API.
 */
final class PlatformStandIn implements AutoCloseable {

    static final String USER = "puppet-server";
    static final String PASSWORD = "stand-in \"pass\\word\"";

    record Received(String method, String path, String contentType, String authorization, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, String> encAnswers = new ConcurrentHashMap<>();
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final List<Received> autosignRequests = new CopyOnWriteArrayList<>();
    private final List<Received> encRequests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> reports = new LinkedBlockingQueue<>();

    PlatformStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void classify(String certname, String yaml) {
        encAnswers.put(certname, yaml);
    }

    void expectChallenge(String certname, String challengePassword) {
        challenges.put(certname, challengePassword);
    }

    List<Received> autosignRequests() {
        return List.copyOf(autosignRequests);
    }

    List<Received> encRequests() {
        return List.copyOf(encRequests);
    }

    /** The next report for {@code host} that arrives within 60 s, or null. */
    Received nextReport(String host) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Received report = reports.poll(1, TimeUnit.SECONDS);
            if (report != null && report.text().contains("\nhost: " + host + "\n")) {
                return report;
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Received received = new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body);
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (path.equals("/reports")) {
                reports.add(received);
                answer(exchange, 200, "");
            } else if (!expected.equals(authorization)) {
                answer(exchange, 401, "stand-in: wrong or no credentials");
            } else if (received.method().equals("GET") && path.startsWith("/api/v1/enc/")) {
                encRequests.add(received);
                String yaml = encAnswers.get(path.substring("/api/v1/enc/".length()));
                answer(exchange, yaml == null ? 404 : 200, yaml == null ? "stand-in: unknown node" : yaml);
            } else if (received.method().equals("POST") && path.startsWith("/api/v1/puppet/autosign/")) {
                autosignRequests.add(received);
                String certname = path.substring("/api/v1/puppet/autosign/".length());
                String password = new ObjectMapper().readTree(body).path("challengePassword").asText(null);
                boolean right = password != null && password.equals(challenges.get(certname));
                answer(exchange, right ? 204 : 403, right ? null : "stand-in: challenge refused");
            } else {
                answer(exchange, 404, "stand-in: no such endpoint");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        if (text == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/yaml" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
