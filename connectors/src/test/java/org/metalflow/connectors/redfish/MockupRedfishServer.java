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
 * Synthesises what captures lack: sessions, Basic auth, ETags, PATCH with If-Match (412 on mismatch, 428 when
 * required and missing), ComputerSystem.Reset (applies pending BIOS settings, moves PowerState through
 * PoweringOn/Off), task monitors for POST and DELETE (202 + Location + Retry-After for {@link #taskPolls}
 * polls, then 200 with the Task; or 404 with the Task left in the TaskService), volume creation and deletion,
 * SimpleUpdate, VirtualMedia Insert/EjectMedia, Drive.SecureErase, and iDRAC's refusal of a BIOS PATCH while a
 * configuration job is pending. Counts requests and the most requests it ever had in flight at once.
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
    /** Answers 428 to a PATCH without If-Match. */
    volatile boolean requireIfMatch;
    /** Serves paths only as spelled in the capture (a proxy in front of iLO may do that). */
    volatile boolean caseSensitive;
    /** Polls a task monitor answers 202 before it answers 200; -1 makes volume and erase requests finish at once. */
    volatile int taskPolls = -1;
    /** Task monitors answer 404 from the first poll; the Task stays in the TaskService. */
    volatile boolean vanishMonitors;
    /** iLO style: SimpleUpdate answers 200 without a task monitor. */
    volatile boolean updateWithoutTask;
    /** While set, iDRAC style, a PATCH to the BIOS settings refuses with "pending configuration" until this
     *  job is deleted through DellJobService.DeleteJobQueue. */
    volatile String blockingBiosJob;
    /** GETs of a system that still show the transitional power state after a reset. */
    volatile int powerTransitionPolls = 2;

    static final String TASKS = "/redfish/v1/TaskService/Tasks";
    static final String MONITORS = "/redfish/v1/TaskService/TaskMonitors/";
    private final AtomicInteger taskIds = new AtomicInteger(100);
    private final Map<String, AtomicInteger> monitors = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> powerTransitions = new ConcurrentHashMap<>();
    private final Map<String, String> powerTargets = new ConcurrentHashMap<>();

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
        if (method.equals("GET") && path.startsWith(MONITORS)) {
            return monitor(path);
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
        AtomicInteger transition = powerTransitions.get(key(path));
        if (transition != null && transition.decrementAndGet() < 0) {
            powerTransitions.remove(key(path));
            setPowerState(path, powerTargets.remove(key(path)));
        }
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
        if (ifMatch == null && requireIfMatch) {
            return error(428, "The request did not carry If-Match, which this resource requires.");
        }
        if (ifMatch != null && !ifMatch.equals(etag(current))) {
            return error(412, "The ETag supplied did not match the ETag required to change this resource.");
        }
        if (blockingBiosJob != null && path.toLowerCase(Locale.ROOT).contains("/bios/settings")) {
            return error(400, "Pending configuration values are already committed, unable to perform another set "
                    + "operation.");
        }
        JsonNode changes = parse(body);
        if (changes == null || !changes.isObject()) {
            return error(400, "The request body submitted was malformed JSON.");
        }
        change(path, (ObjectNode) changes);
        return new MockResponse().setResponseCode(204);
    }

    private void change(String path, ObjectNode changes) {
        ObjectNode updated = resource(path).deepCopy();
        updated.remove("@odata.etag"); // the content changed, so the hash-based ETag must too
        merge(updated, changes);
        overrides.put(key(path), updated);
    }

    private MockResponse post(String path, String body) {
        JsonNode request = parse(body);
        if (path.endsWith(RESET_SUFFIX)) {
            return reset(path.substring(0, path.length() - RESET_SUFFIX.length()), request);
        }
        if (path.endsWith("/Actions/VirtualMedia.InsertMedia") || path.endsWith("/Actions/VirtualMedia.EjectMedia")) {
            String slot = path.substring(0, path.indexOf("/Actions/"));
            ObjectNode changes = MAPPER.createObjectNode();
            if (path.endsWith("InsertMedia")) {
                changes.put("Image", request == null ? null : request.path("Image").asText(null)).put("Inserted", true)
                        .put("WriteProtected", request == null || request.path("WriteProtected").asBoolean(true));
            } else {
                changes.putNull("Image").put("Inserted", false);
            }
            change(slot, changes);
            return new MockResponse().setResponseCode(204);
        }
        if (path.endsWith("/Actions/Drive.SecureErase")) {
            return taskPolls < 0 ? new MockResponse().setResponseCode(204) : startTask("Secure erase");
        }
        if (path.endsWith("UpdateService.SimpleUpdate") || path.endsWith("/Actions/SimpleUpdate")) {
            if (request == null || request.path("ImageURI").asText("").isEmpty()) {
                return error(400, "The property ImageURI is a required property and must be included in the request.");
            }
            return updateWithoutTask ? new MockResponse().setResponseCode(200) : startTask("Firmware update");
        }
        if (path.endsWith("DellJobService.DeleteJobQueue")) {
            String job = request == null ? null : request.path("JobID").asText(null);
            if (job == null || !(job.equals(blockingBiosJob) || job.equals("JID_CLEARALL"))) {
                return error(400, "Invalid Job ID " + job);
            }
            blockingBiosJob = null;
            return json(200, "{}");
        }
        JsonNode collection = resource(path);
        if (collection != null && collection.path("@odata.type").asText().contains("VolumeCollection")) {
            return createVolume(path, (ObjectNode) collection, request);
        }
        return error(405, "The HTTP method is not allowed on this resource.");
    }

    private MockResponse reset(String systemPath, JsonNode request) {
        JsonNode system = resource(systemPath);
        JsonNode allowed = system == null ? null
                : system.path("Actions").path("#ComputerSystem.Reset").path("ResetType@Redfish.AllowableValues");
        String type = request == null ? null : request.path("ResetType").asText(null);
        if (type == null || (allowed != null && allowed.isArray() && !allowed.toString().contains('"' + type + '"'))) {
            return error(400, "The value " + type + " for the parameter ResetType is not in the list of acceptable values.");
        }
        applyPendingBios(system);
        String target = switch (type) {
            case "ForceOff", "GracefulShutdown" -> "Off";
            case "On", "ForceOn" -> "On";
            default -> null;
        };
        if (target != null && !target.equals(system.path("PowerState").asText())) {
            setPowerState(systemPath, "Powering" + target);
            powerTargets.put(key(systemPath), target);
            powerTransitions.put(key(systemPath), new AtomicInteger(powerTransitionPolls));
        }
        return new MockResponse().setResponseCode(204);
    }

    private void setPowerState(String systemPath, String state) {
        change(systemPath, MAPPER.createObjectNode().put("PowerState", state));
    }

    /** What a BMC does at reset: the settings object's attributes become the current ones. */
    private void applyPendingBios(JsonNode system) {
        String biosPath = system.path("Bios").path("@odata.id").asText(null);
        JsonNode bios = biosPath == null ? null : resource(strip(biosPath));
        String settingsPath = bios == null ? null
                : bios.path("@Redfish.Settings").path("SettingsObject").path("@odata.id").asText(null);
        JsonNode settings = settingsPath == null ? null : resource(strip(settingsPath));
        if (settings == null || !settings.path("Attributes").isObject() || settings.path("Attributes").isEmpty()) {
            return;
        }
        ObjectNode biosChange = MAPPER.createObjectNode();
        biosChange.set("Attributes", settings.get("Attributes"));
        change(strip(biosPath), biosChange);
        ObjectNode cleared = settings.deepCopy();
        cleared.putObject("Attributes");
        cleared.remove("@odata.etag");
        overrides.put(key(strip(settingsPath)), cleared);
    }

    private MockResponse createVolume(String collectionPath, ObjectNode collection, JsonNode request) {
        if (request == null || !request.path("Links").path("Drives").isArray()
                || (!request.has("RAIDType") && !request.has("VolumeType"))) {
            return error(400, "RAIDType and Links.Drives are required to create a volume.");
        }
        String id = "Volume" + taskIds.incrementAndGet();
        String uri = collectionPath + "/" + id;
        ObjectNode volume = ((ObjectNode) request).deepCopy();
        volume.put("@odata.id", uri).put("@odata.type", "#Volume.v1_6_2.Volume").put("Id", id);
        volume.remove("@Redfish.OperationApplyTime");
        overrides.put(key(uri), volume);
        removed.remove(key(uri));
        ObjectNode updated = collection.deepCopy();
        ((ArrayNode) updated.withArray("Members")).addObject().put("@odata.id", uri);
        updated.put("Members@odata.count", updated.get("Members").size());
        updated.remove("@odata.etag");
        overrides.put(key(collectionPath), updated);
        return taskPolls < 0 ? json(201, volume.toString()).setHeader("Location", uri) : startTask("Create " + id);
    }

    /** Creates a Task in the TaskService and answers 202 with its monitor. */
    private MockResponse startTask(String name) {
        String id = String.valueOf(taskIds.incrementAndGet());
        String monitor = MONITORS + id;
        ObjectNode task = MAPPER.createObjectNode()
                .put("@odata.id", TASKS + "/" + id).put("@odata.type", "#Task.v1_4_3.Task").put("Id", id)
                .put("Name", name).put("TaskState", "Running").put("TaskStatus", "OK").put("PercentComplete", 0)
                .put("TaskMonitor", monitor);
        overrides.put(key(TASKS + "/" + id), task);
        ObjectNode tasks = resource(TASKS).deepCopy();
        ((ArrayNode) tasks.withArray("Members")).addObject().put("@odata.id", TASKS + "/" + id);
        tasks.put("Members@odata.count", tasks.get("Members").size());
        overrides.put(key(TASKS), tasks);
        monitors.put(monitor, new AtomicInteger(Math.max(0, taskPolls)));
        if (vanishMonitors) {
            finish(task);
        }
        return json(202, task.toString()).setHeader("Location", monitor).setHeader("Retry-After", "1");
    }

    private MockResponse monitor(String path) {
        AtomicInteger remaining = monitors.get(path);
        JsonNode task = resource(TASKS + "/" + path.substring(MONITORS.length()));
        if (remaining == null || task == null || vanishMonitors) {
            return error(404, "The requested resource was not found: " + path);
        }
        if (remaining.getAndDecrement() > 0) {
            ObjectNode running = task.deepCopy();
            running.put("PercentComplete", 50);
            return json(202, running.toString()).setHeader("Location", path).setHeader("Retry-After", "1");
        }
        return json(200, finish(task).toString());
    }

    private JsonNode finish(JsonNode task) {
        ObjectNode done = task.deepCopy();
        done.put("TaskState", "Completed").put("PercentComplete", 100);
        done.putArray("Messages").addObject().put("MessageId", "Base.1.8.Success")
                .put("Message", "Successfully Completed Request");
        overrides.put(key(done.path("@odata.id").asText()), done);
        return done;
    }

    private MockResponse delete(String path) {
        if (tokens.values().removeIf(location -> location.equalsIgnoreCase(path))) {
            return new MockResponse().setResponseCode(204);
        }
        int slash = path.lastIndexOf('/');
        JsonNode volume = resource(path);
        JsonNode collection = slash <= 0 ? null : resource(path.substring(0, slash));
        if (volume == null || collection == null
                || !collection.path("@odata.type").asText().contains("VolumeCollection")) {
            return error(404, "No such resource: " + path);
        }
        ObjectNode updated = collection.deepCopy();
        ArrayNode members = MAPPER.createArrayNode();
        collection.path("Members").forEach(member -> {
            if (!strip(member.path("@odata.id").asText()).equalsIgnoreCase(path)) {
                members.add(member);
            }
        });
        updated.set("Members", members);
        updated.put("Members@odata.count", members.size());
        updated.remove("@odata.etag");
        overrides.put(key(path.substring(0, slash)), updated);
        overrides.remove(key(path));
        removed.add(key(path));
        return taskPolls < 0 ? new MockResponse().setResponseCode(204) : startTask("Delete " + path);
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

    /** Exact name first; iLO treats URIs as case-insensitive, so then any case (unless {@link #caseSensitive}). */
    private Path child(Path dir, String name) {
        Path exact = dir.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact;
        }
        if (caseSensitive) {
            return null;
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
