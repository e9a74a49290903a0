package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.metalflow.lab.LabHttp.Reply;

/** BIOS settings, volumes, tasks, firmware updates, virtual media and Secure Boot over HTTPS; time moves by hand. */
class LabFeaturesTest {

    private static final Duration POWER = Duration.ofMillis(200);
    private static final Duration VOLUME = Duration.ofSeconds(2);
    private static final Duration FIRMWARE = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static final MutableClock clock = new MutableClock();
    private static LabFleet fleet;
    private static LabRedfishServer server;
    private static LabHttp http;
    private static int nextDell;
    private static int nextHpe;
    private static int nextGeneric;

    @BeforeAll
    static void start() {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(60).withVendorMix("dell:1,hpe:1,generic:1")
                .withPowerTransitionDelay(POWER).withVolumeDelay(VOLUME).withFirmwareUpdateDuration(FIRMWARE);
        fleet = new LabFleet(properties, clock);
        server = new LabRedfishServer(fleet, LabTls.loadOrCreate(dataDir.resolve("lab")), LabHttp.JSON);
        server.start();
        http = new LabHttp(server.tls());
    }

    @AfterAll
    static void stop() {
        http.close();
        server.stop();
    }

    /** A BMC of the vendor no other test has used, with at least {@code drives} drives on its first controller. */
    private static synchronized SimulatedBmc fresh(Vendor vendor, int drives) {
        List<SimulatedBmc> candidates = fleet.bmcs().stream().filter(b -> b.vendor() == vendor)
                .filter(b -> vendor.personality().storage(b.spec()).get(0).drives().size() >= drives).toList();
        int n = switch (vendor) {
            case DELL -> nextDell++;
            case HPE -> nextHpe++;
            case GENERIC -> nextGeneric++;
        };
        return candidates.get(n);
    }

    private static Map<String, String> basic(SimulatedBmc bmc) {
        MachineSpec spec = bmc.spec();
        return Map.of("Authorization", Credentials.basic(spec.username(), spec.password()));
    }

    private static Reply get(SimulatedBmc bmc, String path) {
        return http.get(server.baseUrl(bmc), path, basic(bmc));
    }

    private static Reply send(SimulatedBmc bmc, String method, String path, String json) {
        return http.send(method, server.baseUrl(bmc), path, json, basic(bmc));
    }

    private static String system(SimulatedBmc bmc) {
        return BmcUris.of(bmc.vendor().personality(), bmc.spec()).system();
    }

    /** Powers the machine on (or cycles it) and lets the boot complete. */
    private static void boot(SimulatedBmc bmc) {
        String reset = system(bmc) + "/Actions/ComputerSystem.Reset";
        String type = bmc.powerState().equals("On") ? "ForceRestart" : "On";
        assertThat(send(bmc, "POST", reset, "{\"ResetType\":\"" + type + "\"}").status()).isIn(200, 204);
        clock.advance(POWER.multipliedBy(2));
        assertThat(bmc.powerState()).isEqualTo("On");
    }

    private static List<String> members(JsonNode collection) {
        return StreamSupport.stream(collection.path("Members").spliterator(), false)
                .map(member -> member.path("@odata.id").asText()).toList();
    }

    private static String message(Reply reply) {
        return reply.body().path("error").path("@Message.ExtendedInfo").get(0).path("Message").asText();
    }

    // ---- BIOS ----

