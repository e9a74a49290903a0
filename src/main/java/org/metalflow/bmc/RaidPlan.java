package org.metalflow.bmc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.metalflow.connectors.redfish.StorageController;
import org.metalflow.connectors.redfish.Volume;
import org.metalflow.connectors.redfish.VolumeRequest;
import org.metalflow.inventory.Hardware;
import org.metalflow.profile.HardwareProfile;

/**
 * The next single change that moves a machine's volumes toward its profile: first remove a volume the profile
 * does not describe (or describes differently), then create a missing one on the smallest free drives of the
 * wanted media type. Empty when the layout matches. One change at a time keeps each step repeatable.
 */
final class RaidPlan {

    sealed interface Step permits Delete, Create {
    }

    record Delete(Volume volume) implements Step {
    }

    record Create(String storageUri, VolumeRequest request) implements Step {
    }

    static final class Impossible extends RuntimeException {
        Impossible(String message) {
            super(message);
        }
    }

    private RaidPlan() {
    }

    static Optional<Step> next(List<HardwareProfile.VolumeSpec> wanted, List<Volume> volumes,
                               List<StorageController> controllers, List<Hardware.Drive> drives) {
        Map<String, HardwareProfile.VolumeSpec> byName = wanted.stream()
                .collect(Collectors.toMap(HardwareProfile.VolumeSpec::name, Function.identity()));
        for (Volume volume : volumes) {
            HardwareProfile.VolumeSpec spec = byName.get(volume.name());
            if (spec == null || !spec.raidType().equals(volume.raidType())
                    || volume.driveUris().size() != spec.drives()) {
                return Optional.of(new Delete(volume));
            }
        }
        Set<String> present = volumes.stream().map(Volume::name).collect(Collectors.toSet());
        for (HardwareProfile.VolumeSpec spec : wanted) {
            if (!present.contains(spec.name())) {
                return Optional.of(create(spec, volumes, controllers, drives));
            }
        }
        return Optional.empty();
    }

    private static Create create(HardwareProfile.VolumeSpec spec, List<Volume> volumes,
                                 List<StorageController> controllers, List<Hardware.Drive> drives) {
        Set<String> used = new HashSet<>();
        volumes.forEach(v -> used.addAll(v.driveUris()));
        Map<String, Hardware.Drive> facts = drives.stream().filter(d -> d.id() != null)
                .collect(Collectors.toMap(Hardware.Drive::id, Function.identity(), (a, b) -> a));
        List<String> tried = new ArrayList<>();
        for (StorageController controller : controllers) {
            if (controller.volumesUri() == null || !controller.supportedRaidTypes().contains(spec.raidType())) {
                tried.add(controller.id() + " (no " + spec.raidType() + ")");
                continue;
            }
            List<String> free = controller.driveUris().stream()
                    .filter(uri -> !used.contains(uri))
                    .filter(uri -> spec.mediaType() == null || spec.mediaType().equalsIgnoreCase(mediaOf(uri, facts)))
                    .sorted(Comparator.comparingLong(uri -> capacityOf(uri, facts)))
                    .toList();
            if (free.size() >= spec.drives()) {
                return new Create(controller.uri(), new VolumeRequest(spec.name(), spec.raidType(),
                        free.subList(0, spec.drives()), null));
            }
            tried.add(controller.id() + " (" + free.size() + " free " + (spec.mediaType() == null ? "" : spec.mediaType() + " ")
                    + "drives)");
        }
        throw new Impossible("no storage controller can build volume " + spec.name() + " (" + spec.raidType() + " of "
                + spec.drives() + (spec.mediaType() == null ? "" : " " + spec.mediaType()) + " drives); tried "
                + (tried.isEmpty() ? "none: the system has no storage controller" : String.join(", ", tried)));
    }

    private static String lastSegment(String uri) {
        String trimmed = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String mediaOf(String uri, Map<String, Hardware.Drive> facts) {
        Hardware.Drive drive = facts.get(lastSegment(uri));
        return drive == null ? null : drive.mediaType();
    }

    private static long capacityOf(String uri, Map<String, Hardware.Drive> facts) {
        Hardware.Drive drive = facts.get(lastSegment(uri));
        return drive == null || drive.capacityBytes() == null ? Long.MAX_VALUE : drive.capacityBytes();
    }
}
