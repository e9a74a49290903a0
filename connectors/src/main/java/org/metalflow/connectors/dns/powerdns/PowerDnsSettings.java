package org.metalflow.connectors.dns.powerdns;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the PowerDNS Authoritative HTTP API is and the key it wants. The API key is never part of
 * {@link #toString()} nor of any message.
 *
 * @param baseUrl  the webserver's address, e.g. {@code http://127.0.0.1:8081} (a trailing {@code /api/v1} is accepted)
 * @param serverId the API's server id; {@code localhost} when null
 * @param apiKey   sent as {@code X-API-Key}
 * @param timeout  limit of one HTTP call (connect, send, answer)
 * @param maxConcurrentWrites PATCH requests this provider has in flight at once (1 when 0): PowerDNS 4.7 with
 *                 the gsqlite3 backend answers concurrent writes with HTTP 500 "database is locked"; backends on
 *                 PostgreSQL or MySQL (gpgsql, gmysql) take more
 */
public record PowerDnsSettings(URI baseUrl, String serverId, String apiKey, Duration timeout, int maxConcurrentWrites) {

    public PowerDnsSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("PowerDNS API URL must be http or https: " + baseUrl);
        }
        String url = baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/api/v1")) {
            url = url.substring(0, url.length() - "/api/v1".length());
        }
        baseUrl = URI.create(url);
        serverId = serverId == null || serverId.isBlank() ? "localhost" : serverId.strip();
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (maxConcurrentWrites < 0) {
            throw new IllegalArgumentException("maxConcurrentWrites must not be negative, not " + maxConcurrentWrites);
        }
        maxConcurrentWrites = maxConcurrentWrites == 0 ? 1 : maxConcurrentWrites;
    }

    /** Server id {@code localhost}, 10 s timeout, one write at a time. */
    public static PowerDnsSettings of(String baseUrl, String apiKey) {
        return new PowerDnsSettings(URI.create(baseUrl), null, apiKey, null, 0);
    }

    public PowerDnsSettings withServerId(String newServerId) {
        return new PowerDnsSettings(baseUrl, newServerId, apiKey, timeout, maxConcurrentWrites);
    }

    public PowerDnsSettings withTimeout(Duration newTimeout) {
        return new PowerDnsSettings(baseUrl, serverId, apiKey, newTimeout, maxConcurrentWrites);
    }

    public PowerDnsSettings withMaxConcurrentWrites(int writes) {
        return new PowerDnsSettings(baseUrl, serverId, apiKey, timeout, writes);
    }

    /** How messages name the server: {@code PowerDNS http://127.0.0.1:8081 (server localhost)}. */
    public String describe() {
        return "PowerDNS " + baseUrl + " (server " + serverId + ")";
    }

    @Override
    public String toString() {
        return "PowerDnsSettings[" + baseUrl + ", server=" + serverId + ", timeout=" + timeout
                + ", maxConcurrentWrites=" + maxConcurrentWrites + "]";
    }
}
