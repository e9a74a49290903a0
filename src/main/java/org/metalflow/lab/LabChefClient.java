package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metalflow.connectors.chef.ChefAuthVersion;
import org.metalflow.connectors.chef.ChefKeys;
import org.metalflow.connectors.chef.ChefRequestSigner;

/**
 * The first chef-client run of a lab machine, reduced to what the Chef server sees: the node, signed with the
 * client key the install file gave it, reads itself and saves Ohai data ({@code automatic.ohai_time}).
 * A stand-in for chef-client, which has no Debian package; the requests are the real API calls.
 */
final class LabChefClient {

    private static final Pattern KEY = Pattern.compile("echo '([A-Za-z0-9+/=]+)' \\| base64 -d > \\S*/etc/chef/client\\.pem");
    private static final Pattern CLIENT_RB = Pattern.compile(
            "chef_server_url \\\\?\"%s\\\\?\"\\\\+nnode_name \\\\?\"%s\\\\?\"[^']*' '([^']+)' '([^']+)'");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** The Chef settings an install file carries, if it carries any. */
    static Optional<Node> nodeIn(String installFile) {
        Matcher key = KEY.matcher(installFile);
        Matcher client = CLIENT_RB.matcher(installFile);
        if (!key.find() || !client.find()) {
            return Optional.empty();
        }
        return Optional.of(new Node(client.group(1), client.group(2),
                new String(Base64.getDecoder().decode(key.group(1)), StandardCharsets.US_ASCII)));
    }

    record Node(String serverUrl, String name, String keyPem) {
        @Override
        public String toString() {
            return "Node[" + name + " at " + serverUrl + "]";
        }
    }

    /** One run: GET the node, set its Ohai time to now, PUT it back. */
    void run(Node node) throws Exception {
        ChefRequestSigner signer = new ChefRequestSigner(node.name(), ChefKeys.privateKey(node.keyPem(), "lab node key"),
                ChefAuthVersion.V1_3, "1");
        String path = URI.create(node.serverUrl()).getPath().replaceAll("/$", "") + "/nodes/" + node.name();
        ObjectNode saved = (ObjectNode) json.readTree(send(node, signer, "GET", path, new byte[0]));
        ObjectNode automatic = saved.has("automatic") && saved.get("automatic").isObject()
                ? (ObjectNode) saved.get("automatic") : saved.putObject("automatic");
        automatic.put("ohai_time", Instant.now().toEpochMilli() / 1000.0);
        automatic.put("platform", "lab");
        send(node, signer, "PUT", path, json.writeValueAsBytes(saved));
    }

    private String send(Node node, ChefRequestSigner signer, String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.serverUrl().replaceAll("/$", "")
                        + path.substring(URI.create(node.serverUrl()).getPath().replaceAll("/$", "").length())))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("X-Chef-Version", "12.0.0")
                .header("Content-Type", "application/json")
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign(method, path, body, Instant.now()).forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
