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

    LabRedfishHandler(LabFleet fleet, ObjectMapper mapper) {
        this.fleet = fleet;
        this.mapper = mapper;
        this.resources = new RedfishResources(mapper);
    }

    /** What goes back: status, optional JSON body, extra headers. */
    private record Answer(int status, ObjectNode body, Map<String, String> headers) {

        static Answer of(int status, ObjectNode body) {
            return new Answer(status, body, new LinkedHashMap<>());
        }

        Answer header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                log.warn("lab BMC request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = error(RedfishError.internal(e.getClass().getSimpleName()));
            }
            write(exchange, answer);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            return error(RedfishError.forbidden());
        }
        Optional<SimulatedBmc> found = fleet.bmcAt(exchange.getLocalAddress().getAddress());
        if (found.isEmpty()) {
            return error(RedfishError.resourceMissing(path));
        }
        SimulatedBmc bmc = found.get();
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
                    return bmc.closeSession(id) ? Answer.of(204, null) : error(RedfishError.resourceMissing(path));
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

    private Answer get(SimulatedBmc bmc, MachineSpec spec, BmcUris uris, String path) {
        Optional<ObjectNode> resource = resources.get(bmc, spec, uris, path);
        if (resource.isEmpty()) {
            return error(RedfishError.resourceMissing(path));
        }
        Answer answer = Answer.of(200, resource.get());
        if (uris.same(path, uris.system())) {
            answer.header("ETag", bmc.etag());
        } else if (resource.get().has("@odata.etag")) {
            answer.header("ETag", resource.get().get("@odata.etag").asText());
        }
        return answer;
    }

    private Answer login(SimulatedBmc bmc, MachineSpec spec, BmcUris uris, byte[] body) {
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
        return Answer.of(201, resources.session(uris, session.get(), personality))
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

    private Answer patchSystem(HttpExchange exchange, SimulatedBmc bmc, MachineSpec spec, byte[] body) {
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch != null && !etagMatches(ifMatch, bmc.etag())) {
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
        return Answer.of(success == null ? 204 : 200, success).header("ETag", bmc.etag());
    }

    /** Weak comparison, as iLO and iDRAC hand out weak ETags: {@code W/"x"} matches {@code "x"}. */
    private static boolean etagMatches(String ifMatch, String current) {
        String bare = stripWeak(current);
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || stripWeak(trimmed).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    private Answer reset(SimulatedBmc bmc, MachineSpec spec, byte[] body) {
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
        ObjectNode success = personality.successBody(mapper, true);
        return Answer.of(success == null ? 204 : 200, success);
    }

    private static String allowed(BmcUris uris, String path) {
        if (uris.same(path, uris.system())) {
            return "GET, HEAD, PATCH";
        }
        if (uris.same(path, uris.resetTarget())) {
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

    private Answer error(RedfishError error) {
        return Answer.of(error.status(), error.toJson(mapper));
    }

    private void write(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("OData-Version", "4.0");
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
