package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Serves one captured Redfish mockup over HTTPS, read from disk at request time. URI to file: exact path
 * first, then a case-insensitive match per segment; trailing slash ignored; a query string is part of the
 * directory name when such a directory exists and is otherwise ignored (except {@code $expand}, which it
 * honours one level deep on collections when {@link #expandSupported} is on). Bodies are served unchanged.
 * Synthesises what captures lack: sessions, Basic auth, ETags, PATCH with If-Match, ComputerSystem.Reset.
 * Counts requests and the most requests it ever had in flight at once.
 */
final class MockupRedfishServer implements AutoCloseable {

    static final String USER = "admin";
    static final String PASSWORD = "calvin-Secret-42";
    static final String SESSIONS = "/redfish/v1/SessionService/Sessions";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RESET_SUFFIX = "/Actions/ComputerSystem.Reset";

    /** One request as the server saw it: method, decoded path without trailing slash, query, headers, body. */
    record Call(String method, String path, String query, Headers headers, String body) {
        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** A canned answer for the next request matching method and path (fault injection). */
    private record Fault(String method, Predicate<String> path, MockResponse response) {
    }

    private final Path mockup;
    private final HeldCertificate certificate;
    private final MockWebServer server = new MockWebServer();
    private final Map<String, JsonNode> overrides = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    volatile boolean sessionsSupported = true;
    volatile boolean expandSupported = true;
    volatile long latencyMillis;

    MockupRedfishServer(Path mockup) {
        this(mockup, selfSigned(), null);
    }

    /** Serves with the given certificate; {@code issuer} (may be null) is sent along in the chain. */
    MockupRedfishServer(Path mockup, HeldCertificate certificate, HeldCertificate issuer) {
        this.mockup = mockup;
        this.certificate = certificate;
        HandshakeCertificates.Builder handshake = new HandshakeCertificates.Builder();
        if (issuer == null) {
            handshake.heldCertificate(certificate);
        } else {
            handshake.heldCertificate(certificate, issuer.certificate());
        }
        server.useHttps(handshake.build().sslSocketFactory(), false);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return measure(request);
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HeldCertificate selfSigned() {
        return new HeldCertificate.Builder()
                .commonName("bmc.test")
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1")
                .build();
    }

    URI address() {
        return URI.create("https://127.0.0.1:" + server.getPort());
    }

    BmcEndpoint endpoint(TlsTrust trust) {
        return new BmcEndpoint(address(), USER, PASSWORD, trust);
    }

    /** The usual way tests reach it: pinned to its own certificate. */
    BmcEndpoint endpoint() {
        return endpoint(TlsTrust.pinned(certificateSha256()));
    }

    String certificateSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- test controls -------------------------------------------------------------------------------

    /** Replaces (or adds) the resource at the path. */
    void put(String path, String json) {
        try {
            overrides.put(key(path), MAPPER.readTree(json));
            removed.remove(key(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the resource at the path answer 404. */
    void remove(String path) {
        removed.add(key(path));
    }

    /** Answers the next request matching method and exact path with the given status and Redfish error. */
    void failNext(String method, String path, int status, String message) {
        faults.add(new Fault(method, p -> p.equalsIgnoreCase(strip(path)), error(status, message)));
    }

    void failNext(String method, String path, MockResponse response) {
        faults.add(new Fault(method, p -> p.equalsIgnoreCase(strip(path)), response));
    }

    /** Forgets every session token, as a BMC does after its own session timeout or a reboot. */
    void expireSessions() {
        tokens.clear();
    }

    int openSessions() {
        return tokens.size();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int requestCount() {
        return calls.size();
    }

    long count(String method, String path) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().equalsIgnoreCase(strip(path))).count();
    }

    long count(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).count();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void resetCounters() {
        calls.clear();
        maxInFlight.set(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    // ---- dispatching ---------------------------------------------------------------------------------

    private MockResponse measure(RecordedRequest request) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            return handle(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "interrupted");
        } catch (RuntimeException e) {
            return error(500, e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private MockResponse handle(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String method = request.getMethod();
        String path = strip("/" + String.join("/", url.pathSegments()));
        String query = url.query();
        String body = request.getBody().readUtf8();
        calls.add(new Call(method, path, query, request.getHeaders(), body));

        for (Fault fault : faults) {
            if (fault.method().equals(method) && fault.path().test(path) && faults.remove(fault)) {
                return fault.response();
            }
        }
        boolean isRoot = path.equalsIgnoreCase("/redfish/v1") || path.equalsIgnoreCase("/redfish");
        boolean isSessions = path.equalsIgnoreCase(SESSIONS);
        if (isSessions && method.equals("POST")) {
            return login(body);
        }
        if (!(isRoot && method.equals("GET")) && !authorised(request)) {
            return error(401, "The authentication credentials included with this request are missing or invalid.");
        }
        if (isSessions && !sessionsSupported) {
            return error(404, "The requested resource of type SessionCollection was not found.");
        }
        return switch (method) {
            case "GET" -> get(path, query);
            case "PATCH" -> patch(path, request.getHeader("If-Match"), body);
            case "POST" -> post(path, body);
            case "DELETE" -> delete(path);
            default -> error(405, "The HTTP method is not allowed on this resource.");
        };
    }

    private MockResponse login(String body) {
        if (!sessionsSupported) {
            return error(404, "The requested resource of type SessionCollection was not found.");
        }
        JsonNode credentials = parse(body);
        if (credentials == null || !USER.equals(credentials.path("UserName").asText())
                || !PASSWORD.equals(credentials.path("Password").asText())) {
            return error(401, "The authentication credentials included with this request are missing or invalid.");
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        String location = SESSIONS + "/" + sessionIds.incrementAndGet();
        tokens.put(token, location);
        ObjectNode session = MAPPER.createObjectNode()
                .put("@odata.id", location)
                .put("Id", String.valueOf(sessionIds.get()))
                .put("UserName", USER);
        return json(201, session.toString()).setHeader("X-Auth-Token", token).setHeader("Location", location);
    }

    private boolean authorised(RecordedRequest request) {
        String token = request.getHeader("X-Auth-Token");
        if (token != null) {
            return tokens.containsKey(token);
        }
        return Credentials.basic(USER, PASSWORD, StandardCharsets.UTF_8).equals(request.getHeader("Authorization"));
    }

    private MockResponse get(String path, String query) {
        JsonNode withQuery = query == null ? null : overrides.get(key(path) + "?" + query.toLowerCase(Locale.ROOT));
        if (withQuery != null) {
            return json(200, withQuery.toString()).setHeader("ETag", etag(withQuery));
        }
        byte[] literal = queryFile(path, query);
        if (literal != null) {
            JsonNode node = parse(new String(literal, StandardCharsets.UTF_8));
            return json(200, new String(literal, StandardCharsets.UTF_8)).setHeader("ETag", etag(node));
        }
        JsonNode resource = resource(path);
        if (resource == null) {
            return error(404, "The requested resource was not found: " + path);
        }
        if (query != null && query.contains("$expand") && expandSupported && resource.has("Members")) {
            ObjectNode expanded = resource.deepCopy();
            ArrayNode members = MAPPER.createArrayNode();
            for (JsonNode member : resource.get("Members")) {
                JsonNode full = member.size() == 1 ? resource(strip(member.path("@odata.id").asText())) : null;
                members.add(full != null ? full : member);
            }
            expanded.set("Members", members);
            resource = expanded;
        }
        return json(200, resource.toString()).setHeader("ETag", etag(resource));
    }

    private MockResponse patch(String path, String ifMatch, String body) {
        JsonNode current = resource(path);
        if (current == null) {
            return error(404, "The requested resource was not found: " + path);
        }
        if (ifMatch != null && !ifMatch.equals(etag(current))) {
            return error(412, "The ETag supplied did not match the ETag required to change this resource.");
        }
        JsonNode changes = parse(body);
        if (changes == null || !changes.isObject()) {
            return error(400, "The request body submitted was malformed JSON.");
        }
        ObjectNode updated = current.deepCopy();
        updated.remove("@odata.etag"); // the content changed, so the hash-based ETag must too
        merge(updated, (ObjectNode) changes);
        overrides.put(key(path), updated);
        return new MockResponse().setResponseCode(204);
    }

    private MockResponse post(String path, String body) {
        if (!path.endsWith(RESET_SUFFIX)) {
            return error(405, "The HTTP method is not allowed on this resource.");
        }
        JsonNode system = resource(path.substring(0, path.length() - RESET_SUFFIX.length()));
        JsonNode allowed = system == null ? null
                : system.path("Actions").path("#ComputerSystem.Reset").path("ResetType@Redfish.AllowableValues");
        String type = parse(body) == null ? null : parse(body).path("ResetType").asText(null);
        if (type == null || (allowed != null && allowed.isArray() && !allowed.toString().contains('"' + type + '"'))) {
            return error(400, "The value " + type + " for the parameter ResetType is not in the list of acceptable values.");
        }
        return new MockResponse().setResponseCode(204);
    }

    private MockResponse delete(String path) {
        boolean found = tokens.values().removeIf(location -> location.equalsIgnoreCase(path));
        return found ? new MockResponse().setResponseCode(204) : error(404, "No such session: " + path);
    }

    // ---- resources -----------------------------------------------------------------------------------

    private JsonNode resource(String path) {
        String key = key(path);
        if (removed.contains(key)) {
            return null;
        }
        JsonNode override = overrides.get(key);
        if (override != null) {
            return override;
        }
        Path dir = directory(path);
        Path file = dir == null ? null : dir.resolve("index.json");
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mockup-Creator stores a query as part of the directory name: {@code DellSlots?$skip=50/index.json}. */
    private byte[] queryFile(String path, String query) {
        if (query == null || path.equals("/") || removed.contains(key(path))) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        Path parent = directory(path.substring(0, slash));
        Path dir = parent == null ? null : child(parent, path.substring(slash + 1) + "?" + query);
        Path file = dir == null ? null : dir.resolve("index.json");
        try {
            return file != null && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path directory(String path) {
        Path dir = mockup;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
            dir = child(dir, segment);
            if (dir == null) {
                return null;
            }
        }
        return dir;
    }

    /** Exact name first; iLO treats URIs as case-insensitive, so then any case. */
    private static Path child(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                if (child.getFileName().toString().equalsIgnoreCase(name) && Files.isDirectory(child)) {
                    return child;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static String etag(JsonNode resource) {
        if (resource != null && resource.hasNonNull("@odata.etag")) {
            return resource.get("@odata.etag").asText();
        }
        String content = resource == null ? "" : resource.toString();
        return "\"" + Integer.toHexString(content.hashCode()) + "\"";
    }

    private static void merge(ObjectNode target, ObjectNode changes) {
        changes.fields().forEachRemaining(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode change) {
                merge(existingObject, change);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    /** Paths may carry a query ({@code Processors?$skip=2}) to put a synthetic page. */
    private static String key(String path) {
        int query = path.indexOf('?');
        return query < 0 ? strip(path).toLowerCase(Locale.ROOT)
                : strip(path.substring(0, query)).toLowerCase(Locale.ROOT) + path.substring(query).toLowerCase(Locale.ROOT);
    }

    private static String strip(String path) {
        String stripped = path;
        while (stripped.length() > 1 && stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .setHeader("OData-Version", "4.0")
                .setBody(body);
    }

    static MockResponse error(int status, String message) {
        ObjectNode error = MAPPER.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("code", "Base.1.8.GeneralError");
        inner.put("message", "A general error has occurred. See ExtendedInfo for more information.");
        inner.putArray("@Message.ExtendedInfo").addObject()
                .put("MessageId", "Base.1.8.GeneralError")
                .put("Message", message);
        return json(status, error.toString());
    }

    static List<String> paths(List<Call> calls) {
        List<String> result = new ArrayList<>();
        calls.forEach(call -> result.add(call.toString()));
        return result;
    }
}
