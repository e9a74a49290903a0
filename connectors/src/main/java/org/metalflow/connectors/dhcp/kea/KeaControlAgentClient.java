package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.metalflow.connectors.dhcp.DhcpException;

/**
 * Sends commands to one Kea service (normally {@code dhcp4}) through a Kea Control Agent over HTTP, optionally
 * with HTTP basic authentication. Every answer is checked: anything but the results the caller accepts becomes a
 * {@link DhcpException} with the agent's own text. The password is only ever put into the Authorization header.
 */
public final class KeaControlAgentClient implements AutoCloseable {

    /** Exactly this: Kea 2.2's agent answers 400 Bad Request to "application/json; charset=utf-8". */
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the agent answers (with result 1) when the service behind it does not accept the command socket. */
    private static final String SERVICE_OFFLINE = "unable to forward command";

    private final HttpUrl url;
    private final String service;
    private final String authorization;
    private final OkHttpClient http;
    private final boolean ownsHttp;

    /** A client for {@code dhcp4} behind the agent at {@code url}; {@code user} null means no authentication. */
    public KeaControlAgentClient(String url, String user, String password) {
        this(url, user, password, "dhcp4", new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .retryOnConnectionFailure(false)
                .build(), true);
    }

    /** With an OkHttp client of the caller's (e.g. one set up for the agent's TLS); it is not closed here. */
    public KeaControlAgentClient(String url, String user, String password, String service, OkHttpClient http) {
        this(url, user, password, service, http, false);
    }

    private KeaControlAgentClient(String url, String user, String password, String service, OkHttpClient http,
            boolean ownsHttp) {
        HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL for the Kea control agent: " + url);
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            throw new IllegalArgumentException("give the Kea control agent's user and password separately, not in its URL");
        }
        this.url = parsed;
        this.service = Objects.requireNonNull(service, "service");
        this.authorization = user == null ? null : Credentials.basic(user, Objects.requireNonNull(password, "password"));
        this.http = Objects.requireNonNull(http, "http");
        this.ownsHttp = ownsHttp;
    }

    /** Sends {@code command} and returns its answer when its result is 0 or one of {@code accepted}. */
    public KeaAnswer command(String command, JsonNode arguments, int... accepted) {
        KeaAnswer answer = send(command, arguments);
        if (answer.result() == KeaAnswer.SUCCESS) {
            return answer;
        }
        for (int ok : accepted) {
            if (answer.result() == ok) {
                return answer;
            }
        }
        boolean offline = answer.result() == KeaAnswer.ERROR && answer.text().startsWith(SERVICE_OFFLINE);
        String hint = answer.result() == KeaAnswer.UNSUPPORTED ? " (is the hook library that provides it loaded?)" : "";
        throw new DhcpException(where() + " answered " + command + " with result " + answer.result() + " ("
                + KeaAnswer.meaning(answer.result()) + "): " + answer.text() + hint, offline);
    }

    /** An empty arguments object to fill in. */
    public static ObjectNode arguments() {
        return MAPPER.createObjectNode();
    }

    /** Where commands go, for messages: e.g. {@code Kea dhcp4 via control agent http://127.0.0.1:8000/}. */
    public String where() {
        return "Kea " + service + " via control agent " + url;
    }

    private KeaAnswer send(String command, JsonNode arguments) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("command", command);
        body.putArray("service").add(service);
        if (arguments != null) {
            body.set("arguments", arguments);
        }
        // a byte body, because OkHttp appends "; charset=utf-8" to the content type of a String body
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
                // the agent drops idle connections on its own schedule; a fresh one per command never goes stale
                .header("Connection", "close");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw httpFailure(command, response.code(), text);
            }
            return parse(command, text);
        } catch (IOException e) {
            throw new DhcpException(where() + " did not answer " + command + ": " + e.getMessage(), true, e);
        }
    }

    private DhcpException httpFailure(String command, int code, String body) {
        if (code == 401 || code == 403) {
            return new DhcpException(where() + " refused " + command + " with HTTP " + code
                    + ": check the user and password configured for the control agent", false);
        }
        return new DhcpException(where() + " answered " + command + " with HTTP " + code + ": " + snippet(body),
                code >= 500 || code == 408 || code == 429);
    }

    private KeaAnswer parse(String command, String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new DhcpException(where() + " answered " + command + " with something that is not JSON: "
                    + snippet(text), false, e);
        }
        // one answer per service in an array; the agent's own errors come as a single object
        JsonNode first = tree != null && tree.isArray() ? tree.path(0) : tree;
        if (first == null || !first.path("result").isInt()) {
            throw new DhcpException(where() + " answered " + command + " without a result: " + snippet(text), false);
        }
        return new KeaAnswer(first.get("result").asInt(), first.path("text").asText(""), first.get("arguments"));
    }

    private static String snippet(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return where();
    }
}
