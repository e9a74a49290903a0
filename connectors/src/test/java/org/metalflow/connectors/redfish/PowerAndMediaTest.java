package org.metalflow.connectors.redfish;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Waiting for a power state, Secure Boot, virtual media slots, insert and eject. */
class PowerAndMediaTest extends MockupConnectorTest {

    @Test
    void waitsThroughPoweringOffUntilOff() throws Exception {
        BmcEndpoint bmc = serve(Mockups.HPE);
        server.powerTransitionPolls = 2;
        connector.reset(bmc, "/redfish/v1/Systems/1", "ForceOff");
        assertThat(connector.powerState(bmc, "/redfish/v1/Systems/1")).isEqualTo("PoweringOff");

        server.resetCounters();
        assertThat(connector.waitForPowerState(bmc, "/redfish/v1/Systems/1", "Off", Duration.ofSeconds(30)))
                .isEqualTo("Off");
        assertThat(server.count("GET", "/redfish/v1/Systems/1")).isEqualTo(2);
    }

    @Test
    void givesUpAtTheTimeoutWithTheLastState() throws Exception {
        BmcEndpoint bmc = serve(Mockups.DELL);
        assertThat(connector.waitForPowerState(bmc, "/redfish/v1/Systems/System.Embedded.1", "Off",
                Duration.ofMillis(600))).isEqualTo("On");
    }

    @Test
    void secureBootIsReportedWhereTheBmcHasIt() throws Exception {
        BmcEndpoint dell = serve(Mockups.DELL);
        assertThat(connector.secureBootEnabled(dell, "/redfish/v1/Systems/System.Embedded.1")).isFalse();
        BmcEndpoint hpe = serve(Mockups.HPE);
        assertThat(connector.secureBootEnabled(hpe, "/redfish/v1/Systems/1")).isFalse();
        server.put("/redfish/v1/Systems/1/SecureBoot", """
                {"@odata.id": "/redfish/v1/Systems/1/SecureBoot", "SecureBootEnable": true,
                 "SecureBootCurrentBoot": "Enabled", "SecureBootMode": "UserMode"}""");
        assertThat(connector.secureBootEnabled(hpe, "/redfish/v1/Systems/1")).isTrue();
        BmcEndpoint rack = serve(Mockups.RACKMOUNT);
        assertThat(connector.secureBootEnabled(rack, "/redfish/v1/Systems/437XR1138R2")).isFalse();
        BmcEndpoint bladed = serve(Mockups.BLADED);
        assertThat(connector.secureBootEnabled(bladed, "/redfish/v1/Systems/529QB9450R6")).isNull();
    }

    @Test
    void virtualMediaOfEachMockup() throws Exception {
        BmcEndpoint hpe = serve(Mockups.HPE);
        assertThat(connector.virtualMedia(hpe, "/redfish/v1/Systems/1"))
                .extracting(VirtualMediaSlot::id, VirtualMediaSlot::mediaTypes, VirtualMediaSlot::image,
                        VirtualMediaSlot::inserted)
                .containsExactly(tuple("1", List.of("Floppy", "USBStick"), null, false),
                        tuple("2", List.of("CD", "DVD"), null, false));
        BmcEndpoint rack = serve(Mockups.RACKMOUNT);
        // the BMC manager has no VirtualMedia: the System's slots
        assertThat(connector.virtualMedia(rack, "/redfish/v1/Systems/437XR1138R2"))
                .extracting(VirtualMediaSlot::id, VirtualMediaSlot::mediaTypes, VirtualMediaSlot::image,
                        VirtualMediaSlot::inserted)
                .containsExactly(tuple("Floppy1", List.of("Floppy", "USBStick"),
                                "https://www.dmtf.org/freeImages/Sardine.img", true),
                        tuple("CD1", List.of("CD", "DVD"), "redfish.dmtf.org/freeImages/freeOS.1.1.iso", true));
        BmcEndpoint dell = serve(Mockups.DELL);
        assertThat(connector.virtualMedia(dell, "/redfish/v1/Systems/System.Embedded.1"))
                .extracting(VirtualMediaSlot::uri)
                .containsExactly("/redfish/v1/Systems/System.Embedded.1/VirtualMedia/1",
                        "/redfish/v1/Systems/System.Embedded.1/VirtualMedia/2");
        BmcEndpoint bladed = serve(Mockups.BLADED);
        assertThat(connector.virtualMedia(bladed, "/redfish/v1/Systems/529QB9450R6")).isEmpty();
    }

    @Test
    void insertAndEjectWithTheActions() throws Exception {
        BmcEndpoint bmc = serve(Mockups.HPE);
        String slot = "/redfish/v1/Managers/1/VirtualMedia/2";
        String iso = "http://boot.example/ubuntu-24.04.iso";
        connector.insertMedia(bmc, slot, iso);
        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().contains("VirtualMedia"))
                .singleElement().satisfies(c -> {
                    assertThat(c.path()).isEqualTo(slot + "/Actions/VirtualMedia.InsertMedia");
                    assertThat(c.body()).isEqualTo("{\"Image\":\"" + iso + "\",\"Inserted\":true,\"WriteProtected\":true}");
                });
        connector.insertMedia(bmc, slot, iso); // already there
        assertThat(connector.virtualMedia(bmc, "/redfish/v1/Systems/1")).filteredOn(s -> s.uri().equals(slot))
                .singleElement().satisfies(s -> {
                    assertThat(s.inserted()).isTrue();
                    assertThat(s.image()).isEqualTo(iso);
                });

        connector.ejectMedia(bmc, slot);
        connector.ejectMedia(bmc, slot); // already empty
        assertThat(MockupRedfishServer.paths(server.calls())).filteredOn(p -> p.startsWith("POST " + slot))
                .containsExactly("POST " + slot + "/Actions/VirtualMedia.InsertMedia",
                        "POST " + slot + "/Actions/VirtualMedia.EjectMedia");
    }

    @Test
    void insertAndEjectByPatchWhenTheSlotHasNoActions() throws Exception {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        server.requireIfMatch = true;
        String slot = "/redfish/v1/Systems/437XR1138R2/VirtualMedia/CD1";
        String iso = "https://boot.example/rocky-9.iso";
        connector.insertMedia(bmc, slot, iso);

        // another image was inserted: ejected first, then inserted, both by PATCH with If-Match
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH"))
                .extracting(MockupRedfishServer.Call::body)
                .containsExactly("{\"Image\":null,\"Inserted\":false}",
                        "{\"Image\":\"" + iso + "\",\"Inserted\":true}");
        assertThat(server.calls()).filteredOn(c -> c.method().equals("PATCH"))
                .allSatisfy(c -> assertThat(c.headers().get("If-Match")).isNotBlank());
        connector.ejectMedia(bmc, slot);
        assertThat(connector.virtualMedia(bmc, "/redfish/v1/Systems/437XR1138R2"))
                .filteredOn(s -> s.id().equals("CD1")).singleElement()
                .satisfies(s -> assertThat(s.inserted()).isFalse());
    }
}
