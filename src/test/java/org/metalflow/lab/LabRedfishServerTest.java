package org.metalflow.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.lab.LabHttp.Reply;

/** The fleet over real HTTPS, one address per BMC; time moves only when the test says so. */
class LabRedfishServerTest {

    private static final Duration DELAY = Duration.ofMillis(200);

    @TempDir
    static Path dataDir;

    private static final MutableClock clock = new MutableClock();
    private static LabFleet fleet;
    private static LabRedfishServer server;
    private static LabHttp http;

    @BeforeAll
    static void start() {
        LabProperties properties = LabProperties.defaults().withPort(0).withSize(12)
                .withVendorMix("dell:1,hpe:1,generic:1").withPowerTransitionDelay(DELAY).withSessionLimit(3);
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

    /** The n-th BMC (0-based) of a vendor: 0 for read-only checks, the others each for one test that changes state. */
    private static SimulatedBmc bmc(Vendor vendor, int nth) {
        return fleet.bmcs().stream().filter(b -> b.vendor() == vendor).skip(nth).findFirst().orElseThrow();
    }

    private static Map<String, String> basic(SimulatedBmc bmc) {
        MachineSpec spec = bmc.spec();
        return Map.of("Authorization", Credentials.basic(spec.username(), spec.password()));
    }

    private static Reply get(SimulatedBmc bmc, String path) {
        return http.get(server.baseUrl(bmc), path, basic(bmc));
    }

    private static Reply send(SimulatedBmc bmc, String method, String path, String json, Map<String, String> headers) {
        return http.send(method, server.baseUrl(bmc), path, json, headers);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> members(JsonNode collection) {
        return StreamSupport.stream(collection.path("Members").spliterator(), false)
                .map(member -> member.path("@odata.id").asText()).toList();
    }

    // ---- addressing ----

    @Test
    void eachAddressIsItsOwnMachine() {
        SimulatedBmc first = bmc(Vendor.DELL, 0);
        SimulatedBmc second = bmc(Vendor.DELL, 1);
        String system = "/redfish/v1/Systems/System.Embedded.1";

        JsonNode a = get(first, system).body();
        JsonNode b = get(second, system).body();
        assertThat(a.path("UUID").asText()).isEqualTo(first.spec().uuid()).isNotEqualTo(b.path("UUID").asText());
        assertThat(a.path("SerialNumber").asText()).isNotEqualTo(b.path("SerialNumber").asText());
        String nic = "/redfish/v1/Systems/System.Embedded.1/EthernetInterfaces/NIC.Integrated.1-1-1";
        assertThat(get(first, nic).body().path("MACAddress").asText())
                .isEqualTo(first.spec().nics().get(0).mac().toUpperCase())
                .isNotEqualTo(get(second, nic).body().path("MACAddress").asText());
    }

    @Test
    void anAddressOutsideTheFleetIsNotFound() {
        Reply reply = http.get("https://127.1.0.200:" + server.port(), "/redfish/v1", Map.of());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().path("error").path("code").asText()).endsWith("ResourceMissingAtURI");
    }

    // ---- service root, authentication, errors ----

    @Test
    void serviceRootIsOpenAndEverythingElseNeedsCredentials() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 0);
        String base = server.baseUrl(bmc);

