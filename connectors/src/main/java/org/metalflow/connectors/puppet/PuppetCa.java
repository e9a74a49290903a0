package org.metalflow.connectors.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Signs, revokes and cleans node certificates through the Puppet Server 7 CA API
 * ({@code /puppet-ca/v1/certificate_status/{certname}}), authenticated by the platform's client certificate.
 * Every change converges: asking for the state a certificate already has changes nothing. Thread-safe.
 */
public final class PuppetCa implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PuppetCa.class.getName());
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What the platform uses as certnames: FQDNs and short names. Puppet Server refuses uppercase ones. */
    private static final Pattern CERTNAME = Pattern.compile("[a-z0-9_][a-z0-9._-]*");

    private final PuppetCaSettings settings;
    private final OkHttpClient client;
    private final HttpUrl statusUrl;
    private final String clientSubject;

    /** @throws IllegalArgumentException when the certificates or the key in the settings are unusable */
    public PuppetCa(PuppetCaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        ClientIdentity identity = ClientIdentity.of(settings);
        this.clientSubject = identity.clientSubject();
        this.client = new OkHttpClient.Builder()
                .sslSocketFactory(identity.handshake().sslSocketFactory(), identity.handshake().trustManager())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                // CA calls are minutes apart and Puppet Server closes idle connections: a pooled one would be
                // dead by the next call ("unexpected end of stream"), so none is kept
                .connectionPool(new okhttp3.ConnectionPool(0, 1, java.util.concurrent.TimeUnit.SECONDS))
                .build();
        this.statusUrl = HttpUrl.get(settings.caUrl().toString()).newBuilder()
                .addPathSegments("puppet-ca/v1/certificate_status").build();
    }

    /** What the CA holds for {@code certname}; empty when it has neither a request nor a certificate for it. */
    public Optional<PuppetCertificate> status(String certname) {
        String name = checked(certname);
        Answer answer = call(new Request.Builder().url(url(name)).get(), "GET certificate_status/" + name);
        if (answer.code() == 404) {
            return Optional.empty();
        }
        if (answer.code() != 200) {
            throw failure(answer, "GET certificate_status/" + name);
        }
        return Optional.of(parse(name, answer.body()));
    }

    /**
     * Signs the pending request of {@code certname}; a certificate that is already signed is left as it is.
     *
     * @return the signed certificate
     * @throws PuppetException transient when the CA has no request from the node yet (the agent sends it on its
     *                         first run, which may come after the installer reported back: retrying later helps);
     *                         not transient when the node's certificate is revoked (clean it first)
     */
    public PuppetCertificate sign(String certname) {
        String name = checked(certname);
        PuppetCertificate current = status(name).orElseThrow(() -> noRequestYet(name));
        switch (current.state()) {
            case SIGNED -> {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1} is already signed; nothing sent", settings.describe(), name);
                return current;
            }
            case REVOKED -> throw new PuppetException("the certificate of " + name + " on " + settings.describe()
                    + " is revoked; clean it (the agent then sends a new request) before signing again", false);
            case REQUESTED -> {
                String what = "PUT certificate_status/" + name + " desired_state=signed";
                Answer answer = call(desiredState(name, "signed"), what);
                // 409: no request any more, e.g. another signer got there first; the state read next tells
                if (answer.code() != 204 && answer.code() != 409) {
                    throw failure(answer, what);
                }
                PuppetCertificate after = status(name).orElseThrow(() -> noRequestYet(name));
                if (after.state() != PuppetCertificate.State.SIGNED) {
                    throw new PuppetException(settings.describe() + " answered HTTP " + answer.code() + " to " + what
                            + " but " + name + " is " + after.state().name().toLowerCase(Locale.ROOT)
                            + describeAnswer(answer), answer.code() == 409);
                }
                LOG.log(System.Logger.Level.INFO, "{0}: signed {1} (SHA-256 {2})", settings.describe(), name, after.fingerprint());
                return after;
            }
            default -> throw new IllegalStateException(current.state().name());
        }
    }

    /**
     * Revokes the signed certificate of {@code certname}: Puppet Server refuses the agent's TLS handshakes from then
     * on. Converges: an already revoked certificate, a request that was never signed, or no entry at all leave
     * nothing to revoke.
     *
     * @return true when this call revoked a certificate, false when there was no signed certificate to revoke
     */
    public boolean revoke(String certname) {
        String name = checked(certname);
        Optional<PuppetCertificate> current = status(name);
        if (current.isEmpty() || current.get().state() != PuppetCertificate.State.SIGNED) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} has no signed certificate ({2}); nothing to revoke",
                    settings.describe(), name, current.map(c -> c.state().name()).orElse("unknown"));
            return false;
        }
        String what = "PUT certificate_status/" + name + " desired_state=revoked";
        Answer answer = call(desiredState(name, "revoked"), what);
        if (answer.code() == 409 && status(name).map(c -> c.state() != PuppetCertificate.State.SIGNED).orElse(true)) {
            return false;
        }
        if (answer.code() != 204) {
            throw failure(answer, what);
        }
        LOG.log(System.Logger.Level.INFO, "{0}: revoked {1}", settings.describe(), name);
        return true;
    }

    /**
     * Removes everything the CA holds for {@code certname} (request, certificate), so the node can enrol again under
     * the same name. A signed certificate is revoked first: the CA API's DELETE alone does not put it on the CRL.
     *
     * @return true when something was removed, false when the CA held nothing for it
     */
    public boolean clean(String certname) {
        String name = checked(certname);
        // DELETE alone forgets a signed certificate without putting it on the CRL: the agent could go on using it
        revoke(name);
        String what = "DELETE certificate_status/" + name;
        Answer answer = call(new Request.Builder().url(url(name)).delete(), what);
        if (answer.code() == 404) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: nothing to clean for {1}", settings.describe(), name);
            return false;
        }
        if (answer.code() != 204 && answer.code() != 200) {
            throw failure(answer, what);
        }
        LOG.log(System.Logger.Level.INFO, "{0}: cleaned {1}", settings.describe(), name);
        return true;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "PuppetCa[" + settings.caUrl() + " as " + clientSubject + "]";
    }

    private PuppetException noRequestYet(String name) {
        return new PuppetException("no certificate request from " + name + " yet on " + settings.describe()
                + " (the agent sends it on its first run); nothing signed", true);
    }

    private Request.Builder desiredState(String name, String state) {
        String body = MAPPER.createObjectNode().put("desired_state", state).toString();
        return new Request.Builder().url(url(name)).put(RequestBody.create(body, JSON));
    }

    private HttpUrl url(String name) {
        return statusUrl.newBuilder().addPathSegment(name).build();
    }

    private String checked(String certname) {
        if (certname == null || !CERTNAME.matcher(certname).matches()) {
            throw new PuppetException("'" + certname + "' is not a certname " + settings.describe() + " accepts (lowercase"
                    + " letters, digits, '.', '-', '_'); nothing was sent", false);
        }
        return certname;
    }

    private Answer call(Request.Builder builder, String what) {
        Request request = builder.header("Accept", "application/json").build();
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), response.body() == null ? "" : response.body().string());
        } catch (SSLPeerUnverifiedException e) {
            throw new PuppetException(settings.describe() + " presented a certificate that does not name "
                    + settings.caUrl().getHost() + " (" + what + "): use the host name its certificate carries in the"
                    + " CA URL", false, e);
        } catch (SSLException e) {
            if (causedBy(e, CertificateException.class)) {
                throw new PuppetException(settings.describe() + " presented a certificate that the configured Puppet CA"
                        + " certificate did not sign (" + what + "): " + e.getMessage(), false, e);
            }
            if (String.valueOf(e.getMessage()).contains("alert") && String.valueOf(e.getMessage()).contains("certificate")) {
                throw new PuppetException(settings.describe() + " refused the TLS handshake with client certificate "
                        + clientSubject + " (" + what + ": " + e.getMessage() + "): is that certificate revoked,"
                        + " expired or not signed by this CA?", false, e);
            }
            throw unreachable(what, e);
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    private PuppetException unreachable(String what, IOException e) {
        return new PuppetException(settings.describe() + " did not answer " + what + " (timeout "
                + settings.timeout().toMillis() + " ms): " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, e);
    }

    private PuppetException failure(Answer answer, String what) {
        String prefix = settings.describe() + " answered HTTP " + answer.code() + " to " + what;
        if (answer.code() == 401 || answer.code() == 403) {
            return new PuppetException(prefix + " for client certificate " + clientSubject + describeAnswer(answer)
                    + "; Puppet Server's auth.conf must allow this certname on /puppet-ca/v1/certificate_status", false);
        }
        return new PuppetException(prefix + describeAnswer(answer), answer.code() >= 500);
    }

    private static String describeAnswer(Answer answer) {
        String text = answer.body().strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    private PuppetCertificate parse(String name, String body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new PuppetException(settings.describe() + " answered GET certificate_status/" + name
                    + " with a body that is not JSON (is the URL Puppet Server's CA?)", false, e);
        }
        String state = json.path("state").asText("");
        PuppetCertificate.State parsed = switch (state) {
            case "requested" -> PuppetCertificate.State.REQUESTED;
            case "signed" -> PuppetCertificate.State.SIGNED;
            case "revoked" -> PuppetCertificate.State.REVOKED;
            default -> throw new PuppetException(settings.describe() + " reported an unknown state '" + state
                    + "' for " + name, false);
        };
        String fingerprint = json.path("fingerprints").path("SHA256").asText(json.path("fingerprint").asText(null));
        List<String> altNames = new ArrayList<>();
        json.path("subject_alt_names").forEach(n -> altNames.add(n.asText()));
        return new PuppetCertificate(json.path("name").asText(name), parsed, fingerprint, altNames);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private record Answer(int code, String body) {
    }
}
