package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.connectors.redfish.BmcEndpoint;
import org.metalflow.connectors.redfish.RedfishConnector;
import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.connectors.redfish.RedfishSettings;
import org.metalflow.connectors.redfish.StorageController;
import org.metalflow.connectors.redfish.TaskStatus;
import org.metalflow.connectors.redfish.TlsTrust;
import org.metalflow.lab.LabHttp.Reply;
import org.metalflow.lab.VendorPersonality.StorageGroup;

/** Drive.SecureErase on every vendor's drives, over HTTPS and through the platform's connector; time moves by hand. */
class LabSecureEraseTest {

    private static final Duration VOLUME = Duration.ofSeconds(2);

    @TempDir
    static Path dataDir;

    private static final MutableClock clock = new MutableClock();
    private static LabFleet fleet;
    private static LabRedfishServer server;
    private static LabHttp http;
    private static RedfishConnector redfish;

    @BeforeAll
    static void start() {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(30).withVendorMix("dell:1,hpe:1,generic:1")
                .withVolumeDelay(VOLUME);
        fleet = new LabFleet(properties, clock);
        server = new LabRedfishServer(fleet, LabTls.loadOrCreate(dataDir.resolve("lab")), LabHttp.JSON);
        server.start();
        http = new LabHttp(server.tls());
        redfish = new RedfishConnector(RedfishSettings.defaults());
    }

    @AfterAll
    static void stop() {
        redfish.close();
        http.close();
        server.stop();
    }

    /** The n-th BMC of a vendor; each test takes its own n, so erases do not mix. */
    private static SimulatedBmc bmc(Vendor vendor, int n) {
        return fleet.bmcs().stream().filter(b -> b.vendor() == vendor).skip(n).findFirst().orElseThrow();
    }

    private static Reply get(SimulatedBmc bmc, String path) {
        return http.get(server.baseUrl(bmc), path, basic(bmc));
    }

    private static Reply post(SimulatedBmc bmc, String path, String json) {
        return http.send("POST", server.baseUrl(bmc), path, json, basic(bmc));
    }

    private static Map<String, String> basic(SimulatedBmc bmc) {
        return Map.of("Authorization", Credentials.basic(bmc.spec().username(), bmc.spec().password()));
    }

    private static BmcEndpoint endpoint(SimulatedBmc bmc) {
        return new BmcEndpoint(URI.create(server.baseUrl(bmc)), bmc.spec().username(), bmc.spec().password(),
                TlsTrust.pinned(server.tls().certificateSha256()));
    }

    private static String system(SimulatedBmc bmc) {
        return BmcUris.of(bmc.vendor().personality(), bmc.spec()).system();
    }

    /** Drive links as the Storage resources give them (iLO: NVMe links end with a slash). */
    private static List<String> driveLinks(SimulatedBmc bmc) {
        JsonNode storage = get(bmc, system(bmc) + "/Storage").body();
        return StreamSupport.stream(storage.path("Members").spliterator(), false)
                .map(member -> get(bmc, member.path("@odata.id").asText()).body())
                .flatMap(s -> StreamSupport.stream(s.path("Drives").spliterator(), false))
                .map(link -> link.path("@odata.id").asText()).toList();
    }

    private static String target(SimulatedBmc bmc, String driveLink) {
        return get(bmc, driveLink).body().path("Actions").path("#Drive.SecureErase").path("target").asText();
    }

