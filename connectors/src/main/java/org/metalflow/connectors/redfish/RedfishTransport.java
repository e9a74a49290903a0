package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends Redfish requests to BMCs: one session per BMC (logged in on first use, re-authenticated once on
 * 401, Basic when the BMC has no session service), at most {@code maxRequestsPerBmc} requests in flight
 * per BMC, and every failure turned into a {@link RedfishException}. Sessions idle longer than the
 * configured timeout are logged out by one shared sweeper thread, or on their next use.
 */
final class RedfishTransport implements AutoCloseable {

    static final String SERVICE_ROOT = "/redfish/v1";
    static final String DEFAULT_SESSIONS = "/redfish/v1/SessionService/Sessions";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final System.Logger LOG = System.getLogger(RedfishTransport.class.getName());

    private final RedfishSettings settings;
    private final TlsClients clients;
    private final Map<String, BmcSession> sessions = new ConcurrentHashMap<>();
    /** Attempts of one GET before a transient failure is reported, and the wait that grows between them. */
    static final int READ_ATTEMPTS = 4;
    static final Duration READ_BACKOFF = Duration.ofMillis(500);

    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    RedfishTransport(RedfishSettings settings, TlsClients clients) {
        this.settings = settings;
        this.clients = clients;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redfish-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1000, Math.min(60_000, settings.sessionIdleTimeout().toMillis() / 2));
        sweeper.scheduleWithFixedDelay(this::logoutIdleSessions, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * An authenticated request; a non-2xx answer becomes a {@link RedfishException}. A 404 is retried once at
     * the URI the parent resource links under another case or trailing slash (iLO links both spellings).
     */
    RedfishResponse send(BmcEndpoint bmc, String method, String path, JsonNode body, String ifMatch) {
        if (!"GET".equals(method)) {
            return sendWithCaseFallback(bmc, method, path, body, ifMatch);
        }
        return withReadAttempts(() -> sendWithCaseFallback(bmc, method, path, body, ifMatch));
    }

    /**
     * A busy BMC drops or refuses single requests now and then (iDRAC answers 503 under load). Reads, and the
     * login they may need, are safe to repeat, so they get a few quick attempts before the failure goes up.
     */
    private <T> T withReadAttempts(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RedfishException e) {
                if (!e.transientFailure() || e instanceof NoRequestSlot || attempt >= READ_ATTEMPTS || closed) {
                    throw e;
                }
                pause(READ_BACKOFF.multipliedBy(attempt));
            }
        }
    }

    /** The request waited a whole read timeout for a slot and was not sent; repeating it would wait again. */
    static final class NoRequestSlot extends RedfishException {
        NoRequestSlot(String message) {
            super(message, 0);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedfishException("interrupted while waiting to read again", 0, e);
        }
    }

    private RedfishResponse sendWithCaseFallback(BmcEndpoint bmc, String method, String path, JsonNode body,
                                                 String ifMatch) {
        BmcSession session = session(bmc);
        String target = session.alias(path);
        try {
            return sendOnce(session, bmc, method, target, body, ifMatch);
        } catch (RedfishException e) {
            if (e.status() != 404) {
                throw e;
            }
            String spelled = new CaseInsensitiveLinks(uri -> optionalOnce(session, bmc, uri)).resolve(target);
            if (spelled == null) {
                throw e;
            }
            session.alias(path, spelled);
            return sendOnce(session, bmc, method, spelled, body, ifMatch);
        }
    }

    /**
     * PATCH with If-Match: the given ETag, else the one read from the resource now. On 412 the resource is
     * read again and the PATCH sent once more with the fresh ETag; a second 412 is the caller's to handle.
     */
    RedfishResponse patch(BmcEndpoint bmc, String path, JsonNode body, String knownEtag) {
        String etag = knownEtag != null ? knownEtag : get(bmc, path).etag();
        try {
            return send(bmc, "PATCH", path, body, etag);
        } catch (RedfishException e) {
            if (e.status() != 412) {
                throw e;
            }
            return send(bmc, "PATCH", path, body, get(bmc, path).etag());
        }
    }

    private RedfishResponse sendOnce(BmcSession session, BmcEndpoint bmc, String method, String path, JsonNode body,
                                     String ifMatch) {
        BmcSession.Auth auth = authenticate(session, bmc);
        RedfishResponse response = execute(session, request(session, bmc, method, path, body, ifMatch, auth),
                method, path);
        if (response.status() == 401 && !auth.basic()) {
            auth = reauthenticate(session, bmc, auth);
            response = execute(session, request(session, bmc, method, path, body, ifMatch, auth), method, path);
        }
        if (!response.successful()) {
            throw RedfishErrors.httpFailure(session.display, method, path, response.status(), response.body());
        }
        return response;
    }

    private JsonNode optionalOnce(BmcSession session, BmcEndpoint bmc, String path) {
        try {
            return sendOnce(session, bmc, "GET", path, null, null).body();
        } catch (RedfishException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    RedfishResponse get(BmcEndpoint bmc, String path) {
        return send(bmc, "GET", path, null, null);
    }

    /** The service root as read at login; logs in if needed. */
    JsonNode serviceRoot(BmcEndpoint bmc) {
        BmcSession session = session(bmc);
        withReadAttempts(() -> authenticate(session, bmc));
        JsonNode root = session.serviceRoot();
        if (root == null) {
            root = get(bmc, SERVICE_ROOT).body();
            session.serviceRoot(root);
        }
        return root;
    }

    /** The address as written in messages. */
    String display(BmcEndpoint bmc) {
        return session(bmc).display;
    }

    private BmcSession session(BmcEndpoint bmc) {
        if (closed) {
            throw new IllegalStateException("the Redfish connector is closed");
        }
        BmcSession session = sessions.computeIfAbsent(bmc.key(), key -> newSession(bmc));
        OkHttpClient client = client(session.display, bmc.tls());
        if (session.client != client) {
            // The trust for this BMC changed: log out over the old trust, log in again over the new one.
            synchronized (session) {
                if (session.client != client) {
                    logout(session);
                    session.client = client;
                }
            }
        } else if (session.auth() != null && session.idleLongerThan(settings.sessionIdleTimeout().toNanos())) {
            logout(session);
        }
        return session;
    }

    private BmcSession newSession(BmcEndpoint bmc) {
        String display = display(bmc.address());
        HttpUrl base = HttpUrl.parse(display);
        if (base == null) {
            throw RedfishErrors.refused(display, "the address is not an http(s) URL");
        }
        return new BmcSession(bmc.key(), base, display, settings.maxRequestsPerBmc(), client(display, bmc.tls()));
    }

    private OkHttpClient client(String display, TlsTrust trust) {
        try {
            return clients.clientFor(trust);
        } catch (IllegalArgumentException e) {
            throw RedfishErrors.refused(display, "TLS trust is misconfigured: " + e.getMessage());
        }
    }

    /** BMC addresses are often given as a bare host or IP; Redfish is HTTPS then. */
    static String display(URI address) {
        String text = address.toString();
        if (address.getScheme() == null) {
            text = "https://" + text;
        }
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private BmcSession.Auth authenticate(BmcSession session, BmcEndpoint bmc) {
        BmcSession.Auth auth = session.auth();
        if (auth != null) {
            return auth;
        }
        synchronized (session) {
            return session.auth() != null ? session.auth() : login(session, bmc);
        }
    }

    /** Logs in again unless another caller already replaced the token that was refused. */
    private BmcSession.Auth reauthenticate(BmcSession session, BmcEndpoint bmc, BmcSession.Auth refused) {
        synchronized (session) {
            BmcSession.Auth current = session.auth();
            if (current != null && !current.equals(refused)) {
                return current;
            }
            session.forget();
            return login(session, bmc);
        }
    }

    /** Caller holds the session's monitor. */
    private BmcSession.Auth login(BmcSession session, BmcEndpoint bmc) {
        // The service root is readable without credentials (DSP0266) and names the sessions collection.
        RedfishResponse rootResponse = execute(session, request(session, bmc, "GET", SERVICE_ROOT, null, null, null),
                "GET", SERVICE_ROOT);
        JsonNode root = rootResponse.successful() ? rootResponse.body() : null;
        if (root == null && rootResponse.status() != 401 && rootResponse.status() != 403) {
            throw RedfishErrors.httpFailure(session.display, "GET", SERVICE_ROOT, rootResponse.status(),
                    rootResponse.body());
        }
        String sessionsPath = Json.link(root, "Links", "Sessions");
        if (sessionsPath == null) {
            sessionsPath = DEFAULT_SESSIONS;
        }
        ObjectNode credentials = Json.MAPPER.createObjectNode()
                .put("UserName", bmc.username())
                .put("Password", bmc.password());
        RedfishResponse created = execute(session,
                request(session, bmc, "POST", sessionsPath, credentials, null, null), "POST", sessionsPath);
        BmcSession.Auth auth;
        String sessionUri = null;
        String token = created.headers().get("X-Auth-Token");
        if (created.successful() && token != null && !token.isBlank()) {
            auth = new BmcSession.Auth(token, false);
            sessionUri = created.headers().get("Location");
            if (sessionUri == null) {
                sessionUri = Json.text(created.body(), "@odata.id");
            }
        } else if (created.successful() || created.status() == 404 || created.status() == 405
                || created.status() == 501) {
            LOG.log(System.Logger.Level.DEBUG, "BMC {0} has no usable session service; using Basic", session.display);
            auth = BmcSession.Auth.BASIC;
        } else {
            throw RedfishErrors.httpFailure(session.display, "POST", sessionsPath, created.status(), created.body());
        }
        session.loggedIn(auth, sessionUri, root);
        return auth;
    }

    private void logout(BmcSession session) {
        synchronized (session) {
            BmcSession.Auth auth = session.auth();
            String uri = session.sessionUri();
            session.forget();
            if (auth == null || auth.basic() || uri == null) {
                return;
            }
            try {
                RedfishResponse response = execute(session, request(session, null, "DELETE", uri, null, null, auth),
                        "DELETE", uri);
                if (!response.successful() && response.status() != 404 && response.status() != 401) {
                    LOG.log(System.Logger.Level.WARNING, "BMC {0} refused logout: {1}", session.display,
                            response.status());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "BMC {0}: logout failed: {1}", session.display, e.getMessage());
            }
        }
    }

    private void logoutIdleSessions() {
        long idle = settings.sessionIdleTimeout().toNanos();
        for (BmcSession session : sessions.values()) {
            if (!closed && session.auth() != null && session.idleLongerThan(idle)) {
                logout(session);
            }
        }
    }

    private Request request(BmcSession session, BmcEndpoint bmc, String method, String path, JsonNode body,
                            String ifMatch, BmcSession.Auth auth) {
        HttpUrl url = session.base.resolve(path);
        if (url == null) {
            throw RedfishErrors.refused(session.display, "cannot follow the link '" + path + "'");
        }
        Request.Builder builder = new Request.Builder().url(url)
                .header("Accept", "application/json")
                .header("OData-Version", "4.0")
                // OkHttp would ask for gzip; web servers that compress weaken or rename the ETag (Apache
                // appends -gzip), and an If-Match with it then fails.
                .header("Accept-Encoding", "identity");
        if (auth != null && auth.basic()) {
            builder.header("Authorization", Credentials.basic(bmc.username(), bmc.password(), StandardCharsets.UTF_8));
        } else if (auth != null) {
            builder.header("X-Auth-Token", auth.token());
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(body.toString(), JSON);
        if (requestBody == null && ("POST".equals(method) || "PATCH".equals(method))) {
            requestBody = RequestBody.create("{}", JSON);
        }
        return builder.method(method, requestBody).build();
    }

    private RedfishResponse execute(BmcSession session, Request request, String method, String path) {
        long waitMillis = settings.readTimeout().toMillis();
        try {
            if (!session.permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new NoRequestSlot("BMC " + session.display + ": no free request slot within "
                        + waitMillis + " ms (" + settings.maxRequestsPerBmc() + " requests already in flight); "
                        + method + " " + path + " was not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedfishException("interrupted while waiting to send " + method + " " + path + " to BMC "
                    + session.display, 0, e);
        }
        try (Response response = session.client.newCall(request).execute()) {
            ResponseBody body = response.body();
            return new RedfishResponse(response.code(), parse(body == null ? null : body.bytes()), response.headers());
        } catch (IOException e) {
            throw RedfishErrors.noAnswer(session.display, method, path, e, settings.connectTimeout(),
                    settings.readTimeout());
        } finally {
            session.touch();
            session.permits.release();
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null; // error pages from BMC web servers are often HTML
        }
    }

    /** Logs out every session and releases the HTTP client's threads and connections. */
    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        for (BmcSession session : new ArrayList<>(sessions.values())) {
            logout(session);
        }
        sessions.clear();
        OkHttpClient base = clients.base();
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
