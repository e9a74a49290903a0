package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What one client may send: bodies are bounded (413, declared or chunked, nothing stored), the endpoints booting
 * machines call are rate limited per client address (429 with Retry-After, other addresses unaffected), and so are
 * failed logins: once an address failed too often, even the right password is refused from it for a while.
 * Each test is a client of its own loopback address (127.0.0.1 is exempt: the lab's machines call from it).
 */
class RequestLimitFiltersTest extends IntegrationTest {

    private static final String MACHINE = "limits-body";

    @Autowired
    private IdentityService identity;

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrChunked() {
        byte[] large = ("{\"name\":\"" + MACHINE + "\",\"bmc\":{\"address\":\"https://127.0.0.1\",\"username\":\"u\","
                + "\"password\":\"p\"},\"pad\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/machines HTTP/1.1\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD)
                + "\r\nContent-Type: application/json";

        RawHttp.Response declared = RawHttp.exchange("127.0.0.1", port, head + "\r\nContent-Length: " + large.length, large);
        RawHttp.Response chunked = RawHttp.exchange("127.0.0.1", port, head + "\r\nTransfer-Encoding: chunked",
                RawHttp.chunked(large));

        for (RawHttp.Response response : List.of(declared, chunked)) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.body()).contains("larger than 1048576 bytes");
        }
        JsonNode machines = api().get().uri("/api/v1/machines?size=500").retrieve().body(JsonNode.class);
        assertThat(machines.get("items").findValuesAsText("name")).doesNotContain(MACHINE);
    }

    @Test
    void aSmallChunkedBodyStillReachesTheApi() {
        byte[] bad = "{\"name\":\"Not A Label\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.exchange("127.0.0.1", port, "POST /api/v1/machines HTTP/1.1\r\nAuthorization: "
                + basic("admin", ADMIN_PASSWORD) + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                RawHttp.chunked(bad));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"name\"");
    }

    @Test
    void oneAddressFloodingTheMachineEndpointsIsSlowedAndOthersAreNot() {
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            RawHttp.Response response = RawHttp.get("127.0.0.77", port, "/api/v1/boot/ipxe");
            statuses.add(response.status());
            if (response.status() == 429) {
                refused = response;
            }
        }
        assertThat(refused).as("statuses %s", statuses).isNotNull();
        assertThat(statuses.subList(0, statuses.size() - 1)).as("allowed first").containsOnly(200).hasSizeGreaterThanOrEqualTo(100);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.body()).contains("too many requests from 127.0.0.77");
        assertThat(RawHttp.get("127.0.0.78", port, "/api/v1/boot/ipxe").status()).isEqualTo(200);
        assertThat(api().get().uri("/api/v1/lifecycle").retrieve().toBodilessEntity().getStatusCode().value())
                .as("the API is not a machine endpoint").isEqualTo(200);
    }

    @Test
    void anAddressThatFailedTooManyLoginsIsRefusedEvenWithTheRightPassword() {
        // the engine also delays the next login of a user who just failed one: the failures use another user
        user("limitsvictim", "victim-password");
        user("limitsuser", "limits-password");
        String wrong = basic("limitsvictim", "not-the-password");
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failures.add(RawHttp.get("127.0.0.79", port, "/api/v1/lifecycle", "Authorization: " + wrong).status());
        }
        assertThat(failures).containsOnly(401);

        RawHttp.Response locked = RawHttp.get("127.0.0.79", port, "/api/v1/lifecycle",
                "Authorization: " + basic("limitsuser", "limits-password"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("too many failed logins from 127.0.0.79");
        assertThat(RawHttp.get("127.0.0.80", port, "/api/v1/lifecycle", "Authorization: " + basic("limitsuser", "limits-password"))
                .status()).as("another address").isEqualTo(200);
        assertThat(identity.createUserQuery().userId("limitsvictim").count()).as("the user is not deleted or renamed").isOne();
    }

    private void user(String id, String password) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, "operators");
        }
    }

    @Test
    void goodLoginsDoNotCount() {
        for (int i = 0; i < 30; i++) {
            assertThat(RawHttp.get("127.0.0.81", port, "/api/v1/lifecycle", "Authorization: " + basic("admin", ADMIN_PASSWORD))
                    .status()).isEqualTo(200);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
