package org.metalflow.connectors.dns.rfc2136;

import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Where updates go and how they are signed. The TSIG secret is never part of {@link #toString()}.
 *
 * @param server       host name or address of the primary server
 * @param port         its DNS port (53 in production)
 * @param tsigKeyName  the key's name as the server knows it, or null to send unsigned updates (servers that
 *                     allow updates by address, e.g. Windows DNS set to "nonsecure and secure")
 * @param tsigAlgorithm the key's algorithm; {@link TsigAlgorithm#HMAC_SHA256} when null
 * @param tsigSecret   the key's secret, base64 as {@code tsig-keygen} prints it
 * @param timeout      how long one request waits for its answer
 * @param transport    how updates travel; reads always go over TCP
 */
public record Rfc2136Settings(String server, int port, String tsigKeyName, TsigAlgorithm tsigAlgorithm,
                              String tsigSecret, Duration timeout, Transport transport) {

    public enum Transport { TCP, UDP }

    public Rfc2136Settings {
        Objects.requireNonNull(server, "server");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("DNS port must be 1..65535, not " + port);
        }
        if ((tsigKeyName == null) != (tsigSecret == null)) {
            throw new IllegalArgumentException("a TSIG key needs both a name and a secret (key "
                    + (tsigKeyName == null ? "name missing" : tsigKeyName + ": secret missing") + ")");
        }
        if (tsigSecret != null) {
            if (decodedLength(tsigSecret) <= 0) {
                throw new IllegalArgumentException("the secret of TSIG key " + tsigKeyName
                        + " is empty or not valid base64");
            }
        }
        tsigAlgorithm = tsigAlgorithm == null ? TsigAlgorithm.HMAC_SHA256 : tsigAlgorithm;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        transport = transport == null ? Transport.TCP : transport;
    }

    private static int decodedLength(String secret) {
        try {
            return Base64.getDecoder().decode(secret.strip()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Updates signed with a TSIG key, over TCP, 10 s timeout. */
    public static Rfc2136Settings signed(String server, int port, String keyName, TsigAlgorithm algorithm,
                                         String secret) {
        return new Rfc2136Settings(server, port, keyName, algorithm, secret, null, null);
    }

    /** Unsigned updates, over TCP, 10 s timeout. */
    public static Rfc2136Settings unsigned(String server, int port) {
        return new Rfc2136Settings(server, port, null, null, null, null, null);
    }

    public Rfc2136Settings withTimeout(Duration newTimeout) {
        return new Rfc2136Settings(server, port, tsigKeyName, tsigAlgorithm, tsigSecret, newTimeout, transport);
    }

    public Rfc2136Settings withTransport(Transport newTransport) {
        return new Rfc2136Settings(server, port, tsigKeyName, tsigAlgorithm, tsigSecret, timeout, newTransport);
    }

    public boolean signed() {
        return tsigKeyName != null;
    }

    /** How messages name the server: {@code DNS server 127.0.0.1:53}. */
    public String describe() {
        return "DNS server " + (server.contains(":") ? "[" + server + "]" : server) + ":" + port;
    }

    @Override
    public String toString() {
        return "Rfc2136Settings[" + server + ":" + port + ", "
                + (signed() ? "tsig=" + tsigKeyName + " (" + tsigAlgorithm + ")" : "unsigned")
                + ", timeout=" + timeout + ", transport=" + transport + "]";
    }
}
