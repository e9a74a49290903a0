package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Redfish requests for the whole fleet: the BMC is the one whose address the client connected
 * to. Only {@code /redfish} and {@code /redfish/v1} (and logging in) are open; everything else needs a
 * session token or HTTP Basic.
 */
final class LabRedfishHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(LabRedfishHandler.class);
    private static final List<String> OVERRIDE_ENABLED = List.of("Disabled", "Once", "Continuous");
    private static final List<String> OVERRIDE_MODES = List.of("UEFI", "Legacy");
    private static final String RESET_ACTION = "ComputerSystem.Reset";

    private final LabFleet fleet;
    private final ObjectMapper mapper;
    private final RedfishResources resources;
    private final List<RedfishEndpoint> endpoints = List.of(new TaskEndpoint(), new BiosEndpoint(),
            new VolumeEndpoint(), new SecureEraseEndpoint(), new UpdateEndpoint(), new VirtualMediaEndpoint(),
            new SecureBootEndpoint());

    LabRedfishHandler(LabFleet fleet, ObjectMapper mapper) {
        this.fleet = fleet;
        this.mapper = mapper;
        this.resources = new RedfishResources(mapper);
    }

    /**
     * Injected faults come first: latency sleeps in this thread (the pool is sized for it), a dropped or
     * "down" request has its connection closed without an answer, as a client sees a BMC that resets
     * connections or is unreachable.
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<SimulatedBmc> found = exchange.getRemoteAddress().getAddress().isLoopbackAddress()
                    ? fleet.bmcAt(exchange.getLocalAddress().getAddress()) : Optional.empty();
            if (found.isEmpty()) {
                write(exchange, guarded(exchange, null));
                return;
            }
            SimulatedBmc bmc = found.get();
            FaultState.Decision decision = bmc.requestStarted();
            try {
                if (decision.latencyMs() > 0 && !sleep(decision.latencyMs())) {
                    return;
                }
                if (decision.drop()) {
                    return; // closing an exchange that has sent nothing closes the connection
                }
                if (decision.errorStatus() > 0) {
                    exchange.getRequestBody().readAllBytes();
                    write(exchange, error(RedfishError.injected(decision.errorStatus())).header("Retry-After", "5"));
                    return;
                }
                write(exchange, guarded(exchange, bmc));
            } finally {
                bmc.requestEnded();
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private RedfishAnswer guarded(HttpExchange exchange, SimulatedBmc bmc) {
        try {
            return answer(exchange, bmc);
        } catch (IOException | RuntimeException e) {
            log.warn("lab BMC request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return error(RedfishError.internal(e.getClass().getSimpleName()));
        }
    }

    private RedfishAnswer answer(HttpExchange exchange, SimulatedBmc bmc) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            return error(RedfishError.forbidden());
        }
        if (bmc == null) {
            return error(RedfishError.resourceMissing(path));
        }
        MachineSpec spec = bmc.spec();
        BmcUris uris = BmcUris.of(spec.vendor().personality(), spec);
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();

        boolean open = uris.same(path, "/redfish") || uris.same(path, uris.root());
        if (open && (method.equals("GET") || method.equals("HEAD"))) {
            return get(bmc, spec, uris, path);
        }
        if (method.equals("POST") && uris.same(path, uris.sessions())) {
            return login(bmc, spec, uris, body);
        }
        if (!authenticated(exchange, bmc, spec)) {
            return error(RedfishError.noValidSession()).header("WWW-Authenticate", "Basic realm=\"RedfishService\"");
        }
        RedfishRequest request = new RedfishRequest(method, path, body,
                exchange.getRequestHeaders().getFirst("If-Match"), bmc, spec, uris, mapper);
        for (RedfishEndpoint endpoint : endpoints) {
            Optional<RedfishAnswer> answer = endpoint.handle(request);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        switch (method) {
            case "GET", "HEAD" -> {
                return get(bmc, spec, uris, path);
            }
            case "PATCH" -> {
                if (uris.same(path, uris.system())) {
                    return patchSystem(exchange, bmc, spec, body);
                }
            }
            case "POST" -> {
                if (uris.same(path, uris.resetTarget())) {
                    return reset(bmc, spec, body);
                }
            }
            case "DELETE" -> {
                String prefix = uris.key(uris.sessions()) + "/";
                String key = uris.key(path);
                if (key.startsWith(prefix)) {
                    String id = key.substring(prefix.length());
                    return bmc.closeSession(id) ? RedfishAnswer.of(204, null) : error(RedfishError.resourceMissing(path));
                }
            }
            default -> {
                // falls through to 405 / 404 below
            }
        }
        boolean exists = resources.get(bmc, spec, uris, path).isPresent() || uris.same(path, uris.resetTarget());
        return exists
                ? error(RedfishError.methodNotAllowed(method, path)).header("Allow", allowed(uris, path))
                : error(RedfishError.resourceMissing(path));
    }

    private RedfishAnswer get(SimulatedBmc bmc, MachineSpec spec, BmcUris uris, String path) {
        Optional<ObjectNode> resource = resources.get(bmc, spec, uris, path);
        if (resource.isEmpty()) {
            return error(RedfishError.resourceMissing(path));
        }
        RedfishAnswer answer = RedfishAnswer.of(200, resource.get());
        if (uris.same(path, uris.system())) {
            answer.header("ETag", bmc.etag());
        } else if (resource.get().has("@odata.etag")) {
            answer.header("ETag", resource.get().get("@odata.etag").asText());
        }
        return answer;
    }

    private RedfishAnswer login(SimulatedBmc bmc, MachineSpec spec, BmcUris uris, byte[] body) {
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return error(RedfishError.malformedJson());
        }
        for (String property : List.of("UserName", "Password")) {
            if (!request.path(property).isTextual()) {
                return error(RedfishError.propertyMissing(property));
            }
        }
        if (!credentialsMatch(spec, request.get("UserName").asText(), request.get("Password").asText())) {
            return error(RedfishError.badCredentials());
        }
        Optional<LabSession> session = bmc.openSession(spec.username());
        if (session.isEmpty()) {
            return error(RedfishError.sessionLimit()).header("Retry-After", "30");
        }
        VendorPersonality personality = spec.vendor().personality();
        return RedfishAnswer.of(201, resources.session(uris, session.get(), personality))
                .header("X-Auth-Token", session.get().token())
                .header("Location", personality.sessionLocation(uris.session(session.get().id())));
    }

    private boolean authenticated(HttpExchange exchange, SimulatedBmc bmc, MachineSpec spec) {
        String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        if (token != null) {
            return bmc.sessionByToken(token).isPresent();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 && credentialsMatch(spec, decoded.substring(0, colon), decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean credentialsMatch(MachineSpec spec, String username, String password) {
        return spec.username().equals(username) && MessageDigest.isEqual(
                spec.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    private RedfishAnswer patchSystem(HttpExchange exchange, SimulatedBmc bmc, MachineSpec spec, byte[] body) {
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !RedfishRequest.etagMatches(ifMatch, bmc.etag())) {
            return error(RedfishError.preconditionFailed());
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return error(RedfishError.malformedJson());
        }
        VendorPersonality personality = spec.vendor().personality();
        BootOverride current = bmc.bootOverride();
        String target = current.target();
        String enabled = current.enabled();
        String mode = current.mode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = request.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("Boot")) {
                return error(RedfishError.propertyUnknown(field.getKey()));
            }
            if (!field.getValue().isObject()) {
                return error(RedfishError.propertyValueType(field.getValue().toString(), "Boot"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> boot = field.getValue().fields(); boot.hasNext(); ) {
                Map.Entry<String, JsonNode> property = boot.next();
                String name = property.getKey();
                JsonNode value = property.getValue();
                List<String> allowed = switch (name) {
                    case "BootSourceOverrideTarget" -> personality.bootTargets();
                    case "BootSourceOverrideEnabled" -> OVERRIDE_ENABLED;
                    case "BootSourceOverrideMode" -> OVERRIDE_MODES;
                    default -> null;
                };
                if (allowed == null) {
                    return error(RedfishError.propertyUnknown("Boot/" + name));
                }
                if (!value.isTextual()) {
                    return error(RedfishError.propertyValueType(value.toString(), name));
                }
                if (!allowed.contains(value.asText())) {
                    return error(RedfishError.valueNotInList(value.asText(), name, allowed));
                }
                switch (name) {
                    case "BootSourceOverrideTarget" -> target = value.asText();
                    case "BootSourceOverrideEnabled" -> enabled = value.asText();
                    default -> mode = value.asText();
                }
            }
        }
        bmc.setBootOverride(new BootOverride(target, enabled, mode));
        ObjectNode success = personality.successBody(mapper, false);
        return RedfishAnswer.of(success == null ? 204 : 200, success).header("ETag", bmc.etag());
    }

    private RedfishAnswer reset(SimulatedBmc bmc, MachineSpec spec, byte[] body) {
        JsonNode request = parse(body);
        if (request == null || !request.isObject()) {
            return error(RedfishError.malformedJson());
        }
        JsonNode resetType = request.get("ResetType");
        if (resetType == null || resetType.isNull()) {
            return error(RedfishError.actionParameterMissing(RESET_ACTION, "ResetType"));
        }
        VendorPersonality personality = spec.vendor().personality();
        List<String> allowed = personality.resetTypes();
        if (!resetType.isTextual() || !allowed.contains(resetType.asText())) {
            return error(RedfishError.actionParameterNotInList(resetType.asText(resetType.toString()), "ResetType",
                    RESET_ACTION, allowed));
        }
        bmc.reset(resetType.asText());
        fleet.resetRequested(bmc, resetType.asText());
        ObjectNode success = personality.successBody(mapper, true);
        return RedfishAnswer.of(success == null ? 204 : 200, success);
    }

    private static String allowed(BmcUris uris, String path) {
        if (uris.same(path, uris.system())) {
            return "GET, HEAD, PATCH";
        }
        if (uris.key(path).toLowerCase(java.util.Locale.ROOT).contains("/actions/")) {
            return "POST";
        }
        if (uris.same(path, uris.sessions())) {
            return "GET, HEAD, POST";
        }
        if (uris.key(path).startsWith(uris.key(uris.sessions()) + "/")) {
            return "GET, HEAD, DELETE";
        }
        return "GET, HEAD";
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private RedfishAnswer error(RedfishError error) {
        return RedfishAnswer.error(error, mapper);
    }

    private void write(HttpExchange exchange, RedfishAnswer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("OData-Version", "4.0");
        String connection = exchange.getRequestHeaders().getFirst("Connection");
        if (connection != null && connection.equalsIgnoreCase("close")) {
            // the JDK server closes such a connection but does not say so; a pooling client (urllib3,
            // hence sushy) then reuses the dead connection and loses its next request
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (answer.body() == null || answer.status() == 204) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        if (head) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
