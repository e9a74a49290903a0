package org.metalflow.connectors.dns.powerdns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.metalflow.connectors.dns.DnsException;

/**
 * The few calls of the PowerDNS Authoritative HTTP API (v1) the provider needs, with every failure turned into
 * a {@link DnsException} that names the server and the request. Thread-safe.
 */
final class PowerDnsApi {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PowerDnsSettings settings;
    private final OkHttpClient client;
    private final HttpUrl server;
    private final Semaphore writes;

    PowerDnsApi(PowerDnsSettings settings) {
        this.settings = settings;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                .build();
        HttpUrl base = HttpUrl.get(settings.baseUrl().toString());
        this.writes = new Semaphore(settings.maxConcurrentWrites(), true);
        this.server = base.newBuilder().addPathSegments("api/v1/servers").addPathSegment(settings.serverId()).build();
    }

    /**
     * The RRset {@code name}/{@code type} of {@code zone}, {@link RrSet#NONE} when there is none. Asks only for
     * that RRset ({@code rrset_name}/{@code rrset_type}, PowerDNS 4.7+; older servers ignore them and return
     * the whole zone, so the answer is filtered here too).
     */
    RrSet read(String zone, String name, String type) {
        HttpUrl url = zoneUrl(zone).newBuilder()
                .addQueryParameter("rrsets", "true")
                .addQueryParameter("rrset_name", name)
                .addQueryParameter("rrset_type", type)
                .build();
        JsonNode body = call(new Request.Builder().url(url).get(), "GET zone " + zone + " RRset " + name + " " + type, zone);
        for (JsonNode rrset : body.path("rrsets")) {
            if (name.equalsIgnoreCase(rrset.path("name").asText()) && type.equals(rrset.path("type").asText())) {
                List<RrSet.Entry> entries = new ArrayList<>();
                for (JsonNode record : rrset.path("records")) {
                    entries.add(new RrSet.Entry(record.path("content").asText(), record.path("disabled").asBoolean(false)));
                }
                return new RrSet(rrset.path("ttl").asLong(0), entries);
            }
        }
        return RrSet.NONE;
    }

    /** PATCH with {@code changetype: REPLACE}: the RRset becomes exactly {@code entries}. */
    void replace(String zone, String name, String type, long ttl, List<RrSet.Entry> entries, String what) {
        ObjectNode rrset = MAPPER.createObjectNode()
                .put("name", name).put("type", type).put("ttl", ttl).put("changetype", "REPLACE");
        ArrayNode records = rrset.putArray("records");
        for (RrSet.Entry entry : entries) {
            records.addObject().put("content", entry.content()).put("disabled", entry.disabled());
        }
        patch(zone, rrset, what);
    }

    /** PATCH with {@code changetype: DELETE}: the RRset is gone. */
    void deleteRrSet(String zone, String name, String type, String what) {
        patch(zone, MAPPER.createObjectNode().put("name", name).put("type", type).put("changetype", "DELETE"), what);
    }

    /** True when the server holds a zone of exactly this name. */
    boolean zoneExists(String zone) {
        HttpUrl url = server.newBuilder().addPathSegment("zones")
                .addQueryParameter("zone", zone).addQueryParameter("dnssec", "false").build();
        JsonNode zones = call(new Request.Builder().url(url).get(), "GET zones?zone=" + zone, null);
        return zones.isArray() && !zones.isEmpty();
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private void patch(String zone, ObjectNode rrset, String what) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("rrsets").add(rrset);
        Request.Builder request = new Request.Builder().url(zoneUrl(zone)).patch(RequestBody.create(body.toString(), JSON));
        try {
            writes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsException("interrupted while waiting to send " + what + " to " + settings.describe(), true, e);
        }
        try {
            call(request, what, zone);
        } finally {
            writes.release();
        }
    }

    private HttpUrl zoneUrl(String zone) {
        return server.newBuilder().addPathSegment("zones").addPathSegment(zone).build();
    }

    /** @param zone the zone the request is about, for the message of a 404; null when it is about no zone */
    private JsonNode call(Request.Builder builder, String what, String zone) {
        Request request = builder.header("X-API-Key", settings.apiKey()).header("Accept", "application/json").build();
        String text;
        try (Response response = client.newCall(request).execute()) {
            text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw failure(response.code(), text, what, zone);
            }
        } catch (IOException e) {
            throw new DnsException(settings.describe() + " did not answer " + what + " (timeout "
                    + settings.timeout().toMillis() + " ms): " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
        }
        try {
            return text.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(text);
        } catch (IOException notJson) {
            throw new DnsException(settings.describe() + " answered " + what + " with a body that is not JSON"
                    + " (is the URL the PowerDNS webserver?): " + errorText(text), false, notJson);
        }
    }

    private DnsException failure(int status, String body, String what, String zone) {
        String prefix = settings.describe() + " answered HTTP " + status + " to " + what;
        if (status == 401 || status == 403) {
            return new DnsException(prefix + ": the API key was not accepted (check api-key and"
                    + " webserver-allow-from on the server)", false);
        }
        if (status == 404 && zone != null) {
            return new DnsException("zone " + zone + " does not exist on " + settings.describe() + " (HTTP 404 to "
                    + what + "); create the zone, or fix the record's zone or the server id", false);
        }
        String error = errorText(body);
        String message = error.isEmpty() ? prefix : prefix + ": " + error;
        return new DnsException(message, status >= 500);
    }

    /** PowerDNS's {@code error} field, or the start of a body that is not its JSON error. */
    private static String errorText(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            JsonNode json = MAPPER.readTree(trimmed);
            if (json != null && json.hasNonNull("error")) {
                return json.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String oneLine = trimmed.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
