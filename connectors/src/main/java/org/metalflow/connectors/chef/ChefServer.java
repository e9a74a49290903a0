package org.metalflow.connectors.chef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The calls of the Chef Infra Server API the platform needs: register a machine's node (run list, environment,
 * normal attributes), read it back, create the API client a machine's Chef agent authenticates with, and remove
 * both when the machine is released. Works with Chef Infra Server 12+ (with an organization) and with Chef 11
 * style servers such as goiardi (without). Every request is signed ({@link ChefRequestSigner}); every failure is
 * a {@link ChefException} naming the server, the client and the request. Thread-safe.
 */
public final class ChefServer implements AutoCloseable {

    /** What {@link #ensureNode} had to do. */
    public enum NodeChange { CREATED, UPDATED, UNCHANGED }

    private static final System.Logger LOG = System.getLogger(ChefServer.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");
    /** Names of nodes and clients as Chef accepts them. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern RUN_LIST_ITEM = Pattern.compile("(recipe|role)\\[[^\\]]+\\]");
    /** The Chef version this client claims; servers refuse clients older than they support. */
    static final String CHEF_VERSION = "12.0.0";
    /**
     * Server API version 1 (Chef Infra Server 12.4+): the newest one whose answers this class reads. Servers
     * without versioning (Chef 11, goiardi) ignore it.
     */
    static final String SERVER_API_VERSION = "1";

    private final ChefSettings settings;
    private final ChefRequestSigner signer;
    private final OkHttpClient client;
    private final HttpUrl base;
    private final Clock clock;

    public ChefServer(ChefSettings settings) {
        this(settings, Clock.systemUTC());
    }

    ChefServer(ChefSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = new ChefRequestSigner(settings.clientName(),
                ChefKeys.privateKey(settings.clientKeyPem(), "the key of Chef client " + settings.clientName()),
                settings.authVersion(), SERVER_API_VERSION);
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                // the server closes idle connections (goiardi after a few seconds): a pooled one is dead at the
                // next call ("unexpected end of stream"), and calls are rare, so none is kept
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
        HttpUrl url = HttpUrl.get(settings.serverUrl().toString());
        this.base = settings.organization() == null ? url
                : url.newBuilder().addPathSegment("organizations").addPathSegment(settings.organization()).build();
    }

    /**
     * Makes the node carry this run list, environment and normal attributes: creates it ({@code POST /nodes}),
     * or, when it exists (409), reads it and writes it back ({@code PUT /nodes/NAME}) only if something differs.
     * An existing node keeps its automatic, default and override attributes and every normal attribute not named
     * in {@code normalAttributes} (its Chef agent writes those).
     *
     * @param runList          items such as {@code role[web]} or {@code recipe[base]}; a bare name means a recipe
     * @param environment      {@code _default} when null
     * @param normalAttributes top-level normal attributes to set (JSON-like values); none when null
     */
    public NodeChange ensureNode(String name, List<String> runList, String environment, Map<String, ?> normalAttributes) {
        checkName(name, "node");
        ArrayNode wantedRunList = runList(runList);
        String wantedEnvironment = environment == null || environment.isBlank() ? "_default" : environment.strip();
        ObjectNode wantedNormal = normalAttributes == null ? MAPPER.createObjectNode() : MAPPER.valueToTree(normalAttributes);

        ObjectNode node = MAPPER.createObjectNode()
                .put("name", name).put("chef_type", "node").put("json_class", "Chef::Node")
                .put("chef_environment", wantedEnvironment);
        node.set("run_list", wantedRunList);
        node.set("normal", wantedNormal);
        node.putObject("default");
        node.putObject("override");
        node.putObject("automatic");
        Answer created = send("POST", url("nodes"), node, "POST /nodes (create node " + name + ")", 409);
        if (created.status() != 409) {
            LOG.log(System.Logger.Level.INFO, "{0}: created node {1} (run list {2}, environment {3})",
                    settings.describe(), name, wantedRunList, wantedEnvironment);
            return NodeChange.CREATED;
        }

        JsonNode current = send("GET", url("nodes", name), null, "GET /nodes/" + name).body();
        if (!(current instanceof ObjectNode existing)) {
            throw new ChefException(settings.describe() + " answered GET /nodes/" + name + " with no node object", false);
        }
        JsonNode currentNormal = existing.path("normal");
        boolean normalMatches = true;
        for (Map.Entry<String, JsonNode> attribute : iterable(wantedNormal)) {
            normalMatches &= attribute.getValue().equals(currentNormal.get(attribute.getKey()));
        }
        if (wantedRunList.equals(existing.path("run_list")) && wantedEnvironment.equals(existing.path("chef_environment").asText())
                && normalMatches) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: node {1} already as wanted; nothing sent", settings.describe(), name);
            return NodeChange.UNCHANGED;
        }
        existing.set("run_list", wantedRunList);
        existing.put("chef_environment", wantedEnvironment);
        ObjectNode normal = currentNormal instanceof ObjectNode object ? object : existing.putObject("normal");
        normal.setAll(wantedNormal);
        existing.set("normal", normal);
        send("PUT", url("nodes", name), existing, "PUT /nodes/" + name + " (update node)");
        LOG.log(System.Logger.Level.INFO, "{0}: updated node {1} (run list {2}, environment {3})",
                settings.describe(), name, wantedRunList, wantedEnvironment);
        return NodeChange.UPDATED;
    }

