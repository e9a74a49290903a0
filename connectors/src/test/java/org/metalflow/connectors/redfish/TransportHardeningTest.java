package org.metalflow.connectors.redfish;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** If-Match on every PATCH, Accept-Encoding, case-insensitive URI fallback, the bounded wait for a request slot. */
class TransportHardeningTest {

    private static final String RACK_SYSTEM = "/redfish/v1/Systems/437XR1138R2";
    private MockupRedfishServer server;
    private RedfishTransport transport;

    private BmcEndpoint serve(String mockup, int maxRequests, Duration readTimeout) {
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        transport = new RedfishTransport(new RedfishSettings(Duration.ofSeconds(2), readTimeout, maxRequests,
                Duration.ofMinutes(5)), new TlsClients(new OkHttpClient()));
        return server.endpoint();
    }

    private BmcEndpoint serve(String mockup) {
        return serve(mockup, 2, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void patchReadsTheEtagFirstWhenNotKnown() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.requireIfMatch = true;
        transport.patch(bmc, "/redfish/v1/Systems/1", Json.MAPPER.createObjectNode().put("AssetTag", "rack-7"), null);

        assertThat(MockupRedfishServer.paths(server.calls())).endsWith("GET /redfish/v1/Systems/1",
                "PATCH /redfish/v1/Systems/1");
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).singleElement()
                .satisfies(c -> assertThat(c.headers().get("If-Match")).isEqualTo("W/\"9B9F7D67\""));
    }

    @Test
    void withoutIfMatchAServiceThatRequiresItAnswers428() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.requireIfMatch = true;
        RedfishException e = catchThrowableOfType(() -> transport.send(bmc, "PATCH", "/redfish/v1/Systems/1",
                Json.MAPPER.createObjectNode().put("AssetTag", "x"), null), RedfishException.class);
        assertThat(e.status()).isEqualTo(428);
        assertThat(e.transientFailure()).isTrue();
        assertThat(e.getMessage()).contains("the BMC requires If-Match");
    }

    @Test
    void a412IsRetriedOnceWithTheFreshEtagThenReported() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        String stale = "\"stale\"";
        transport.patch(bmc, RACK_SYSTEM, Json.MAPPER.createObjectNode().put("AssetTag", "a"), stale);
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).extracting(c -> c.headers().get("If-Match"))
                .hasSize(2).first().isEqualTo(stale);
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).last()
                .satisfies(c -> assertThat(c.headers().get("If-Match")).isNotEqualTo(stale).startsWith("\""));

        server.failNext("PATCH", RACK_SYSTEM, 412, "ETag mismatch.");
        server.failNext("PATCH", RACK_SYSTEM, 412, "ETag mismatch.");
        RedfishException e = catchThrowableOfType(() -> transport.patch(bmc, RACK_SYSTEM,
                Json.MAPPER.createObjectNode().put("AssetTag", "b"), null), RedfishException.class);
        assertThat(e.status()).isEqualTo(412);
        assertThat(server.count("PATCH")).isEqualTo(4);
    }

    @Test
    void everyRequestAsksForAnUncompressedBody() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        transport.get(bmc, RACK_SYSTEM);
        transport.patch(bmc, RACK_SYSTEM, Json.MAPPER.createObjectNode().put("AssetTag", "a"), null);
        assertThat(server.calls()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.headers().get("Accept-Encoding")).isEqualTo("identity"));
    }

    @Test
    void aUriInTheWrongCaseIsFoundThroughItsParents() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.caseSensitive = true;
        String asWritten = "/redfish/v1/managers/1/virtualmedia";

        assertThat(Json.text(transport.get(bmc, asWritten).body(), "@odata.id"))
                .isEqualTo("/redfish/v1/Managers/1/VirtualMedia");
        // root -> Managers -> Managers/1/ -> VirtualMedia/, each found ignoring case and trailing slash
        assertThat(MockupRedfishServer.paths(server.calls())).containsSubsequence(
                "GET /redfish/v1/managers/1/virtualmedia", "GET /redfish/v1", "GET /redfish/v1/Managers",
                "GET /redfish/v1/Managers/1", "GET /redfish/v1/Managers/1/VirtualMedia");

        server.resetCounters();
        transport.get(bmc, asWritten);
        assertThat(MockupRedfishServer.paths(server.calls())).as("the spelling is remembered")
                .containsExactly("GET /redfish/v1/Managers/1/VirtualMedia");
    }

    @Test
    void aMissingResourceStays404() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.caseSensitive = true;
        RedfishException e = catchThrowableOfType(() -> transport.get(bmc, "/redfish/v1/Managers/1/NoSuchThing"),
                RedfishException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("GET /redfish/v1/Managers/1/NoSuchThing");
    }

    @Test
    void waitingForARequestSlotIsBounded() throws Exception {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT, 1, Duration.ofMillis(1000));
        transport.get(bmc, RACK_SYSTEM); // logged in
        server.latencyMillis = 700;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int refused = 0;
            java.util.List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(() -> {
                    return transport.get(bmc, RACK_SYSTEM);
                }));
            }
            for (Future<?> call : calls) {
                try {
                    call.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    RedfishException cause = (RedfishException) e.getCause();
                    assertThat(cause.status()).isZero();
                    assertThat(cause.transientFailure()).isTrue();
                    assertThat(cause.getMessage()).startsWith("BMC " + server.address() + ": no free request slot within 1000 ms")
                            .endsWith("GET " + RACK_SYSTEM + " was not sent");
                    refused++;
                }
            }
            // one slot, 700 ms per request, 1 s patience: the third caller cannot get a slot in time
            assertThat(refused).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.maxInFlight()).isEqualTo(1);
    }
}