    private static String lastSegment(String uri) {
        String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static Map<String, Integer> erased(SimulatedBmc bmc) {
        return LabBmcView.of(bmc, server).expected().erasedDrives();
    }

    @Test
    void everyDriveOffersSecureEraseBelowItsOwnUri() {
        for (Vendor vendor : Vendor.values()) {
            SimulatedBmc bmc = bmc(vendor, 0);
            List<String> links = driveLinks(bmc);
            assertThat(links).as(vendor.key()).hasSize(bmc.spec().drives().size());
            for (String link : links) {
                String base = link.endsWith("/") ? link.substring(0, link.length() - 1) : link;
                assertThat(target(bmc, link)).as(link).isEqualTo(base + "/Actions/Drive.SecureErase");
            }
        }
        SimulatedBmc dell = bmc(Vendor.DELL, 0);
        assertThat(target(dell, driveLinks(dell).get(0))).isEqualTo(system(dell)
                + "/Storage/RAID.Integrated.1-1/Drives/Disk.Bay.0:Enclosure.Internal.0-1:RAID.Integrated.1-1"
                + "/Actions/Drive.SecureErase");
    }

    @Test
    void anEraseRunsAsATaskIsRefusedTwiceAtOnceAndCountsWhenItEnds() {
        SimulatedBmc bmc = bmc(Vendor.DELL, 1);
        List<String> links = driveLinks(bmc);
        assertThat(links).hasSizeGreaterThanOrEqualTo(2);
        String storage = system(bmc) + "/Storage/RAID.Integrated.1-1";
        Reply volume = post(bmc, storage + "/Volumes", "{\"RAIDType\":\"RAID0\",\"Links\":{\"Drives\":[{\"@odata.id\":\""
                + links.get(0) + "\"}]}}");
        assertThat(volume.status()).isEqualTo(202);
        clock.advance(VOLUME);

        Reply started = post(bmc, target(bmc, links.get(0)), "{}");
        assertThat(started.status()).isEqualTo(202);
        String monitor = started.header("Location");
        assertThat(monitor).startsWith("/redfish/v1/TaskService/TaskMonitors/");
        assertThat(started.header("Retry-After")).isNotBlank();
        assertThat(started.body().path("TaskState").asText()).isEqualTo("Running");
        String task = started.body().path("@odata.id").asText();
        assertThat(erased(bmc)).isEmpty();

        Reply twice = post(bmc, target(bmc, links.get(0)), "{}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().path("error").path("@Message.ExtendedInfo").get(0).path("MessageId").asText())
                .endsWith("ResourceInUse");
        assertThat(twice.body().path("error").path("message").asText()).contains(links.get(0));
        assertThat(post(bmc, target(bmc, links.get(1)), "").status()).as("another drive, empty body").isEqualTo(202);
        assertThat(post(bmc, target(bmc, links.get(1)) + "/", "not json").status()).isEqualTo(400);

        clock.advance(VOLUME);

        assertThat(get(bmc, monitor).status()).isEqualTo(404);
        JsonNode finished = get(bmc, task).body();
        assertThat(finished.path("TaskState").asText()).isEqualTo("Completed");
        assertThat(finished.path("TaskStatus").asText()).isEqualTo("OK");
        assertThat(erased(bmc)).containsExactlyInAnyOrderEntriesOf(Map.of(
                lastSegment(links.get(0)), 1, lastSegment(links.get(1)), 1));
        assertThat(get(bmc, storage + "/Volumes").body().path("Members")).as("erasing leaves volumes").hasSize(1);

        assertThat(post(bmc, target(bmc, links.get(0)), "{}").status()).as("a new erase once the first ended")
                .isEqualTo(202);
        clock.advance(VOLUME);
        assertThat(erased(bmc)).containsEntry(lastSegment(links.get(0)), 2);
    }

    @Test
    void theConnectorStartsAnEraseAndFollowsItsTaskOnEachVendor() {
        for (Vendor vendor : Vendor.values()) {
            SimulatedBmc bmc = bmc(vendor, 2);
            BmcEndpoint endpoint = endpoint(bmc);
            List<String> drives = redfish.storage(endpoint, system(bmc)).stream()
                    .flatMap(c -> c.driveUris().stream()).toList();
            assertThat(drives).as(vendor.key()).hasSize(bmc.spec().drives().size());

            TaskStatus started = redfish.secureErase(endpoint, drives.get(0)).orElseThrow();
            assertThat(started.state()).isEqualTo("Running");
            assertThat(started.uri()).contains("/TaskMonitors/");
            assertThat(redfish.task(endpoint, started.uri()).done()).isFalse();
            assertThatThrownBy(() -> redfish.secureErase(endpoint, drives.get(0)))
                    .isInstanceOfSatisfying(RedfishException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.transientFailure()).isTrue();
                        assertThat(e.getMessage()).contains("still running");
                    });

            clock.advance(VOLUME);

            TaskStatus done = redfish.task(endpoint, started.uri());
            assertThat(done.done()).isTrue();
            assertThat(done.succeeded()).as("%s", done).isTrue();
            assertThat(erased(bmc)).as(vendor.key()).containsExactlyEntriesOf(Map.of(lastSegment(drives.get(0)), 1));
        }
    }

    @Test
    void iloNvmeDrivesWithTrailingSlashLinksCanBeErased() {
        SimulatedBmc hpe = fleet.bmcs().stream().filter(b -> b.vendor() == Vendor.HPE).skip(3)
                .filter(b -> b.vendor().personality().storage(b.spec()).stream().anyMatch(StorageGroup::driveLinksEndWithSlash))
                .findFirst().orElseThrow(() -> new AssertionError("no iLO with an NVMe drive in the fleet"));
        BmcEndpoint endpoint = endpoint(hpe);
        String nvme = redfish.storage(endpoint, system(hpe)).stream().map(StorageController::driveUris)
                .flatMap(List::stream).filter(uri -> uri.endsWith("/")).findFirst().orElseThrow();

        TaskStatus started = redfish.secureErase(endpoint, nvme).orElseThrow();
        clock.advance(VOLUME);

        assertThat(redfish.task(endpoint, started.uri()).succeeded()).isTrue();
        assertThat(erased(hpe)).containsExactlyEntriesOf(Map.of(lastSegment(nvme), 1));
    }
}
