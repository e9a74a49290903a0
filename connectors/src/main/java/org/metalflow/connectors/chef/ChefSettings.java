package org.metalflow.connectors.chef;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Chef server is and who the platform is on it. The client key is never part of {@link #toString()}
 * nor of any message.
 *
 * @param serverUrl    e.g. {@code https://chef.example.com} or {@code http://127.0.0.1:4545} (goiardi)
 * @param organization Chef Infra Server 12+ organization: requests go to {@code /organizations/ORG/...}; null
 *                     or blank for Chef 11 and goiardi, which have no organizations
 * @param clientName   the API client (or user) requests are signed as ({@code X-Ops-Userid})
 * @param clientKeyPem its RSA private key, PEM (PKCS#1 or unencrypted PKCS#8)
 * @param authVersion  the signing protocol; {@link ChefAuthVersion#V1_0} when null
 * @param timeout      limit of one HTTP call (connect, send, answer); 10 s when null
 */
public record ChefSettings(URI serverUrl, String organization, String clientName, String clientKeyPem,
                           ChefAuthVersion authVersion, Duration timeout) {

    public ChefSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientKeyPem, "clientKeyPem");
        String scheme = serverUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("Chef server URL must be http or https: " + serverUrl);
        }
        String url = serverUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        serverUrl = URI.create(url);
        organization = organization == null || organization.isBlank() ? null : organization.strip();
        if (organization != null && !organization.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("Chef organization names are lower-case letters, digits, - and _: '"
                    + organization + "'");
        }
        if (clientName.isBlank()) {
            throw new IllegalArgumentException("Chef client name must not be blank");
        }
        clientName = clientName.strip();
        authVersion = authVersion == null ? ChefAuthVersion.V1_0 : authVersion;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    /** No organization (Chef 11, goiardi), protocol 1.0, 10 s timeout. */
    public static ChefSettings of(String serverUrl, String clientName, String clientKeyPem) {
        return new ChefSettings(URI.create(serverUrl), null, clientName, clientKeyPem, null, null);
    }

    public ChefSettings withOrganization(String newOrganization) {
        return new ChefSettings(serverUrl, newOrganization, clientName, clientKeyPem, authVersion, timeout);
    }

    /** The same server, signed as another client (e.g. a node's own client, to act with its permissions). */
    public ChefSettings withClient(String newClientName, String newClientKeyPem) {
        return new ChefSettings(serverUrl, organization, newClientName, newClientKeyPem, authVersion, timeout);
    }

    public ChefSettings withAuthVersion(ChefAuthVersion newVersion) {
        return new ChefSettings(serverUrl, organization, clientName, clientKeyPem, newVersion, timeout);
    }

    public ChefSettings withTimeout(Duration newTimeout) {
        return new ChefSettings(serverUrl, organization, clientName, clientKeyPem, authVersion, newTimeout);
    }

    /** How messages name the server: {@code Chef server https://chef.example.com (organization lab, client metalflow)}. */
    public String describe() {
        return "Chef server " + serverUrl + " (" + (organization == null ? "" : "organization " + organization + ", ")
                + "client " + clientName + ")";
    }

    @Override
    public String toString() {
        return "ChefSettings[" + serverUrl + ", organization=" + organization + ", client=" + clientName
                + ", auth=" + authVersion.version() + ", timeout=" + timeout + "]";
    }
}
