package org.metalflow.connectors.redfish;

import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SimpleUpdate, task monitors (202 + Location + Retry-After), vanished monitors, Retry-After parsing. */
class TaskAndUpdateTest {

    private static final String IMAGE = "https://repo.example/firmware/BIOS_1.9.2.exe";
    private MockupRedfishServer server;
    private RedfishConnector connector;

    private BmcEndpoint serve(String mockup) {
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMinutes(5)));
        return server.endpoint();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dellSimpleUpdateIsFollowedThroughItsMonitorUntilDone() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        server.taskPolls = 2;
        TaskStatus started = connector.simpleUpdate(bmc, IMAGE, List.of("/redfish/v1/UpdateService/FirmwareInventory/"
                + "Installed-159-1.8.2__BIOS.Setup.1-1"));

        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("SimpleUpdate"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.path()).isEqualTo("/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate");
                    assertThat(c.body()).isEqualTo("{\"ImageURI\":\"" + IMAGE + "\",\"Targets\":[\"/redfish/v1/"
                            + "UpdateService/FirmwareInventory/Installed-159-1.8.2__BIOS.Setup.1-1\"],"
                            + "\"TransferProtocol\":\"HTTPS\"}");
                });
        assertThat(started.uri()).startsWith(MockupRedfishServer.MONITORS);
        assertThat(started.state()).isEqualTo("Running");
        assertThat(started.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(started.done()).isFalse();

        TaskStatus first = connector.task(bmc, started.uri());
        assertThat(first.done()).isFalse();
        assertThat(first.percentComplete()).isEqualTo(50);
        assertThat(connector.task(bmc, started.uri()).done()).isFalse();
        TaskStatus last = connector.task(bmc, started.uri());
        assertThat(last.done()).isTrue();
        assertThat(last.succeeded()).isTrue();
        assertThat(last.messages()).containsExactly("Successfully Completed Request");
        assertThat(server.count("GET", started.uri())).isEqualTo(3);
    }

    @Test
    void aVanishedMonitorIsResolvedThroughTheTaskService() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.vanishMonitors = true;
        TaskStatus started = connector.simpleUpdate(bmc, "http://repo.example/ilo5_278.fwpkg", List.of());

        TaskStatus status = connector.task(bmc, started.uri());
        String id = started.uri().substring(MockupRedfishServer.MONITORS.length());
        assertThat(status.uri()).isEqualTo(MockupRedfishServer.TASKS + "/" + id);
        assertThat(status.state()).isEqualTo("Completed");
        assertThat(status.succeeded()).isTrue();
    }

    @Test
    void aTaskFoundByIdWhenItNamesNoMonitor() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        // the capture's one Task, 545, names no TaskMonitor: it is found by the monitor's last segment
        TaskStatus status = connector.task(bmc, "/redfish/v1/TaskService/TaskMonitors/545");
        assertThat(status.uri()).isEqualTo("/redfish/v1/TaskService/Tasks/545");
        assertThat(status.state()).isEqualTo("Completed");
        assertThat(status.taskStatus()).isEqualTo("OK");

        RedfishException e = catchThrowableOfType(() -> connector.task(bmc,
                "/redfish/v1/TaskService/TaskMonitors/999"), RedfishException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).endsWith("no Task in the TaskService matches it");
    }

    @Test
    void transferProtocolIsCheckedAgainstWhatTheBmcAllows() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        RedfishException e = catchThrowableOfType(() -> connector.simpleUpdate(bmc, "nfs://repo/ilo.fwpkg", null),
                RedfishException.class);
        assertThat(e.getMessage()).endsWith("SimpleUpdate does not allow TransferProtocol NFS; allowed: HTTP, HTTPS");
        assertThatThrownBy(() -> connector.simpleUpdate(bmc, "repo/ilo.fwpkg", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.count("POST")).isEqualTo(1); // the login only
    }

    @Test
    void rackmountHasNoTransferProtocolList() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        connector.simpleUpdate(bmc, IMAGE, null);
        assertThat(server.calls()).filteredOn(c -> c.path().equals("/redfish/v1/UpdateService/Actions/SimpleUpdate"))
                .singleElement().satisfies(c -> assertThat(c.body()).isEqualTo("{\"ImageURI\":\"" + IMAGE + "\"}"));
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(TaskMonitor.retryAfter(response("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(TaskMonitor.retryAfter(response("X-Other", "1"))).isEqualTo(TaskMonitor.DEFAULT_RETRY);
        assertThat(TaskMonitor.retryAfter(response("Retry-After", "soon"))).isEqualTo(TaskMonitor.DEFAULT_RETRY);
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
        assertThat(TaskMonitor.retryAfter(response("Retry-After", past))).isEqualTo(Duration.ZERO);
        String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(TaskMonitor.retryAfter(response("Retry-After", later)))
                .isBetween(Duration.ofMinutes(55), Duration.ofMinutes(61));
    }

    private static RedfishResponse response(String header, String value) {
        return new RedfishResponse(202, null, Headers.of(header, value));
    }
}
