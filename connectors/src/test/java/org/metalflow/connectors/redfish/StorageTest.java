package org.metalflow.connectors.redfish;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Storage with SimpleStorage fallback, volumes, volume creation and deletion, Drive.SecureErase. */
class StorageTest extends MockupConnectorTest {

    private static final String DELL_CPU1 = "/redfish/v1/Systems/System.Embedded.1/Storage/CPU.1";
    private static final String HPE_SR = "/redfish/v1/Systems/1/Storage/DE081000";

    @Test
    void dellStorageAndVolumes() throws Exception {
        BmcEndpoint bmc = serve(Mockups.DELL);
        List<StorageController> storage = connector.storage(bmc, "/redfish/v1/Systems/System.Embedded.1");
        assertThat(storage).extracting(StorageController::id)
                .containsExactlyInAnyOrder("CPU.1", "AHCI.Embedded.1-1", "AHCI.Embedded.2-1");
        assertThat(storage).allSatisfy(s -> assertThat(s.supportedRaidTypes()).isEmpty());
        assertThat(storage).filteredOn(s -> s.id().equals("CPU.1")).singleElement().satisfies(s -> {
            assertThat(s.driveUris()).hasSize(3);
            assertThat(s.volumesUri()).isEqualTo(DELL_CPU1 + "/Volumes");
        });

        assertThat(connector.volumes(bmc, "/redfish/v1/Systems/System.Embedded.1"))
                .extracting(Volume::id, Volume::raidType, Volume::capacityBytes)
                .containsExactlyInAnyOrder(
                        tuple("Disk.Bay.0:Enclosure.Internal.0-1", "RawDevice", 1_920_383_410_176L),
                        tuple("Disk.Bay.1:Enclosure.Internal.0-1", "RawDevice", 1_920_383_410_176L),
                        tuple("Disk.Bay.2:Enclosure.Internal.0-1", "RawDevice", 1_920_383_410_176L));
    }

