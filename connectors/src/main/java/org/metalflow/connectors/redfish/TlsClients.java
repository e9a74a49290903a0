package org.metalflow.connectors.redfish;

import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One OkHttpClient per distinct {@link TlsTrust}, all derived from one base client so they share its
 * connection pool and dispatcher. Cached: the SSL socket factory is part of OkHttp's connection key, so a
 * fresh factory per call would defeat connection reuse.
 */
final class TlsClients {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    private final OkHttpClient base;
    private final Map<TlsTrust, OkHttpClient> clients = new ConcurrentHashMap<>();

    TlsClients(OkHttpClient base) {
        this.base = base;
    }

    /** @throws IllegalArgumentException when the trust settings are unusable (bad fingerprint, no PEM) */
    OkHttpClient clientFor(TlsTrust trust) {
        OkHttpClient cached = clients.get(trust);
        if (cached != null) {
            return cached;
        }
        // Built outside computeIfAbsent so a configuration error surfaces as an exception, not a poisoned entry.
        OkHttpClient built = build(trust);
        OkHttpClient previous = clients.putIfAbsent(trust, built);
        return previous != null ? previous : built;
    }

    OkHttpClient base() {
        return base;
    }

    private OkHttpClient build(TlsTrust trust) {
        return switch (trust.mode()) {
            case SYSTEM -> base;
            case PINNED -> withTrustManager(PinnedLeafTrustManager.pinned(trust.certificateSha256()))
                    // BMC certificates rarely name the address they are reached at; the pin is the identity.
                    .hostnameVerifier((host, session) -> true)
                    .build();
            case INSECURE -> withTrustManager(PinnedLeafTrustManager.acceptAll())
                    .hostnameVerifier((host, session) -> true)
                    .build();
            case CA_BUNDLE -> caBundle(trust.caBundlePem());
        };
    }

    private OkHttpClient.Builder withTrustManager(PinnedLeafTrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new PinnedLeafTrustManager[] {trustManager}, null);
            return base.newBuilder().sslSocketFactory(context.getSocketFactory(), trustManager);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private OkHttpClient caBundle(String pem) {
        List<String> blocks = pemBlocks(pem);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("CA_BUNDLE trust needs at least one PEM certificate");
        }
        HandshakeCertificates.Builder certificates = new HandshakeCertificates.Builder();
        for (String block : blocks) {
            certificates.addTrustedCertificate(Certificates.decodeCertificatePem(block));
        }
        HandshakeCertificates handshake = certificates.build();
        return base.newBuilder()
                .sslSocketFactory(handshake.sslSocketFactory(), handshake.trustManager())
                .build();
    }

    static List<String> pemBlocks(String pem) {
        List<String> blocks = new ArrayList<>();
        if (pem != null) {
            Matcher matcher = PEM_BLOCK.matcher(pem);
            while (matcher.find()) {
                blocks.add(matcher.group());
            }
        }
        return blocks;
    }
}