    @Test
    void biosPointsToItsRegistryAndSettingsObject() {
        SimulatedBmc dell = fresh(Vendor.DELL, 0);
        JsonNode bios = get(dell, system(dell) + "/Bios").body();
        assertThat(bios.path("Attributes").size()).isBetween(15, 30);
        assertThat(bios.path("@Redfish.Settings").path("SettingsObject").path("@odata.id").asText())
                .isEqualTo(system(dell) + "/Bios/Settings");
        assertThat(bios.path("@Redfish.Settings").path("SupportedApplyTimes").toString()).contains("OnReset");

        String registryName = bios.path("AttributeRegistry").asText();
        assertThat(members(get(dell, "/redfish/v1/Registries").body())).contains("/redfish/v1/Registries/" + registryName);
        JsonNode file = get(dell, "/redfish/v1/Registries/" + registryName).body();
        JsonNode registry = get(dell, file.path("Location").get(0).path("Uri").asText()).body();
        JsonNode entries = registry.path("RegistryEntries").path("Attributes");
        assertThat(entries.size()).isEqualTo(bios.path("Attributes").size());
        JsonNode bootMode = StreamSupport.stream(entries.spliterator(), false)
                .filter(e -> e.path("AttributeName").asText().equals("BootMode")).findFirst().orElseThrow();
        assertThat(bootMode.path("Type").asText()).isEqualTo("Enumeration");
        assertThat(bootMode.path("Value").findValuesAsText("ValueName")).containsExactly("Bios", "Uefi");

        SimulatedBmc hpe = fresh(Vendor.HPE, 0);
        JsonNode hpeBios = get(hpe, "/redfish/v1/systems/1/bios/").body();
        assertThat(hpeBios.path("@Redfish.Settings").path("SettingsObject").path("@odata.id").asText())
                .isEqualTo("/redfish/v1/systems/1/bios/settings/");
        assertThat(hpeBios.path("@Redfish.Settings").has("SupportedApplyTimes")).isFalse();
        assertThat(hpeBios.path("Attributes").path("WorkloadProfile").isTextual()).isTrue();
        JsonNode hpeFile = get(hpe, "/redfish/v1/Registries/" + hpeBios.path("AttributeRegistry").asText()).body();
        assertThat(hpeFile.path("Location").get(0).path("Uri").asText()).startsWith("/redfish/v1/registrystore/registries/en/");
        assertThat(get(hpe, hpeFile.path("Location").get(0).path("Uri").asText()).status()).isEqualTo(200);
    }

    @Test
    void pendingBiosSettingsAreAppliedByTheNextBoot() {
        SimulatedBmc bmc = fresh(Vendor.HPE, 0);
        String settings = "/redfish/v1/systems/1/bios/settings/";
        Reply patched = send(bmc, "PATCH", settings, "{\"Attributes\":{\"WorkloadProfile\":\"LowLatency\",\"VlanId\":42}}");
        assertThat(patched.status()).isEqualTo(200);

        assertThat(get(bmc, settings).body().path("Attributes").path("WorkloadProfile").asText()).isEqualTo("LowLatency");
        assertThat(get(bmc, "/redfish/v1/systems/1/bios/").body().path("Attributes").path("WorkloadProfile").asText())
                .isNotEqualTo("LowLatency");
        assertThat(bmc.biosPending()).containsEntry("WorkloadProfile", "LowLatency");

        boot(bmc);

        JsonNode attributes = get(bmc, "/redfish/v1/systems/1/bios/").body().path("Attributes");
        assertThat(attributes.path("WorkloadProfile").asText()).isEqualTo("LowLatency");
        assertThat(attributes.path("VlanId").asInt()).isEqualTo(42);
        assertThat(bmc.biosPending()).isEmpty();
    }

