package org.metalflow.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalflow.connectors.redfish.StorageController;
import org.metalflow.connectors.redfish.Volume;
import org.metalflow.inventory.Hardware;
import org.metalflow.profile.HardwareProfile.VolumeSpec;

class RaidPlanTest {

    private static final String S = "/redfish/v1/Systems/1/Storage/RAID.1";
    private static final StorageController RAID = new StorageController(S, "RAID.1", "PERC",
            List.of("RAID0", "RAID1", "RAID10"), List.of(S + "/Drives/d1", S + "/Drives/d2", S + "/Drives/d3",
            S + "/Drives/d4"), S + "/Volumes");
    private static final List<Hardware.Drive> DRIVES = List.of(
            drive("d1", 960, "SSD"), drive("d2", 480, "SSD"), drive("d3", 480, "SSD"), drive("d4", 4000, "HDD"));

    @Test
    void createsAMissingVolumeOnTheSmallestFreeDrivesOfTheWantedMedia() {
        var step = RaidPlan.next(List.of(new VolumeSpec("os", "RAID1", 2, "SSD")), List.of(), List.of(RAID), DRIVES);

        assertThat(step).get().isInstanceOfSatisfying(RaidPlan.Create.class, c -> {
            assertThat(c.storageUri()).isEqualTo(S);
            assertThat(c.request().raidType()).isEqualTo("RAID1");
            assertThat(c.request().driveUris()).containsExactly(S + "/Drives/d2", S + "/Drives/d3");
        });
    }

    @Test
    void removesVolumesTheProfileDoesNotDescribeFirst() {
        Volume stray = new Volume(S + "/Volumes/v9", "v9", "scratch", "RAID0", 1L, List.of(S + "/Drives/d4"));
        var step = RaidPlan.next(List.of(new VolumeSpec("os", "RAID1", 2, "SSD")), List.of(stray), List.of(RAID), DRIVES);

        assertThat(step).get().isEqualTo(new RaidPlan.Delete(stray));
    }

    @Test
    void replacesAVolumeOfTheWrongShapeAndIsDoneWhenTheLayoutMatches() {
        Volume wrong = new Volume(S + "/Volumes/v1", "v1", "os", "RAID0", 1L, List.of(S + "/Drives/d2"));
        assertThat(RaidPlan.next(List.of(new VolumeSpec("os", "RAID1", 2, "SSD")), List.of(wrong), List.of(RAID), DRIVES))
                .get().isInstanceOf(RaidPlan.Delete.class);

        Volume right = new Volume(S + "/Volumes/v1", "v1", "os", "RAID1", 1L, List.of(S + "/Drives/d2", S + "/Drives/d3"));
        assertThat(RaidPlan.next(List.of(new VolumeSpec("os", "RAID1", 2, "SSD")), List.of(right), List.of(RAID), DRIVES))
                .isEmpty();
    }

    @Test
    void saysWhyAVolumeCannotBeBuilt() {
        assertThatThrownBy(() -> RaidPlan.next(List.of(new VolumeSpec("data", "RAID5", 3, "HDD")), List.of(),
                List.of(RAID), DRIVES))
                .isInstanceOf(RaidPlan.Impossible.class)
                .hasMessageContaining("RAID.1 (no RAID5)");
        assertThatThrownBy(() -> RaidPlan.next(List.of(new VolumeSpec("data", "RAID1", 2, "HDD")), List.of(),
                List.of(RAID), DRIVES))
                .hasMessageContaining("RAID.1 (1 free HDD drives)");
    }

    private static Hardware.Drive drive(String id, long gb, String media) {
        return new Hardware.Drive(id, id, gb * 1_000_000_000L, media, "SAS", "m", "s-" + id);
    }
}
