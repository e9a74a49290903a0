package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** BIOS attributes, the attribute registry, @Redfish.Settings with apply-on-reset, validation and convergence. */
class BiosTest {

    private static final String DELL = "/redfish/v1/Systems/System.Embedded.1";
    private static final String DELL_SETTINGS = DELL + "/Bios/Settings";
    private static final String HPE = "/redfish/v1/Systems/1";
    private static final String RACK = "/redfish/v1/Systems/437XR1138R2";

    private MockupRedfishServer server;
    private RedfishConnector connector;

    private BmcEndpoint serve(String mockup) {
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 2, Duration.ofMinutes(5)));
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

    private JsonNode lastPatchBody() {
        return server.calls().stream().filter(c -> c.method().equals("PATCH")).reduce((a, b) -> b)
                .map(c -> {
                    try {
                        return Json.MAPPER.readTree(c.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).orElseThrow();
    }

    @Test
    void dellBiosWithRegistryFoundUnderAnotherVersion() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        BiosSettings bios = connector.bios(bmc, DELL);

        assertThat(bios.current()).hasSize(455)
                .containsEntry("AcPwrRcvry", "Last")
                .containsEntry("AcPwrRcvryUserDelay", 120)
                .containsEntry("BootMode", "Uefi")
                .containsEntry("SysProfile", "PerfOptimized");
        assertThat(bios.pending()).isEmpty(); // the settings object holds no Attributes
        assertThat(bios.settingsUri()).isEqualTo(DELL_SETTINGS);
        assertThat(bios.supportedApplyTimes())
                .containsExactly("OnReset", "AtMaintenanceWindowStart", "InMaintenanceWindowOnReset");
        // Bios names BiosAttributeRegistry.v1_0_3; Registries lists only BiosAttributeRegistry.v1_0_0
        assertThat(bios.registry()).hasSize(682);
        assertThat(bios.registry().get("AcPwrRcvry"))
                .isEqualTo(new BiosSettings.BiosAttribute("AcPwrRcvry", "Enumeration", false,
                        List.of("Last", "On", "Off"), null, null));
        assertThat(bios.registry().get("AcPwrRcvryUserDelay"))
                .isEqualTo(new BiosSettings.BiosAttribute("AcPwrRcvryUserDelay", "Integer", false, List.of(), 120L, 600L));
        assertThat(bios.registry().get("SystemModelName").readOnly()).isTrue();
        assertThat(bios.registry().values().stream().filter(BiosSettings.BiosAttribute::readOnly)).hasSize(328);
    }

    @Test
    void hpeBiosUnderLowerCaseLinks() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        BiosSettings bios = connector.bios(bmc, HPE);

        assertThat(bios.current()).hasSize(277)
                .containsEntry("WorkloadProfile", "GeneralPowerEfficientCompute")
                .containsEntry("PatrolScrubDuration", 24)
                .containsEntry("SerialNumber", "MXQ302099S");
        assertThat(bios.pending()).as("the settings object repeats every current value").isEmpty();
        assertThat(bios.settingsUri()).isEqualTo("/redfish/v1/systems/1/bios/settings/");
        assertThat(bios.supportedApplyTimes()).isEmpty();
        assertThat(bios.registry()).hasSize(402);
        assertThat(bios.registry().get("PatrolScrubDuration").lowerBound()).isEqualTo(1L);
        assertThat(bios.registry().get("PatrolScrubDuration").upperBound()).isEqualTo(24L);
        assertThat(bios.registry().values().stream().filter(BiosSettings.BiosAttribute::readOnly)).hasSize(24);
    }

    @Test
    void rackmountHasPendingSettingsAndNoRegistry() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        BiosSettings bios = connector.bios(bmc, RACK);

        assertThat(bios.current()).hasSize(10).containsEntry("EmbeddedSata", "Raid").containsEntry("AdminPhone", "");
        assertThat(bios.pending()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "AdminPhone", "(404) 555-1212", "EmbeddedSata", "Ahci", "NicBoot2", "NetworkBoot",
                "ProcTurboMode", "Disabled"));
        assertThat(bios.settingsUri()).isEqualTo(RACK + "/Bios/Settings");
        assertThat(bios.supportedApplyTimes()).isEmpty();
        assertThat(bios.registry()).as("BiosAttributeRegistryP89 is not in Registries").isEmpty();
    }

    @Test
    void bladedHasNoBios() {
        BmcEndpoint bmc = serve(Mockups.BLADED);
        RedfishException e = catchThrowableOfType(() -> connector.bios(bmc, "/redfish/v1/Systems/529QB9450R6"),
                RedfishException.class);
        assertThat(e.getMessage()).endsWith("system /redfish/v1/Systems/529QB9450R6 has no Bios resource");
        assertThat(e.transientFailure()).isFalse();
    }

    @Test
    void dellChangesAreStagedOnResetWithIfMatchAndAppliedByTheReset() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        server.requireIfMatch = true;
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("AcPwrRcvry", "On");
        wanted.put("AcPwrRcvryUserDelay", 300);
        wanted.put("BootMode", "Uefi"); // already current: not sent
        connector.setBiosAttributes(bmc, DELL, wanted);

        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).singleElement()
                .satisfies(c -> {
                    assertThat(c.path()).isEqualTo(DELL_SETTINGS);
                    assertThat(c.headers().get("If-Match")).isNotBlank();
                });
        assertThat(lastPatchBody().toString()).isEqualTo("{\"Attributes\":{\"AcPwrRcvry\":\"On\","
                + "\"AcPwrRcvryUserDelay\":300},\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"OnReset\"}}");
        assertThat(connector.bios(bmc, DELL).pending())
                .containsExactlyInAnyOrderEntriesOf(Map.of("AcPwrRcvry", "On", "AcPwrRcvryUserDelay", 300));

        // converges: pending values are not sent again
        connector.setBiosAttributes(bmc, DELL, wanted);
        assertThat(server.count("PATCH")).isEqualTo(1);

        connector.reset(bmc, DELL, "ForceRestart");
        BiosSettings after = connector.bios(bmc, DELL);
        assertThat(after.current()).containsEntry("AcPwrRcvry", "On").containsEntry("AcPwrRcvryUserDelay", 300);
        assertThat(after.pending()).isEmpty();
        connector.setBiosAttributes(bmc, DELL, wanted);
        assertThat(server.count("PATCH")).as("current now: nothing to send").isEqualTo(1);
    }

    @Test
    void valuesOutsideTheRegistryAreRefusedBeforeSending() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        Map<String, Object> wanted = new LinkedHashMap<>();
        wanted.put("SystemModelName", "PowerEdge R760");
        wanted.put("AcPwrRcvry", "Sometimes");
        wanted.put("AcPwrRcvryUserDelay", 30);
        wanted.put("NoSuchAttribute", "x");
        RedfishException e = catchThrowableOfType(() -> connector.setBiosAttributes(bmc, DELL, wanted),
                RedfishException.class);

        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage()).isEqualTo("BMC " + server.address() + ": BIOS of system " + DELL
                + " would refuse: SystemModelName is read-only; AcPwrRcvry must be one of Last, On, Off "
                + "(not Sometimes); AcPwrRcvryUserDelay must be between 120 and 600 (not 30); "
                + "NoSuchAttribute is not a BIOS attribute of this system; nothing was sent");
        assertThat(server.count("PATCH")).isZero();
    }

    @Test
    void hpeSettingsObjectTakesThePatchWithItsWeakEtag() {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.requireIfMatch = true;
        connector.setBiosAttributes(bmc, HPE, Map.of("PatrolScrubDuration", 12));

        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).singleElement()
                .satisfies(c -> {
                    assertThat(c.path()).isEqualTo("/redfish/v1/systems/1/bios/settings");
                    assertThat(c.headers().get("If-Match")).isEqualTo("W/\"0C5479D434EEDDDDDD151ED9058F8497\"");
                });
        // no apply times listed: none is sent (iLO 5 refuses the property; the default is the next reset)
        assertThat(lastPatchBody().has("@Redfish.SettingsApplyTime")).isFalse();
        RedfishException e = catchThrowableOfType(() -> connector.setBiosAttributes(bmc, HPE,
                Map.of("PatrolScrubDuration", 25)), RedfishException.class);
        assertThat(e.getMessage()).contains("PatrolScrubDuration must be between 1 and 24 (not 25)");
    }

    @Test
    void applyTimeIsLeftOutWhenTheBmcListsOthersOnly() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        JsonNode bios = new ResourceReaderFixture(server).read(RACK + "/Bios");
        ((com.fasterxml.jackson.databind.node.ObjectNode) bios.get("@Redfish.Settings")).putArray("SupportedApplyTimes")
                .add("Immediate");
        server.put(RACK + "/Bios", bios.toString());
        connector.setBiosAttributes(bmc, RACK, Map.of("ProcTurboMode", "Enabled"));

        assertThat(lastPatchBody().toString()).isEqualTo("{\"Attributes\":{\"ProcTurboMode\":\"Enabled\"}}");
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH")).singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo(RACK + "/Bios/Settings"));
    }

    @Test
    void dellPendingJobIsDeletedAndThePatchSentAgain() {
        BmcEndpoint bmc = serve(Mockups.DELL);
        String jobs = "/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs";
        server.put(jobs, """
                {"@odata.id": "%s", "Members@odata.count": 2,
                 "Members": [{"@odata.id": "%s/JID_102241909559"}, {"@odata.id": "%s/JID_200000000001"}]}"""
                .formatted(jobs, jobs, jobs));
        server.put(jobs + "/JID_200000000001", """
                {"@odata.id": "%s/JID_200000000001", "Id": "JID_200000000001", "JobState": "Scheduled",
                 "JobType": "BIOSConfiguration", "Name": "Configure: BIOS.Setup.1-1"}""".formatted(jobs));
        server.blockingBiosJob = "JID_200000000001";

        connector.setBiosAttributes(bmc, DELL, Map.of("AcPwrRcvry", "Off"));

        String deleteQueue = "/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/DellJobService/Actions/"
                + "DellJobService.DeleteJobQueue";
        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().equals(deleteQueue))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("{\"JobID\":\"JID_200000000001\"}"));
        assertThat(MockupRedfishServer.paths(server.calls())).containsSubsequence(
                "PATCH " + DELL_SETTINGS, "POST " + deleteQueue, "PATCH " + DELL_SETTINGS);
        assertThat(connector.bios(bmc, DELL).pending()).containsEntry("AcPwrRcvry", "Off");
    }

    @Test
    void withoutTheDellQuirkTheRefusalIsReported() {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        server.blockingBiosJob = "JID_1";
        RedfishException e = catchThrowableOfType(() -> connector.setBiosAttributes(bmc, RACK,
                Map.of("ProcTurboMode", "Enabled")), RedfishException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Pending configuration values are already committed");
        assertThat(server.count("PATCH")).isEqualTo(1);
    }
}