    @Test
    void biosChangesAreCheckedAgainstTheRegistry() {
        SimulatedBmc bmc = fresh(Vendor.GENERIC, 0);
        String settings = system(bmc) + "/Bios/Settings";

        Reply badValue = send(bmc, "PATCH", settings, "{\"Attributes\":{\"ProcHyperthreading\":\"Sometimes\"}}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(message(badValue)).contains("ProcHyperthreading", "Sometimes", "Enabled", "Disabled");
        Reply readOnly = send(bmc, "PATCH", settings, "{\"Attributes\":{\"SerialNumber\":\"X\"}}");
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.body().path("error").path("code").asText()).endsWith("PropertyNotWritable");
        Reply range = send(bmc, "PATCH", settings, "{\"Attributes\":{\"ProcCoreDisable\":99}}");
        assertThat(range.status()).isEqualTo(400);
        assertThat(message(range)).contains("ProcCoreDisable", "0 to 24");
        assertThat(send(bmc, "PATCH", settings, "{\"Attributes\":{\"QuietBoot\":\"yes\"}}").status()).isEqualTo(400);
        assertThat(send(bmc, "PATCH", settings, "{\"Attributes\":{\"NoSuchThing\":1}}").status()).isEqualTo(400);
        assertThat(send(bmc, "PATCH", settings, "{\"Attributes\":{\"BootMode\":\"Uefi\"},"
                + "\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"Immediate\"}}").status()).isEqualTo(400);
        assertThat(bmc.biosPending()).isEmpty();

        assertThat(send(bmc, "PATCH", settings, "{\"Attributes\":{\"QuietBoot\":false,\"ProcCoreDisable\":2},"
                + "\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"OnReset\"}}").status()).isEqualTo(204);
        assertThat(bmc.biosPending()).containsEntry("QuietBoot", false).containsEntry("ProcCoreDisable", 2L);
    }

    @Test
    void idracRefusesASecondChangeUntilTheJobQueueIsCleared() {
        SimulatedBmc bmc = fresh(Vendor.DELL, 0);
        String settings = system(bmc) + "/Bios/Settings";

        Reply first = send(bmc, "PATCH", settings, "{\"Attributes\":{\"ProcVirtualization\":\"Disabled\"},"
                + "\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"OnReset\"}}");
        assertThat(first.status()).isEqualTo(202);
        String job = first.header("Location");
        assertThat(job).startsWith("/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs/JID_");
        assertThat(get(bmc, job).body().path("JobState").asText()).isEqualTo("Scheduled");
        assertThat(get(bmc, settings).body().path("Attributes").path("ProcVirtualization").asText()).isEqualTo("Disabled");

        Reply second = send(bmc, "PATCH", settings, "{\"Attributes\":{\"MemTest\":\"Enabled\"}}");
        assertThat(second.status()).isEqualTo(400);
        assertThat(message(second)).contains("Pending configuration");
        assertThat(second.body().path("error").path("code").asText()).endsWith("SYS011");

        String deleteQueue = "/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/DellJobService/Actions/DellJobService.DeleteJobQueue";
        assertThat(send(bmc, "POST", deleteQueue, "{\"JobID\":\"JID_NOPE\"}").status()).isEqualTo(400);
        assertThat(send(bmc, "POST", deleteQueue, "{\"JobID\":\"JID_CLEARALL\"}").status()).isEqualTo(200);
        assertThat(members(get(bmc, "/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs").body())).isEmpty();
        assertThat(bmc.biosPending()).isEmpty();

        Reply third = send(bmc, "PATCH", settings, "{\"Attributes\":{\"MemTest\":\"Enabled\"}}");
        assertThat(third.status()).isEqualTo(202);
        boot(bmc);
        assertThat(get(bmc, third.header("Location")).body().path("JobState").asText()).isEqualTo("Completed");
        assertThat(bmc.biosAttributes()).containsEntry("MemTest", "Enabled").containsEntry("ProcVirtualization", "Enabled");
        assertThat(send(bmc, "PATCH", settings, "{\"Attributes\":{\"NumLock\":\"Off\"}}").status()).isEqualTo(202);
    }

    // ---- volumes and tasks ----