    /** The node, or empty when the server has none of this name. */
    public Optional<ChefNode> node(String name) {
        checkName(name, "node");
        Answer answer = send("GET", url("nodes", name), null, "GET /nodes/" + name, 404);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        JsonNode node = answer.body();
        List<String> runList = new ArrayList<>();
        node.path("run_list").forEach(item -> runList.add(item.asText()));
        @SuppressWarnings("unchecked")
        Map<String, Object> normal = node.path("normal").isObject()
                ? MAPPER.convertValue(node.get("normal"), LinkedHashMap.class) : Map.of();
        JsonNode ohai = node.path("automatic").path("ohai_time");
        Instant ohaiTime = ohai.isNumber() ? Instant.ofEpochMilli(Math.round(ohai.asDouble() * 1000)) : null;
        String environment = node.path("chef_environment").asText("_default");
        return Optional.of(new ChefNode(node.path("name").asText(name), runList, environment, normal, ohaiTime));
    }

    /** Deletes the node; true when there was one, false (nothing done) when the server had none. */
    public boolean deleteNode(String name) {
        checkName(name, "node");
        boolean deleted = send("DELETE", url("nodes", name), null, "DELETE /nodes/" + name, 404).status() != 404;
        if (deleted) {
            LOG.log(System.Logger.Level.INFO, "{0}: deleted node {1}", settings.describe(), name);
        }
        return deleted;
    }

    /**
     * Creates a (non-admin) API client and returns its new private key, PEM, which the machine's Chef agent uses
     * as its {@code client.pem}. The server keeps only the public half, so the key cannot be read again: when a
     * client of this name already exists (409) it is deleted and created anew, which gives it a fresh key pair and
     * makes every earlier copy of its key useless (what a reinstalled machine needs).
     */
    public String createClient(String name) {
        checkName(name, "client");
        ObjectNode request = MAPPER.createObjectNode().put("name", name).put("admin", false).put("create_key", true);
        String what = "POST /clients (create client " + name + ")";
        Answer answer = send("POST", url("clients"), request, what, 409);
        if (answer.status() == 409) {
            send("DELETE", url("clients", name), null, "DELETE /clients/" + name + " (replace existing client)", 404);
            answer = send("POST", url("clients"), request, what + " after deleting the old one");
            LOG.log(System.Logger.Level.INFO, "{0}: replaced client {1} with a new key pair", settings.describe(), name);
        } else {
            LOG.log(System.Logger.Level.INFO, "{0}: created client {1}", settings.describe(), name);
        }
        // Chef 11 and goiardi (and server API version 0) answer private_key; API version 1 nests it in chef_key.
        JsonNode key = answer.body().path("private_key");
        if (!key.isTextual()) {
            key = answer.body().path("chef_key").path("private_key");
        }
        if (!key.isTextual() || !key.asText().contains("PRIVATE KEY")) {
            throw new ChefException(settings.describe() + " created client " + name + " but returned no private key"
                    + " (answer had fields " + fieldNames(answer.body()) + ")", false);
        }
        return key.asText();
    }

