package org.metalflow.connectors.redfish;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reset and boot override: allowable values checked before sending, If-Match on PATCH. */
class SystemActionsTest {

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
    void resetPostsToTheAdvertisedTarget() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        connector.reset(bmc, "/redfish/v1/Systems/System.Embedded.1", "PowerCycle");

        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("Reset"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.path()).isEqualTo("/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset");
                    assertThat(c.body()).isEqualTo("{\"ResetType\":\"PowerCycle\"}");
                });
    }

    @Test
    void disallowedResetTypeIsRefusedBeforeSending() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        RedfishException e = catchThrowableOfType(() -> connector.reset(bmc, "/redfish/v1/Systems/1", "PowerCycle"),
                RedfishException.class);

        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage()).isEqualTo("BMC " + server.address() + ": system /redfish/v1/Systems/1 does not "
                + "allow ResetType PowerCycle; allowed: On, ForceOff, GracefulShutdown, ForceRestart, Nmi, "
                + "PushPowerButton, GracefulRestart");
        assertThat(server.calls()).noneMatch(c -> c.path().endsWith("ComputerSystem.Reset"));
    }

    @Test
    void resetTypesComeFromActionInfoWhenTheActionListsNone() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        String system = "/redfish/v1/Systems/437XR1138R2";
        server.put(system, """
                {"@odata.id": "/redfish/v1/Systems/437XR1138R2", "Id": "437XR1138R2", "PowerState": "Off",
                 "Actions": {"#ComputerSystem.Reset": {
                     "target": "/redfish/v1/Systems/437XR1138R2/Actions/ComputerSystem.Reset",
                     "@Redfish.ActionInfo": "/redfish/v1/Systems/437XR1138R2/ResetActionInfo"}}}""");
        server.put(system + "/ResetActionInfo", """
                {"@odata.id": "/redfish/v1/Systems/437XR1138R2/ResetActionInfo", "Id": "ResetActionInfo",
                 "Parameters": [{"Name": "ResetType", "Required": true, "DataType": "String",
                                 "AllowableValues": ["On", "ForceOff"]}]}""");

        assertThat(connector.inventory(bmc, system).resetTypes()).containsExactly("On", "ForceOff");
        assertThat(connector.powerState(bmc, system)).isEqualTo("Off");
        RedfishException e = catchThrowableOfType(() -> connector.reset(bmc, system, "GracefulRestart"),
                RedfishException.class);
        assertThat(e.getMessage()).endsWith("allowed: On, ForceOff");
        connector.reset(bmc, system, "On");
        assertThat(server.count("POST", system + "/Actions/ComputerSystem.Reset")).isEqualTo(1);
    }

    @Test
    void bootOverridePatchCarriesTheEtagAndTakesEffect() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        connector.setBootOverride(bmc, "/redfish/v1/Systems/1", new BootOverride("Pxe", BootOverride.Enabled.Once,
                "UEFI"));

        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.path()).isEqualTo("/redfish/v1/Systems/1");
                    assertThat(c.headers().get("If-Match")).isEqualTo("W/\"9B9F7D67\""); // iLO's weak ETag
                    // the mode is already UEFI: only what changes is sent
                    assertThat(c.body()).isEqualTo("{\"Boot\":{\"BootSourceOverrideTarget\":\"Pxe\","
                            + "\"BootSourceOverrideEnabled\":\"Once\"}}");
                });
        // converges: the second call reads the changed resource and has nothing to send
        connector.setBootOverride(bmc, "/redfish/v1/Systems/1", BootOverride.once("Pxe"));
        assertThat(server.count("PATCH")).isEqualTo(1);
        // a change is sent with the ETag the PATCH produced, not the capture's
        connector.setBootOverride(bmc, "/redfish/v1/Systems/1", BootOverride.once("Hdd"));
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).last()
                .satisfies(c -> assertThat(c.headers().get("If-Match")).isNotEqualTo("W/\"9B9F7D67\""));
        assertThat(server.count("PATCH")).isEqualTo(2);
    }

    @Test
    void bootOverrideUsesTheEtagHeaderWhenTheBodyHasNone() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        connector.setBootOverride(bmc, "/redfish/v1/Systems/437XR1138R2", BootOverride.once("Hdd"));
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH"))
                .singleElement()
                .satisfies(c -> assertThat(c.headers().get("If-Match")).startsWith("\""));
    }

    @Test
    void disallowedBootTargetIsRefusedBeforeSending() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        RedfishException e = catchThrowableOfType(() -> connector.setBootOverride(bmc,
                "/redfish/v1/Systems/System.Embedded.1", BootOverride.once("Usb")), RedfishException.class);

        assertThat(e.getMessage()).contains("does not allow BootSourceOverrideTarget Usb",
                "allowed: None, Pxe, Floppy, Cd, Hdd, BiosSetup, Utilities, UefiTarget, SDCard, UefiHttp");
        assertThat(server.count("PATCH")).isZero();
    }

    @Test
    void oneEtagMismatchIsRetriedAfterReadingTheResourceAgain() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.failNext("PATCH", "/redfish/v1/Systems/1", 412,
                "The operation failed because the ETag did not match.");

        connector.setBootOverride(bmc, "/redfish/v1/Systems/1", BootOverride.once("Cd"));
        assertThat(MockupRedfishServer.paths(server.calls())).containsSubsequence(
                "PATCH /redfish/v1/Systems/1", "GET /redfish/v1/Systems/1", "PATCH /redfish/v1/Systems/1");
        assertThat(server.count("PATCH")).isEqualTo(2);
    }

    @Test
    void etagMismatchIsReportedWithTheBmcMessage() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.failNext("PATCH", "/redfish/v1/Systems/1", 412,
                "The operation failed because the ETag did not match.");
        server.failNext("PATCH", "/redfish/v1/Systems/1", 412,
                "The operation failed because the ETag did not match.");

        RedfishException e = catchThrowableOfType(() -> connector.setBootOverride(bmc, "/redfish/v1/Systems/1",
                BootOverride.once("Cd")), RedfishException.class);
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.transientFailure()).as("a fresh read and PATCH may succeed: retried, then an incident").isTrue();
        assertThat(e.getMessage()).isEqualTo("BMC " + server.address() + " refused PATCH /redfish/v1/Systems/1: "
                + "412 Precondition Failed (The operation failed because the ETag did not match.; "
                + "ETag mismatch: the resource changed since it was read)");
        assertThat(server.count("PATCH")).as("retried once, not more").isEqualTo(2);
    }
}