    @Test
    void aVolumeAppearsWhenItsTaskCompletesAndItsMonitorThenVanishes() {
        SimulatedBmc bmc = fresh(Vendor.DELL, 2);
        String storage = system(bmc) + "/Storage/RAID.Integrated.1-1";
        JsonNode controller = get(bmc, storage).body();
        assertThat(controller.path("StorageControllers").get(0).path("SupportedRAIDTypes").toString()).contains("RAID1", "RAID10");
        String volumes = controller.path("Volumes").path("@odata.id").asText();
        assertThat(members(get(bmc, volumes).body())).isEmpty();
        String drive0 = controller.path("Drives").get(0).path("@odata.id").asText();
        String drive1 = controller.path("Drives").get(1).path("@odata.id").asText();

        Reply created = send(bmc, "POST", volumes, "{\"Name\":\"os\",\"RAIDType\":\"RAID1\",\"Links\":{\"Drives\":["
                + "{\"@odata.id\":\"" + drive0 + "\"},{\"@odata.id\":\"" + drive1 + "\"}]}}");
        assertThat(created.status()).isEqualTo(202);
        String monitor = created.header("Location");
        assertThat(created.header("Retry-After")).isNotBlank();
        String task = created.body().path("@odata.id").asText();
        assertThat(created.body().path("TaskState").asText()).isEqualTo("Running");
        assertThat(get(bmc, monitor).status()).isEqualTo(202);
        assertThat(members(get(bmc, volumes).body())).isEmpty();
        Reply again = send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID0\",\"Links\":{\"Drives\":[{\"@odata.id\":\"" + drive0 + "\"}]}}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(message(again)).contains("already belongs to a volume");

        clock.advance(VOLUME);

        assertThat(get(bmc, monitor).status()).isEqualTo(404);
        JsonNode finished = get(bmc, task).body();
        assertThat(finished.path("TaskState").asText()).isEqualTo("Completed");
        assertThat(finished.path("PercentComplete").asInt()).isEqualTo(100);
        assertThat(members(get(bmc, "/redfish/v1/TaskService/Tasks").body())).contains(task);
        List<String> listed = members(get(bmc, volumes).body());
        assertThat(listed).hasSize(1);
        JsonNode volume = get(bmc, listed.get(0)).body();
        assertThat(volume.path("RAIDType").asText()).isEqualTo("RAID1");
        assertThat(volume.path("Name").asText()).isEqualTo("os");
        assertThat(volume.path("CapacityBytes").asLong()).isEqualTo(Math.min(
                bmc.spec().drives().get(0).capacityBytes(), bmc.spec().drives().get(1).capacityBytes()));

        Reply deleted = send(bmc, "DELETE", listed.get(0), null);
        assertThat(deleted.status()).isEqualTo(202);
        clock.advance(VOLUME);
        assertThat(members(get(bmc, volumes).body())).isEmpty();
        assertThat(get(bmc, listed.get(0)).status()).isEqualTo(404);
    }