        Reply root = http.get(base, "/redfish/v1", Map.of());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().path("RedfishVersion").asText()).isNotEmpty();
        assertThat(root.body().path("Links").path("Sessions").path("@odata.id").asText()).isEqualTo("/redfish/v1/SessionService/Sessions");
        assertThat(root.body().path("ProtocolFeaturesSupported").has("ExpandQuery")).isFalse();
        assertThat(http.get(base, "/redfish", Map.of()).body().path("v1").asText()).isEqualTo("/redfish/v1/");

        Reply systems = http.get(base, "/redfish/v1/Systems", Map.of());
        assertThat(systems.status()).isEqualTo(401);
        assertThat(systems.body().path("error").path("@Message.ExtendedInfo").get(0).path("MessageId").asText())
                .endsWith("NoValidSession");
        Reply wrong = http.get(base, "/redfish/v1/Systems", Map.of("Authorization", Credentials.basic("admin", "wrong")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(http.get(base, "/redfish/v1/Systems", Map.of("X-Auth-Token", "made-up")).status()).isEqualTo(401);
        assertThat(get(bmc, "/redfish/v1/Systems").status()).isEqualTo(200);
    }

    @Test
    void unknownUriIsNotFoundAndBadJsonIsRefused() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 0);

        Reply missing = get(bmc, "/redfish/v1/Systems/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("message").asText()).contains("/redfish/v1/Systems/nope");

        String reset = "/redfish/v1/Systems/" + bmc.spec().serialNumber() + "/Actions/ComputerSystem.Reset";
        Reply bad = send(bmc, "POST", reset, "{\"ResetType\": ", basic(bmc));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("code").asText()).endsWith("MalformedJSON");
        assertThat(send(bmc, "DELETE", "/redfish/v1/Systems", null, basic(bmc)).status()).isEqualTo(405);
    }

    // ---- vendor personalities ----

    @Test
    void dellLooksLikeAnIdrac() {
        SimulatedBmc bmc = bmc(Vendor.DELL, 0);
        MachineSpec spec = bmc.spec();
        JsonNode root = get(bmc, "/redfish/v1").body();
        assertThat(root.path("Vendor").asText()).isEqualTo("Dell");
        assertThat(root.path("Product").asText()).isEqualTo("Integrated Dell Remote Access Controller");
        assertThat(members(get(bmc, "/redfish/v1/Systems").body())).containsExactly("/redfish/v1/Systems/System.Embedded.1");
        assertThat(members(get(bmc, "/redfish/v1/Managers").body())).containsExactly("/redfish/v1/Managers/iDRAC.Embedded.1");
        assertThat(members(get(bmc, "/redfish/v1/Chassis").body())).containsExactly("/redfish/v1/Chassis/System.Embedded.1");

        Reply systemReply = get(bmc, "/redfish/v1/Systems/System.Embedded.1");
        JsonNode system = systemReply.body();
        assertThat(systemReply.header("ETag")).startsWith("W/\"");
        assertThat(system.path("@odata.context").asText()).isEqualTo("/redfish/v1/$metadata#ComputerSystem.ComputerSystem");
        assertThat(system.path("Manufacturer").asText()).isEqualTo("Dell Inc.");
        assertThat(system.path("Model").asText()).startsWith("PowerEdge ");
        assertThat(system.path("SKU").asText()).isEqualTo(spec.sku());
        assertThat(system.path("MemorySummary").path("TotalSystemMemoryGiB").asInt()).isEqualTo(spec.memoryGiB());
        assertThat(texts(system.path("Boot").path("BootSourceOverrideTarget@Redfish.AllowableValues")))
                .containsExactly("None", "Pxe", "Floppy", "Cd", "Hdd", "BiosSetup", "Utilities", "UefiTarget", "SDCard", "UefiHttp");
        JsonNode reset = system.path("Actions").path("#ComputerSystem.Reset");
        assertThat(reset.path("target").asText()).isEqualTo("/redfish/v1/Systems/System.Embedded.1/Actions/ComputerSystem.Reset");
        assertThat(texts(reset.path("ResetType@Redfish.AllowableValues"))).contains("PowerCycle").hasSize(8);

        List<String> storage = members(get(bmc, "/redfish/v1/Systems/System.Embedded.1/Storage").body());
        assertThat(storage).containsExactly("/redfish/v1/Systems/System.Embedded.1/Storage/RAID.Integrated.1-1");
        JsonNode controller = get(bmc, storage.get(0)).body();
        List<String> drives = StreamSupport.stream(controller.path("Drives").spliterator(), false)
                .map(d -> d.path("@odata.id").asText()).toList();
        assertThat(drives).hasSize(spec.drives().size())
                .first().isEqualTo("/redfish/v1/Systems/System.Embedded.1/Storage/RAID.Integrated.1-1/Drives/"
                        + "Disk.Bay.0:Enclosure.Internal.0-1:RAID.Integrated.1-1");
        JsonNode drive = get(bmc, drives.get(0)).body();
        assertThat(drive.path("CapacityBytes").asLong()).isEqualTo(spec.drives().get(0).capacityBytes());
        assertThat(drive.path("SerialNumber").asText()).isEqualTo(spec.drives().get(0).serialNumber());
        assertThat(drive.path("MediaType").asText()).isIn("SSD", "HDD");
        assertThat(drive.path("Protocol").asText()).isIn("SAS", "SATA");

        assertThat(members(get(bmc, "/redfish/v1/Systems/System.Embedded.1/EthernetInterfaces").body()))
                .hasSize(spec.nics().size()).contains("/redfish/v1/Systems/System.Embedded.1/EthernetInterfaces/NIC.Integrated.1-1-1");
        List<String> dimms = members(get(bmc, "/redfish/v1/Systems/System.Embedded.1/Memory").body());
        assertThat(dimms).hasSize(spec.cpuCount() * spec.dimmsPerCpu()).contains("/redfish/v1/Systems/System.Embedded.1/Memory/DIMM.Socket.A1");
        assertThat(get(bmc, dimms.get(0)).body().path("CapacityMiB").asInt()).isEqualTo(spec.dimmSizeMiB());
        assertThat(members(get(bmc, "/redfish/v1/UpdateService/FirmwareInventory").body()))
                .contains("/redfish/v1/UpdateService/FirmwareInventory/Installed-159-" + spec.biosVersion() + "__BIOS.Setup.1-1");
        assertThat(get(bmc, "/redfish/v1/Systems/System.Embedded.1/Bios").body().path("Attributes").path("SystemServiceTag").asText())
                .isEqualTo(spec.sku());
        assertThat(get(bmc, "/redfish/v1/systems/system.embedded.1").status()).isEqualTo(404);
    }

    @Test
    void hpeLooksLikeAnIlo() {
        SimulatedBmc bmc = bmc(Vendor.HPE, 0);
        MachineSpec spec = bmc.spec();
        JsonNode root = get(bmc, "/redfish/v1").body();
        assertThat(root.path("Vendor").asText()).isEqualTo("HPE");
        assertThat(root.path("Product").asText()).startsWith("ProLiant ");
        assertThat(root.path("@odata.etag").asText()).startsWith("W/\"");

        Reply systemReply = get(bmc, "/redfish/v1/Systems/1");
        JsonNode system = systemReply.body();
        assertThat(system.path("Id").asText()).isEqualTo("1");
        assertThat(system.path("Manufacturer").asText()).isEqualTo("HPE");
        assertThat(system.path("@odata.etag").asText()).isEqualTo(systemReply.header("ETag"));
        assertThat(system.path("Bios").path("@odata.id").asText()).isEqualTo("/redfish/v1/systems/1/bios");
        assertThat(texts(system.path("Boot").path("BootSourceOverrideTarget@Redfish.AllowableValues")))
                .contains("UefiShell", "Usb", "Pxe").doesNotContain("Floppy");
        assertThat(texts(system.path("Actions").path("#ComputerSystem.Reset").path("ResetType@Redfish.AllowableValues")))
                .containsExactly("On", "ForceOff", "GracefulShutdown", "ForceRestart", "Nmi", "PushPowerButton", "GracefulRestart");
        assertThat(members(get(bmc, "/redfish/v1/Managers").body())).containsExactly("/redfish/v1/Managers/1");
        assertThat(members(get(bmc, "/redfish/v1/Chassis").body())).containsExactly("/redfish/v1/Chassis/1");

        JsonNode bios = get(bmc, "/redfish/v1/systems/1/bios").body();
        assertThat(bios.path("@odata.id").asText()).isEqualTo("/redfish/v1/systems/1/bios/");
        assertThat(get(bmc, "/redfish/v1/Systems/1/Bios/").status()).isEqualTo(200);
        assertThat(get(bmc, "/redfish/v1/SYSTEMS/1/").body().path("UUID").asText()).isEqualTo(spec.uuid());

        List<String> macs = new ArrayList<>();
        for (String nic : members(get(bmc, "/redfish/v1/Systems/1/EthernetInterfaces").body())) {
            JsonNode node = get(bmc, nic).body();
            macs.add(node.path("MACAddress").asText());
            assertThat(node.path("LinkStatus").asText()).isIn("LinkUp", "LinkDown");
        }
        assertThat(macs).containsExactlyElementsOf(spec.macs());
        assertThat(members(get(bmc, "/redfish/v1/Systems/1/Memory").body())).contains("/redfish/v1/Systems/1/Memory/proc1dimm1");

        int drives = 0;
        for (String storage : members(get(bmc, "/redfish/v1/Systems/1/Storage").body())) {
            JsonNode node = get(bmc, storage).body();
            for (JsonNode link : node.path("Drives")) {
                String uri = link.path("@odata.id").asText();
                boolean nvme = storage.contains("/DA");
                assertThat(uri.endsWith("/")).isEqualTo(nvme);
                JsonNode drive = get(bmc, uri).body();
                assertThat(drive.path("@odata.id").asText()).isEqualTo(uri);
                assertThat(drive.path("CapacityBytes").asLong()).isPositive();
                drives++;
            }
        }
        assertThat(drives).isEqualTo(spec.drives().size());
        assertThat(members(get(bmc, "/redfish/v1/UpdateService/FirmwareInventory").body()))
                .startsWith("/redfish/v1/UpdateService/FirmwareInventory/1");
        assertThat(get(bmc, "/redfish/v1/SessionService").body().path("SessionTimeout").asInt()).isEqualTo(30);

        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";
        Reply session = send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of());
        assertThat(session.header("Location")).startsWith("/redfish/v1/SessionService/Sessions/Administrator").endsWith("/");
        assertThat(send(bmc, "DELETE", session.header("Location"), null, Map.of("X-Auth-Token", session.header("X-Auth-Token"))).status())
                .isEqualTo(204);
    }

    @Test
    void genericLooksLikeTheDmtfMockup() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 0);
        MachineSpec spec = bmc.spec();
        String system = "/redfish/v1/Systems/" + spec.serialNumber();

        assertThat(members(get(bmc, "/redfish/v1/Systems").body())).containsExactly(system);
        JsonNode node = get(bmc, system).body();
        assertThat(node.path("Manufacturer").asText()).isEqualTo("Contoso");
        assertThat(node.has("@odata.context")).isFalse();
        assertThat(members(get(bmc, system + "/Storage").body())).containsExactly(system + "/Storage/1");
        assertThat(get(bmc, system + "/Storage/1/Drives/0").body().path("Protocol").asText()).isIn("SAS", "SATA", "NVMe");
        assertThat(members(get(bmc, "/redfish/v1/Managers").body())).containsExactly("/redfish/v1/Managers/BMC");
    }

    // ---- sessions ----

    @Test
    void sessionsLogInReadAndLogOut() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 2);
        MachineSpec spec = bmc.spec();
        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";

        Reply created = send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of());
        assertThat(created.status()).isEqualTo(201);
        String token = created.header("X-Auth-Token");
        String location = created.header("Location");
        assertThat(token).isNotBlank();
        assertThat(created.body().path("@odata.id").asText()).isEqualTo(location).startsWith("/redfish/v1/SessionService/Sessions/");
        Map<String, String> auth = Map.of("X-Auth-Token", token);

        assertThat(send(bmc, "GET", location, null, auth).body().path("UserName").asText()).isEqualTo(spec.username());
        assertThat(members(send(bmc, "GET", "/redfish/v1/SessionService/Sessions", null, auth).body())).contains(location);
        assertThat(send(bmc, "DELETE", location, null, auth).status()).isEqualTo(204);
        assertThat(send(bmc, "GET", "/redfish/v1/Systems", null, auth).status()).isEqualTo(401);

        String wrong = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"nope\"}";
        assertThat(send(bmc, "POST", "/redfish/v1/SessionService/Sessions", wrong, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedUntilOneEnds() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 1);
        MachineSpec spec = bmc.spec();
        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";
        List<Reply> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of()));
        }
        assertThat(sessions).extracting(Reply::status).containsOnly(201);

        Reply refused = send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().path("error").path("code").asText()).endsWith("SessionLimitExceeded");

        Reply first = sessions.get(0);
        send(bmc, "DELETE", first.header("Location"), null, Map.of("X-Auth-Token", first.header("X-Auth-Token")));
        assertThat(send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void idleSessionsExpire() {
        SimulatedBmc bmc = bmc(Vendor.GENERIC, 3);
        MachineSpec spec = bmc.spec();
        String login = "{\"UserName\":\"" + spec.username() + "\",\"Password\":\"" + spec.password() + "\"}";
        String token = send(bmc, "POST", "/redfish/v1/SessionService/Sessions", login, Map.of()).header("X-Auth-Token");
        assertThat(send(bmc, "GET", "/redfish/v1/Systems", null, Map.of("X-Auth-Token", token)).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));

        assertThat(send(bmc, "GET", "/redfish/v1/Systems", null, Map.of("X-Auth-Token", token)).status()).isEqualTo(401);
    }

    // ---- power ----

    @Test
    void resetChangesPowerOnlyAfterTheTransitionDelay() {
        SimulatedBmc bmc = bmc(Vendor.DELL, 1);
        String system = "/redfish/v1/Systems/System.Embedded.1";
        String reset = system + "/Actions/ComputerSystem.Reset";
        if (bmc.powerState().equals("On")) {
            send(bmc, "POST", reset, "{\"ResetType\":\"ForceOff\"}", basic(bmc));
            clock.advance(DELAY);
        }
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("Off");

        assertThat(send(bmc, "POST", reset, "{\"ResetType\":\"On\"}", basic(bmc)).status()).isEqualTo(204);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("PoweringOn");
        clock.advance(DELAY);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("On");

        assertThat(send(bmc, "POST", reset, "{\"ResetType\":\"ForceRestart\"}", basic(bmc)).status()).isEqualTo(204);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("PoweringOff");
        clock.advance(DELAY);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("PoweringOn");
        clock.advance(DELAY);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("On");

        send(bmc, "POST", reset, "{\"ResetType\":\"GracefulShutdown\"}", basic(bmc));
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("PoweringOff");
        clock.advance(DELAY);
        assertThat(get(bmc, system).body().path("PowerState").asText()).isEqualTo("Off");
    }

    @Test
    void resetTypesOutsideTheVendorsListAreRefused() {
        SimulatedBmc bmc = bmc(Vendor.HPE, 1);
        String reset = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset";
        String before = bmc.powerState();

        Reply refused = send(bmc, "POST", reset, "{\"ResetType\":\"PowerCycle\"}", basic(bmc));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").path("message").asText()).contains("PowerCycle", "GracefulRestart", "PushPowerButton");
        assertThat(send(bmc, "POST", reset, "{}", basic(bmc)).status()).isEqualTo(400);
        assertThat(bmc.powerState()).isEqualTo(before);

        Reply accepted = send(bmc, "POST", reset, "{\"ResetType\":\"Nmi\"}", basic(bmc));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().path("error").path("@Message.ExtendedInfo").get(0).path("MessageId").asText()).endsWith("Success");
    }

    // ---- boot override and ETags ----

    @Test
    void bootOverrideIsValidatedRememberedAndAOnceOverrideIsUsedUpByTheNextBoot() {
        SimulatedBmc bmc = bmc(Vendor.DELL, 2);
        String system = "/redfish/v1/Systems/System.Embedded.1";

        Reply usb = send(bmc, "PATCH", system, "{\"Boot\":{\"BootSourceOverrideTarget\":\"Usb\"}}", basic(bmc));
        assertThat(usb.status()).isEqualTo(400);
        assertThat(usb.body().path("error").path("message").asText()).contains("Usb", "Pxe", "UefiHttp");
        assertThat(send(bmc, "PATCH", system, "{\"Boot\":{\"BootSourceOverrideEnabled\":\"Always\"}}", basic(bmc)).status()).isEqualTo(400);
        assertThat(send(bmc, "PATCH", system, "{\"PowerState\":\"On\"}", basic(bmc)).status()).isEqualTo(400);

        Reply set = send(bmc, "PATCH", system,
                "{\"Boot\":{\"BootSourceOverrideTarget\":\"Pxe\",\"BootSourceOverrideEnabled\":\"Once\",\"BootSourceOverrideMode\":\"UEFI\"}}",
                basic(bmc));
        assertThat(set.status()).isEqualTo(200);
        JsonNode boot = get(bmc, system).body().path("Boot");
        assertThat(boot.path("BootSourceOverrideTarget").asText()).isEqualTo("Pxe");
        assertThat(boot.path("BootSourceOverrideEnabled").asText()).isEqualTo("Once");

        String reset = system + "/Actions/ComputerSystem.Reset";
        send(bmc, "POST", reset, "{\"ResetType\":\"" + (bmc.powerState().equals("On") ? "PowerCycle" : "On") + "\"}", basic(bmc));
        assertThat(get(bmc, system).body().path("Boot").path("BootSourceOverrideEnabled").asText()).isEqualTo("Once");
        clock.advance(DELAY.multipliedBy(2));

        boot = get(bmc, system).body().path("Boot");
        assertThat(boot.path("BootSourceOverrideEnabled").asText()).isEqualTo("Disabled");
        assertThat(bmc.lastBootSource()).isEqualTo("Pxe");
        assertThat(bmc.powerState()).isEqualTo("On");
    }

    @Test
    void patchWithAStaleEtagFails() {
        SimulatedBmc bmc = bmc(Vendor.HPE, 2);
        String system = "/redfish/v1/Systems/1";
        String etag = get(bmc, system).header("ETag");
        String patch = "{\"Boot\":{\"BootSourceOverrideTarget\":\"Hdd\",\"BootSourceOverrideEnabled\":\"Continuous\"}}";

        Reply stale = send(bmc, "PATCH", system, patch, Map.of("If-Match", "W/\"00000000\"",
                "Authorization", basic(bmc).get("Authorization")));
        assertThat(stale.status()).isEqualTo(412);

        Reply fresh = send(bmc, "PATCH", system, patch, Map.of("If-Match", etag, "Authorization", basic(bmc).get("Authorization")));
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isNotEqualTo(etag);
        assertThat(send(bmc, "PATCH", system, patch, Map.of("If-Match", etag, "Authorization", basic(bmc).get("Authorization"))).status())
                .isEqualTo(412);
        assertThat(bmc.bootOverride()).isEqualTo(new BootOverride("Hdd", "Continuous", "UEFI"));
    }

    // ---- lab API view ----

    @Test
    void viewCarriesCredentialsTruthAndARegistrationBody() {
        SimulatedBmc bmc = bmc(Vendor.DELL, 0);
        LabBmcView view = LabBmcView.of(bmc, server);

        assertThat(view.id()).isEqualTo("lab-0001");
        assertThat(view.address()).isEqualTo("https://127.1.0.1:" + server.port());
        assertThat(view.tls().certificateSha256()).isEqualTo(server.tls().certificateSha256());
        assertThat(view.expected().macs()).isEqualTo(bmc.spec().macs());
        assertThat(view.registration().name()).isEqualTo("lab-0001");
        assertThat(view.registration().bmc().password()).isEqualTo(view.password());
        JsonNode json = LabHttp.JSON.valueToTree(view);
        assertThat(json.path("registration").path("bmc").path("tls").path("certificateSha256").asText()).hasSize(64);
        assertThat(json.path("expected").path("bootOverride").path("target").asText()).isEqualTo("None");
    }
}
