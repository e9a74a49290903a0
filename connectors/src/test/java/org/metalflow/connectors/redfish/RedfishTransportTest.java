package org.metalflow.connectors.redfish;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sessions, Basic fallback, logout, the per-BMC request limit and connection failures. */
class RedfishTransportTest {

    private static final String SYSTEM = "/redfish/v1/Systems/437XR1138R2";
    private final List<AutoCloseable> resources = new ArrayList<>();

    private MockupRedfishServer server(String mockup) {
        MockupRedfishServer server = new MockupRedfishServer(Mockups.mockup(mockup));
        resources.add(server);
        return server;
    }

    private RedfishConnector connector(int maxRequests, Duration idle) {
        RedfishConnector connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), maxRequests, idle));
        resources.add(0, connector);
        return connector;
    }

    private RedfishConnector connector() {
        return connector(2, Duration.ofMinutes(5));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void oneSessionForManyCallsFromManyThreads() throws Exception {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        BmcEndpoint bmc = server.endpoint();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> connector.powerState(bmc, SYSTEM)));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("On");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(1);
        assertThat(server.count("GET", SYSTEM)).isEqualTo(20);
        assertThat(server.calls()).filteredOn(c -> c.path().equals(SYSTEM))
                .allSatisfy(c -> assertThat(c.headers().get("X-Auth-Token")).isNotBlank())
                .allSatisfy(c -> assertThat(c.headers().get("Authorization")).isNull());
    }

    @Test
    void reauthenticatesOnceWhenTheTokenExpires() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        BmcEndpoint bmc = server.endpoint();
        connector.powerState(bmc, SYSTEM);

        server.expireSessions();
        assertThat(connector.powerState(bmc, SYSTEM)).isEqualTo("On");
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(2);
        assertThat(server.count("GET", SYSTEM)).isEqualTo(3); // ok, 401, retried
    }

    @Test
    void aSecond401AfterReauthenticationFails() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        BmcEndpoint bmc = server.endpoint();
        connector.powerState(bmc, SYSTEM);
        server.failNext("GET", SYSTEM, 401, "Session expired.");
        server.failNext("GET", SYSTEM, 401, "Session expired.");

        RedfishException e = catchThrowableOfType(() -> connector.powerState(bmc, SYSTEM), RedfishException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(2);
        assertThat(server.count("GET", SYSTEM)).isEqualTo(3);
    }

    @Test
    void fallsBackToBasicWhenTheBmcHasNoSessions() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        server.sessionsSupported = false;
        RedfishConnector connector = connector();
        BmcEndpoint bmc = server.endpoint();

        assertThat(connector.inventory(bmc, SYSTEM).processors().count()).isEqualTo(1);
        connector.powerState(bmc, SYSTEM);
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(1);
        assertThat(server.calls()).filteredOn(c -> c.method().equals("GET") && !c.path().equals("/redfish/v1"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.headers().get("Authorization")).startsWith("Basic "))
                .allSatisfy(c -> assertThat(c.headers().get("X-Auth-Token")).isNull());
    }

    @Test
    void closeLogsOut() throws Exception {
        MockupRedfishServer server = server(Mockups.DELL);
        RedfishConnector connector = connector();
        connector.probe(server.endpoint());
        assertThat(server.openSessions()).isEqualTo(1);

        connector.close();
        assertThat(server.count("DELETE", MockupRedfishServer.SESSIONS + "/1")).isEqualTo(1);
        assertThat(server.openSessions()).isZero();
    }

    @Test
    void idleSessionIsLoggedOutOnNextUse() throws Exception {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector(2, Duration.ofMillis(150));
        BmcEndpoint bmc = server.endpoint();
        connector.powerState(bmc, SYSTEM);
        Thread.sleep(300);

        connector.powerState(bmc, SYSTEM);
        assertThat(server.count("DELETE", MockupRedfishServer.SESSIONS + "/1")).isEqualTo(1);
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(2);
        assertThat(server.openSessions()).isEqualTo(1);
    }

    @Test
    void idleSessionIsLoggedOutBySweeperWithoutFurtherCalls() throws Exception {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector(2, Duration.ofMillis(100));
        connector.powerState(server.endpoint(), SYSTEM);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.openSessions()).isZero();
        assertThat(server.count("DELETE")).isEqualTo(1);
    }

    @Test
    void requestsPerBmcStayWithinTheLimit() throws Exception {
        MockupRedfishServer server = server(Mockups.DELL);
        server.latencyMillis = 15;
        RedfishConnector connector = connector(2, Duration.ofMinutes(5));
        BmcEndpoint bmc = server.endpoint();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<SystemInventory>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> connector.inventory(bmc, "/redfish/v1/Systems/System.Embedded.1")));
            }
            for (Future<SystemInventory> result : results) {
                assertThat(result.get().processors().count()).isEqualTo(2);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(server.maxInFlight()).isEqualTo(2);
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsNotTransientAndSaysWhatToCheck() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        BmcEndpoint bmc = new BmcEndpoint(server.address(), MockupRedfishServer.USER, "wrong-Password-99",
                TlsTrust.pinned(server.certificateSha256()));

        RedfishException e = catchThrowableOfType(() -> connector.probe(bmc), RedfishException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage())
                .startsWith("BMC " + server.address() + " refused POST /redfish/v1/SessionService/Sessions: "
                        + "401 Unauthorized (")
                .contains("missing or invalid", "check the BMC user name and password")
                .doesNotContain("wrong-Password-99");
        assertThat(server.count("POST", MockupRedfishServer.SESSIONS)).isEqualTo(1); // no retry: accounts lock
    }

    @Test
    void aReadThatKeepsFailingIsTransientAndCarriesTheBmcMessage() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        for (int i = 0; i < RedfishTransport.READ_ATTEMPTS; i++) {
            server.failNext("GET", SYSTEM, 503, "The service is temporarily unavailable.");
        }

        RedfishException e = catchThrowableOfType(() -> connector.powerState(server.endpoint(), SYSTEM),
                RedfishException.class);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.getMessage()).isEqualTo("BMC " + server.address() + " refused GET " + SYSTEM
                + ": 503 Service Unavailable (The service is temporarily unavailable.; the BMC is busy; retry later)");
    }

    @Test
    void aBusyBmcRefusingAReadOnceOrTwiceIsReadAgain() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        server.failNext("GET", SYSTEM, 503, "busy");
        server.failNext("GET", SYSTEM, 500, "internal error");

        assertThat(connector.powerState(server.endpoint(), SYSTEM)).isEqualTo("On");
    }

    @Test
    void aBusyBmcRefusingTheLoginOnceIsAskedAgain() {
        MockupRedfishServer server = server(Mockups.RACKMOUNT);
        RedfishConnector connector = connector();
        server.failNext("POST", "/redfish/v1/SessionService/Sessions", 503, "busy");

        assertThat(connector.probe(server.endpoint()).systemUris()).containsExactly(SYSTEM);
        assertThat(server.count("POST", "/redfish/v1/SessionService/Sessions")).isEqualTo(2);
    }

    @Test
    void silentBmcTimesOutWithStatusZero() throws Exception {
        MockWebServer silent = new MockWebServer();
        resources.add(silent);
        silent.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        silent.start();
        RedfishConnector connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, Duration.ofMinutes(5)));
        resources.add(0, connector);
        URI address = URI.create("http://127.0.0.1:" + silent.getPort());

        assertThatThrownBy(() -> connector.probe(new BmcEndpoint(address, "u", "p", null)))
                .isInstanceOfSatisfying(RedfishException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.getMessage())
                            .isEqualTo("BMC " + address + " did not answer GET /redfish/v1 within 1 s");
                });
    }

    @Test
    void refusedConnectionHasStatusZero() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedfishConnector connector = connector();
        URI address = URI.create("https://127.0.0.1:" + port);

        assertThatThrownBy(() -> connector.probe(new BmcEndpoint(address, "u", "p", TlsTrust.insecure())))
                .isInstanceOfSatisfying(RedfishException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).startsWith("BMC " + address + " refused the connection for GET /redfish/v1");
                });
    }
}