    @Test
    void volumeRequestsAreValidated() {
        SimulatedBmc bmc = fresh(Vendor.GENERIC, 2);
        String storage = system(bmc) + "/Storage/1";
        String volumes = storage + "/Volumes";
        String drive0 = storage + "/Drives/0";
        String drive1 = storage + "/Drives/1";
        String two = "[{\"@odata.id\":\"" + drive0 + "\"},{\"@odata.id\":\"" + drive1 + "\"}]";

        Reply raid6 = send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID6\",\"Links\":{\"Drives\":" + two + "}}");
        assertThat(raid6.status()).isEqualTo(400);
        assertThat(message(raid6)).contains("RAID6", "RAID1", "RAID10");
        Reply raid5 = send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID5\",\"Links\":{\"Drives\":" + two + "}}");
        assertThat(raid5.status()).isEqualTo(400);
        assertThat(message(raid5)).contains("at least 3");
        assertThat(send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID10\",\"Links\":{\"Drives\":" + two + "}}").status()).isEqualTo(400);
        assertThat(send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID1\",\"Links\":{\"Drives\":[{\"@odata.id\":\""
                + system(bmc) + "/Storage/9/Drives/0\"}]}}").status()).isEqualTo(400);
        assertThat(send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID1\",\"Links\":{\"Drives\":" + two
                + "},\"CapacityBytes\":1000000000000000}").status()).isEqualTo(400);
        assertThat(send(bmc, "POST", volumes, "{\"Links\":{\"Drives\":" + two + "}}").status()).isEqualTo(400);

        Reply created = send(bmc, "POST", volumes, "{\"RAIDType\":\"RAID0\",\"Links\":{\"Drives\":" + two
                + "},\"CapacityBytes\":1000000000}");
        assertThat(created.status()).isEqualTo(202);
        clock.advance(VOLUME);
        String volume = members(get(bmc, volumes).body()).get(0);
        assertThat(get(bmc, volume).body().path("CapacityBytes").asLong()).isEqualTo(1_000_000_000L);
        assertThat(send(bmc, "DELETE", volume, null).status()).isEqualTo(204);
        assertThat(members(get(bmc, volumes).body())).isEmpty();
    }

    // ---- firmware ----

    @Test
    void biosUpdateTakesEffectAtTheBootAfterItsTask() {
        SimulatedBmc bmc = fresh(Vendor.DELL, 0);
        String before = bmc.spec().biosVersion();
        JsonNode service = get(bmc, "/redfish/v1/UpdateService").body();
        JsonNode action = service.path("Actions").path("#UpdateService.SimpleUpdate");
        assertThat(action.path("TransferProtocol@Redfish.AllowableValues").toString()).contains("HTTP");

        Reply refused = send(bmc, "POST", action.path("target").asText(), "{\"ImageURI\":\"ftp://x/R750_BIOS_9.9.9.exe\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(send(bmc, "POST", action.path("target").asText(), "{\"TransferProtocol\":\"HTTP\"}").status()).isEqualTo(400);

        Reply started = send(bmc, "POST", action.path("target").asText(),
                "{\"ImageURI\":\"http://repo.example/fw/R750_BIOS_9.8.7.exe\",\"TransferProtocol\":\"HTTP\"}");
        assertThat(started.status()).isEqualTo(202);
        String monitor = started.header("Location");
        String task = started.body().path("@odata.id").asText();
        clock.advance(FIRMWARE.dividedBy(2));
        JsonNode running = get(bmc, monitor).body();
        assertThat(running.path("TaskState").asText()).isEqualTo("Running");
        assertThat(running.path("PercentComplete").asInt()).isBetween(40, 60);

        clock.advance(FIRMWARE);
        assertThat(get(bmc, monitor).status()).isEqualTo(404);
        assertThat(get(bmc, task).body().path("TaskState").asText()).isEqualTo("Completed");
        assertThat(get(bmc, system(bmc)).body().path("BiosVersion").asText()).isEqualTo(before);

        boot(bmc);

        assertThat(get(bmc, system(bmc)).body().path("BiosVersion").asText()).isEqualTo("9.8.7");
        assertThat(members(get(bmc, "/redfish/v1/UpdateService/FirmwareInventory").body()))
                .contains("/redfish/v1/UpdateService/FirmwareInventory/Installed-159-9.8.7__BIOS.Setup.1-1");
        assertThat(bmc.biosAttributes()).containsEntry("SystemBiosVersion", "9.8.7");
    }

    @Test
    void bmcUpdateTakesEffectWhenItsTaskEndsAndAnUnknownImageFails() {
        SimulatedBmc bmc = fresh(Vendor.HPE, 0);
        Reply started = send(bmc, "POST", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                "{\"ImageURI\":\"https://repo.example/ilo5_BMC_3.10.bin\"}");
        assertThat(started.status()).isEqualTo(202);
        clock.advance(FIRMWARE);
        assertThat(get(bmc, "/redfish/v1/UpdateService/FirmwareInventory/1").body().path("Version").asText()).startsWith("3.10 ");
        assertThat(get(bmc, "/redfish/v1/Managers/1").body().path("FirmwareVersion").asText()).isEqualTo("iLO 5 v3.10");

        Reply unknown = send(bmc, "POST", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                "{\"ImageURI\":\"https://repo.example/whatever.bin\"}");
        clock.advance(FIRMWARE);
        JsonNode failed = get(bmc, unknown.body().path("@odata.id").asText()).body();
        assertThat(failed.path("TaskState").asText()).isEqualTo("Exception");
        assertThat(failed.path("TaskStatus").asText()).isEqualTo("Critical");
        assertThat(failed.path("Messages").get(0).path("Message").asText()).contains("whatever.bin");
    }

    // ---- virtual media, boot override, secure boot ----

    @Test
    void aCdOverrideBootsTheInsertedImage() {
        SimulatedBmc bmc = fresh(Vendor.GENERIC, 0);
        String cd = "/redfish/v1/Managers/BMC/VirtualMedia/CD1";
        assertThat(members(get(bmc, "/redfish/v1/Managers/BMC/VirtualMedia").body())).contains(cd);
        String override = "{\"Boot\":{\"BootSourceOverrideTarget\":\"Cd\",\"BootSourceOverrideEnabled\":\"Once\"}}";

        assertThat(send(bmc, "PATCH", system(bmc), override).status()).isIn(200, 204);
        boot(bmc);
        assertThat(bmc.lastBootSource()).isEqualTo("Hdd"); // nothing inserted: falls through to the disk

        assertThat(send(bmc, "POST", cd + "/Actions/VirtualMedia.InsertMedia", "{}").status()).isEqualTo(400);
        assertThat(send(bmc, "POST", cd + "/Actions/VirtualMedia.InsertMedia",
                "{\"Image\":\"http://boot.example/live.iso\",\"Inserted\":true}").status()).isIn(200, 204);
        JsonNode slot = get(bmc, cd).body();
        assertThat(slot.path("Inserted").asBoolean()).isTrue();
        assertThat(slot.path("Image").asText()).isEqualTo("http://boot.example/live.iso");
        assertThat(send(bmc, "POST", cd + "/Actions/VirtualMedia.InsertMedia",
                "{\"Image\":\"http://boot.example/other.iso\"}").status()).isEqualTo(400);

        assertThat(send(bmc, "PATCH", system(bmc), override).status()).isIn(200, 204);
        boot(bmc);
        assertThat(bmc.lastBootSource()).isEqualTo("Cd");
        assertThat(bmc.lastBootImage()).isEqualTo("http://boot.example/live.iso");
        assertThat(LabBmcView.of(bmc, server).expected().lastBootSource()).isEqualTo("Cd");

        assertThat(send(bmc, "POST", cd + "/Actions/VirtualMedia.EjectMedia", "{}").status()).isIn(200, 204);
        assertThat(get(bmc, cd).body().path("Inserted").asBoolean()).isFalse();
        assertThat(send(bmc, "PATCH", cd, "{\"Image\":\"http://boot.example/patched.iso\",\"Inserted\":true}").status()).isIn(200, 204);
        assertThat(get(bmc, cd).body().path("Image").asText()).isEqualTo("http://boot.example/patched.iso");
    }

    @Test
    void secureBootChangesWithTheNextBoot() {
        SimulatedBmc bmc = fresh(Vendor.DELL, 0);
        String secureBoot = system(bmc) + "/SecureBoot";
        assertThat(get(bmc, system(bmc)).body().path("SecureBoot").path("@odata.id").asText()).isEqualTo(secureBoot);
        JsonNode before = get(bmc, secureBoot).body();
        assertThat(before.path("SecureBootEnable").asBoolean()).isFalse();
        assertThat(before.path("SecureBootMode").asText()).isEqualTo("DeployedMode");

        assertThat(send(bmc, "PATCH", secureBoot, "{\"SecureBootEnable\":\"yes\"}").status()).isEqualTo(400);
        assertThat(send(bmc, "PATCH", secureBoot, "{\"SecureBootEnable\":true}").status()).isIn(200, 204);
        JsonNode requested = get(bmc, secureBoot).body();
        assertThat(requested.path("SecureBootEnable").asBoolean()).isTrue();
        assertThat(requested.path("SecureBootCurrentBoot").asText()).isEqualTo("Disabled");
        boot(bmc);
        assertThat(get(bmc, secureBoot).body().path("SecureBootCurrentBoot").asText()).isEqualTo("Enabled");
    }
}
