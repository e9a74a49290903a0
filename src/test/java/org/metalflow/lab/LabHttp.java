package org.metalflow.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;

/** A test client that trusts exactly the lab certificate, whatever address it is reached at. */
final class LabHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, Headers headers, JsonNode body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private final OkHttpClient client;

    LabHttp(LabTls tls) {
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(tls.certificate()).build();
        this.client = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .hostnameVerifier((host, session) -> {
                    try {
                        Certificate[] chain = session.getPeerCertificates();
                        return chain.length > 0 && chain[0].equals(tls.certificate());
                    } catch (SSLPeerUnverifiedException e) {
                        return false;
                    }
                })
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .build();
    }

    Reply get(String baseUrl, String path, Map<String, String> headers) {
        return send("GET", baseUrl, path, null, headers);
    }

    Reply send(String method, String baseUrl, String path, String json, Map<String, String> headers) {
        RequestBody body = json == null ? null : RequestBody.create(json, MediaType.get("application/json"));
        Request.Builder request = new Request.Builder().url(baseUrl + path).method(method, body);
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode node = text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
            return new Reply(response.code(), response.headers(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path, e);
        }
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