    @Test
    void hpeStorageRaidTypesComeFromTheControllersCollection() throws Exception {
        BmcEndpoint bmc = serve(Mockups.HPE);
        List<StorageController> storage = connector.storage(bmc, "/redfish/v1/Systems/1");
        assertThat(storage).hasSize(17);
        assertThat(storage).filteredOn(s -> s.id().equals("DE081000")).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("HPE Smart Array P408i-p SR Gen10");
            assertThat(s.supportedRaidTypes()).containsExactly("RAID0", "RAID1", "RAID10", "RAID5", "RAID50",
                    "RAID6", "RAID60", "RAID1Triple", "RAID10Triple");
            assertThat(s.driveUris()).containsExactly(HPE_SR + "/Drives/0", HPE_SR + "/Drives/1");
        });
        // NVMe subsystems embed their controller (no RAID) and have no Volumes
        assertThat(storage).filteredOn(s -> s.id().startsWith("DA")).hasSize(16)
                .allSatisfy(s -> assertThat(s.volumesUri()).isNull());
        assertThat(connector.volumes(bmc, "/redfish/v1/Systems/1")).containsExactly(new Volume(HPE_SR + "/Volumes/1",
                "1", "SR Volume 1", "RAID1", 480_070_426_624L, List.of(HPE_SR + "/Drives/0", HPE_SR + "/Drives/1")));
    }

    @Test
    void simpleStorageWhenThereIsNoStorage() throws Exception {
        BmcEndpoint bmc = serve(Mockups.RACKMOUNT);
        assertThat(connector.storage(bmc, "/redfish/v1/Systems/437XR1138R2"))
                .containsExactly(new StorageController("/redfish/v1/Systems/437XR1138R2/SimpleStorage/1", "1",
                        "Simple Storage Controller", List.of(), List.of(), null));
        assertThat(connector.volumes(bmc, "/redfish/v1/Systems/437XR1138R2")).isEmpty();
    }

    @Test
    void hpeVolumeIsCreatedWithRaidTypeAndDeleted() throws Exception {
        BmcEndpoint bmc = serve(Mockups.HPE);
        VolumeRequest request = new VolumeRequest("os", "RAID1", List.of(HPE_SR + "/Drives/0", HPE_SR + "/Drives/1"),
                null);
        assertThat(connector.createVolume(bmc, HPE_SR, request)).isEmpty();
        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("/Volumes"))
                .singleElement().satisfies(c -> assertThat(c.body()).isEqualTo("{\"Name\":\"os\",\"RAIDType\":"
                        + "\"RAID1\",\"Links\":{\"Drives\":[{\"@odata.id\":\"" + HPE_SR + "/Drives/0\"},"
                        + "{\"@odata.id\":\"" + HPE_SR + "/Drives/1\"}]}}"));
        List<Volume> volumes = connector.volumes(bmc, "/redfish/v1/Systems/1");
        assertThat(volumes).hasSize(2);
        Volume created = volumes.stream().filter(v -> "os".equals(v.name())).findFirst().orElseThrow();
        assertThat(created.raidType()).isEqualTo("RAID1");

        assertThat(connector.deleteVolume(bmc, created.uri())).isEmpty();
        assertThat(connector.volumes(bmc, "/redfish/v1/Systems/1")).extracting(Volume::id).containsExactly("1");
        assertThat(connector.deleteVolume(bmc, created.uri())).as("already gone: not an error").isEmpty();
    }

    @Test
    void unsupportedRaidTypeIsRefusedBeforeSending() throws Exception {
        BmcEndpoint bmc = serve(Mockups.HPE);
        RedfishException e = catchThrowableOfType(() -> connector.createVolume(bmc, HPE_SR,
                new VolumeRequest("x", "RAID5E", List.of(HPE_SR + "/Drives/0"), null)), RedfishException.class);
        assertThat(e.getMessage()).contains("does not support RAID5E; supported: RAID0, RAID1");
        assertThat(server.calls()).noneMatch(c -> c.method().equals("POST") && c.path().endsWith("/Volumes"));
    }

    @Test
    void dellVolumeCreationAsksForOnResetAndReturnsTheTask() throws Exception {
        BmcEndpoint bmc = serve(Mockups.DELL);
        server.taskPolls = 1;
        Optional<TaskStatus> task = connector.createVolume(bmc, DELL_CPU1, new VolumeRequest("data", "RAID0",
                List.of(DELL_CPU1 + "/Drives/Disk.Bay.0:Enclosure.Internal.0-1"), 1_000_000_000L));

        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("/Volumes"))
                .singleElement().satisfies(c -> assertThat(c.body()).contains("\"CapacityBytes\":1000000000",
                        "\"@Redfish.OperationApplyTime\":\"OnReset\"", "\"RAIDType\":\"RAID0\""));
        assertThat(task).get().satisfies(t -> {
            assertThat(t.state()).isEqualTo("Running");
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        });
        assertThat(connector.task(bmc, task.get().uri()).done()).isFalse();
        assertThat(connector.task(bmc, task.get().uri()).succeeded()).isTrue();
    }

    @Test
    void legacyServicesGetVolumeType() throws Exception {
        BmcEndpoint bmc = serve(Mockups.DELL);
        // the first member as a service older than Volume 1.3.1 shows it: no RAIDType property at all
        String volume = DELL_CPU1 + "/Volumes/Disk.Bay.2:Enclosure.Internal.0-1";
        server.put(volume, """
                {"@odata.id": "%s", "Id": "Disk.Bay.2:Enclosure.Internal.0-1", "VolumeType": "RawDevice"}"""
                .formatted(volume));
        connector.createVolume(bmc, DELL_CPU1, new VolumeRequest("m", "RAID1", List.of(DELL_CPU1 + "/Drives/a",
                DELL_CPU1 + "/Drives/b"), null));
        assertThat(server.calls()).filteredOn(c -> c.method().equals("POST") && c.path().endsWith("/Volumes"))
                .singleElement().satisfies(c -> assertThat(c.body()).contains("\"VolumeType\":\"Mirrored\"")
                        .doesNotContain("RAIDType"));
    }

    @Test
    void secureEraseUsesTheDriveAction() throws Exception {
        BmcEndpoint bmc = serve(Mockups.DELL);
        String drive = DELL_CPU1 + "/Drives/Disk.Bay.1:Enclosure.Internal.0-1";
        assertThat(connector.secureErase(bmc, drive)).isEmpty();
        server.taskPolls = 0;
        assertThat(connector.secureErase(bmc, drive)).get()
                .satisfies(t -> assertThat(connector.task(bmc, t.uri()).succeeded()).isTrue());
        assertThat(server.count("POST", drive + "/Actions/Drive.SecureErase")).isEqualTo(2);

        BmcEndpoint hpe = serve(Mockups.HPE);
        RedfishException e = catchThrowableOfType(() -> connector.secureErase(hpe, HPE_SR + "/Drives/0"),
                RedfishException.class);
        assertThat(e.getMessage()).endsWith("drive " + HPE_SR + "/Drives/0 offers no Drive.SecureErase action");
    }
}