    /** Deletes the API client; true when there was one, false (nothing done) when the server had none. */
    public boolean deleteClient(String name) {
        checkName(name, "client");
        boolean deleted = send("DELETE", url("clients", name), null, "DELETE /clients/" + name, 404).status() != 404;
        if (deleted) {
            LOG.log(System.Logger.Level.INFO, "{0}: deleted client {1}", settings.describe(), name);
        }
        return deleted;
    }

    public ChefSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "ChefServer[" + settings + "]";
    }

    private record Answer(int status, JsonNode body) {
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder builder = base.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    /**
     * Sends one signed request. A 2xx answer, or one of the {@code tolerated} statuses, is returned; any other
     * answer and every I/O failure becomes a {@link ChefException}.
     */
    private Answer send(String method, HttpUrl url, JsonNode body, String what, int... tolerated) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        Request.Builder request = new Request.Builder().url(url)
                .method(method, body == null ? null : RequestBody.create(bytes, JSON))
                .header("Accept", "application/json")
                .header("X-Chef-Version", CHEF_VERSION)
                .header("X-Ops-Server-API-Version", SERVER_API_VERSION);
        signer.sign(method, url.encodedPath(), bytes, clock.instant()).forEach(request::header);
        String text;
        int status;
        try (Response response = client.newCall(request.build()).execute()) {
            status = response.code();
            text = response.body() == null ? "" : response.body().string();
        } catch (IOException e) {
            throw new ChefException(settings.describe() + " did not answer " + what + " (timeout "
                    + settings.timeout().toMillis() + " ms): " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        }
        boolean accepted = status >= 200 && status < 300;
        for (int allowed : tolerated) {
            accepted |= status == allowed;
        }
        if (!accepted) {
            throw failure(status, text, what);
        }
        try {
            return new Answer(status, text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text));
        } catch (IOException notJson) {
            if (status >= 400) {
                return new Answer(status, MAPPER.createObjectNode());
            }
            throw new ChefException(settings.describe() + " answered " + what + " with a body that is not JSON"
                    + " (is the URL the Chef server API?): " + errorText(text), false, notJson);
        }
    }

    private ChefException failure(int status, String body, String what) {
        String prefix = settings.describe() + " answered HTTP " + status + " to " + what;
        String error = errorText(body);
        String detail = error.isEmpty() ? "" : ": " + error;
        if (status == 401) {
            return new ChefException(prefix + detail + " (the server did not accept the signature of client "
                    + settings.clientName() + ": the client does not exist there, its key is not the one the server"
                    + " holds, or the clocks differ by more than the allowed skew)", false);
        }
        if (status == 403) {
            return new ChefException(prefix + detail + " (client " + settings.clientName()
                    + " is authenticated but not allowed to do this; on Chef Infra Server 12+ check its groups"
                    + " and ACLs, on Chef 11/goiardi make it an admin client)", false);
        }
        if (status == 404 && settings.organization() != null && error.toLowerCase(Locale.ROOT).contains("organization")) {
            return new ChefException(prefix + detail + " (does organization " + settings.organization()
                    + " exist?)", false);
        }
        return new ChefException(prefix + detail, status >= 500 || status == 429 || status == 408);
    }

    /** The server's {@code error} field (a string or a list of strings), or the start of any other body. */
    private static String errorText(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            JsonNode json = MAPPER.readTree(trimmed);
            JsonNode error = json == null ? null : json.get("error");
            if (error != null && error.isArray()) {
                List<String> parts = new ArrayList<>();
                error.forEach(part -> parts.add(part.asText()));
                return String.join("; ", parts);
            }
            if (error != null && !error.isNull()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String oneLine = trimmed.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private void checkName(String name, String kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ChefException("'" + name + "' is not a valid Chef " + kind + " name (letters, digits, _ . : -);"
                    + " nothing was sent to " + settings.describe(), false);
        }
    }

    private static ArrayNode runList(List<String> items) {
        ArrayNode list = MAPPER.createArrayNode();
        if (items != null) {
            for (String item : items) {
                String value = item == null ? "" : item.strip();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("a run list item is empty: " + items);
                }
                list.add(RUN_LIST_ITEM.matcher(value).matches() ? value : "recipe[" + value + "]");
            }
        }
        return list;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode object) {
        return object::fields;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
