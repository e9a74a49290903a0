package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * What is kept per BMC and user: the request permits, the Redfish session (token and its URI) or the
 * decision to use Basic, and the service root read at login. Holds no password. Fields that change are
 * guarded by this object's monitor; logins happen under it so concurrent callers share one login.
 */
final class BmcSession {

    /** How requests are authenticated: with a session token, or with Basic when the BMC has no sessions. */
    record Auth(String token, boolean basic) {
        static final Auth BASIC = new Auth(null, true);
    }

    final String key;
    final HttpUrl base;
    /** The BMC address as operators wrote it, for messages. */
    final String display;
    final Semaphore permits;
    volatile OkHttpClient client;
    private volatile long lastUsedNanos = System.nanoTime();
    /** URIs that answered 404 and the spelling the BMC serves them under. */
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    private Auth auth;
    private String sessionUri;
    private JsonNode serviceRoot;

    BmcSession(String key, HttpUrl base, String display, int maxRequests, OkHttpClient client) {
        this.key = key;
        this.base = base;
        this.display = display;
        this.permits = new Semaphore(Math.max(1, maxRequests), true);
        this.client = client;
    }

    String alias(String path) {
        return aliases.getOrDefault(path, path);
    }

    void alias(String path, String servedAs) {
        aliases.put(path, servedAs);
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    boolean idleLongerThan(long nanos) {
        return System.nanoTime() - lastUsedNanos > nanos;
    }

    synchronized Auth auth() {
        return auth;
    }

    synchronized String sessionUri() {
        return sessionUri;
    }

    synchronized JsonNode serviceRoot() {
        return serviceRoot;
    }

    synchronized void loggedIn(Auth auth, String sessionUri, JsonNode serviceRoot) {
        this.auth = auth;
        this.sessionUri = sessionUri;
        this.serviceRoot = serviceRoot;
        touch();
    }

    synchronized void serviceRoot(JsonNode serviceRoot) {
        this.serviceRoot = serviceRoot;
    }

    /** Forgets the session (after logout, or when the BMC no longer accepts the token). */
    synchronized void forget() {
        auth = null;
        sessionUri = null;
    }
}
