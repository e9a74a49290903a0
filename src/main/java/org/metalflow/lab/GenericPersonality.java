package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.metalflow.lab.MachineSpec.CpuModel;
import org.metalflow.lab.MachineSpec.DriveSpec;
import org.metalflow.lab.MachineSpec.FirmwareSpec;
import org.metalflow.lab.MachineSpec.NicSpec;
import org.metalflow.lab.MachineSpec.ServerModel;

/** A plain DMTF-style BMC after the public-rackmount1 mockup ("Contoso"), with standard Storage. */
final class GenericPersonality implements VendorPersonality {

    private static final List<CpuModel> XEON = List.of(
            new CpuModel("Multi-Core Intel(R) Xeon(R) processor 7xxx Series", "Intel(R) Corporation", 8, 16, 3700),
            new CpuModel("Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz", "Intel(R) Corporation", 28, 56, 3100));
    private static final List<ServerModel> MODELS = List.of(
            new ServerModel("3500", "8675309", 2, XEON),
            new ServerModel("1200", "8675310", 1, XEON));
    private static final List<DriveSpec> DRIVES = List.of(
            new DriveSpec("SSD", "SATA", 960_197_124_096L, "Contoso SSD 960G", "Contoso", "", "1.2"),
            new DriveSpec("SSD", "NVMe", 3_840_755_982_336L, "Contoso NVMe 3.84T", "Contoso", "", "2.0"),
            new DriveSpec("HDD", "SAS", 2_400_476_553_216L, "Contoso HDD 2.4T 10K", "Contoso", "", "C1"),
            new DriveSpec("HDD", "SATA", 12_000_138_625_024L, "Contoso HDD 12T", "Contoso", "", "C3"));

    @Override
    public String manufacturer() {
        return "Contoso";
    }

    @Override
    public String defaultUsername() {
        return "admin";
    }

    @Override
    public List<ServerModel> models() {
        return MODELS;
    }

    @Override
    public String serialNumber(int index, long seed) {
        return UniqueCodes.code("DDDLLDDDDLD", index, seed);
    }

    @Override
    public String sku(int index, long seed, ServerModel model) {
        return model.sku();
    }

    /** Name-based, with the fleet position in the last 32 bits so no two machines can share one. */
    @Override
    public String uuid(int index, long seed, String serialNumber, String sku) {
        UUID named = UUID.nameUUIDFromBytes(("metalflow-lab:" + seed + ":" + serialNumber).getBytes(StandardCharsets.UTF_8));
        long low = (named.getLeastSignificantBits() & 0xFFFFFFFF00000000L) | (index & 0xFFFFFFFFL);
        return new UUID(named.getMostSignificantBits(), low).toString();
    }

    @Override
    public NicSpec nic(int position, String mac, boolean linkUp, SplittableRandom random) {
        String id = mac.replace(":", "").toUpperCase(Locale.ROOT);
        return new NicSpec(id, mac, linkUp, linkUp ? 10_000 : 0, "System NIC " + (position + 1));
    }

    @Override
    public DriveSpec drive(int index, int position, long seed, SplittableRandom random) {
        DriveSpec model = DRIVES.get(random.nextInt(DRIVES.size()));
        return new DriveSpec(model.mediaType(), model.protocol(), model.capacityBytes(), model.model(),
                model.manufacturer(), UniqueCodes.code("CTDDDDLLDDDD", index * 8L + position, seed), model.revision());
    }

    @Override
    public String biosVersion(ServerModel model, SplittableRandom random) {
        return "P79 v1." + (40 + random.nextInt(20)) + " (12/06/2017)";
    }

    @Override
    public List<FirmwareSpec> firmware(String biosVersion, List<NicSpec> nics, List<DriveSpec> drives, SplittableRandom random) {
        List<FirmwareSpec> firmware = new ArrayList<>();
        firmware.add(new FirmwareSpec("BMC", "Contoso BMC Firmware", "1.45.455b66-rev" + random.nextInt(10), "BMC firmware"));
        firmware.add(new FirmwareSpec("BIOS", "Contoso BIOS Firmware", biosVersion.substring(0, biosVersion.indexOf(" (")), "BIOS firmware"));
        firmware.add(new FirmwareSpec("SS", "Contoso Storage Controller Firmware", "2.50", "Storage controller firmware"));
        if (random.nextBoolean()) {
            firmware.add(new FirmwareSpec("AC-RoT0", "AC-RoT0 firmware", "1.11", "Root of trust firmware"));
        }
        return firmware;
    }

    @Override
    public String vendorName() {
        return "Contoso";
    }

    @Override
    public String product(MachineSpec spec) {
        return "Contoso " + spec.model().name();
    }

    @Override
    public String redfishVersion() {
        return "1.15.0";
    }

    @Override
    public void protocolFeatures(ObjectNode features) {
        features.put("SelectQuery", false);
        features.put("FilterQuery", false);
        features.put("OnlyMemberQuery", false);
        features.put("ExcerptQuery", false);
    }

    @Override
    public boolean writesOdataContext() {
        return false;
    }

    @Override
    public boolean writesOdataEtag() {
        return false;
    }

    @Override
    public boolean caseInsensitiveUris() {
        return false;
    }

    @Override
    public String systemId(MachineSpec spec) {
        return spec.serialNumber();
    }

    @Override
    public String managerId() {
        return "BMC";
    }

    @Override
    public String chassisId(MachineSpec spec) {
        return spec.model().name().equals("1200") ? "1U" : "2U";
    }

    @Override
    public String cpuId(int socket) {
        return "CPU" + socket;
    }

    @Override
    public String dimmId(int socket, int slot) {
        return "DIMM" + socket + slot;
    }

    @Override
    public List<StorageGroup> storage(MachineSpec spec) {
        List<PlacedDrive> placed = new ArrayList<>();
        for (int i = 0; i < spec.drives().size(); i++) {
            placed.add(new PlacedDrive(Integer.toString(i), spec.drives().get(i)));
        }
        return List.of(new StorageGroup("1", "Local Storage Controller", "Contoso Integrated RAID", "2.50",
                List.of("PCIe"), List.of("SAS", "SATA", "NVMe"), placed, false,
                List.of("RAID0", "RAID1", "RAID5", "RAID10")));
    }

    @Override
    public List<String> bootTargets() {
        return List.of("None", "Pxe", "Cd", "Usb", "Hdd", "BiosSetup", "Utilities", "Diags", "SDCard", "UefiTarget");
    }

    @Override
    public List<String> resetTypes() {
        return List.of("On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "Nmi", "ForceOn", "PushPowerButton");
    }

    @Override
    public List<String> managerResetTypes() {
        return List.of("ForceRestart", "GracefulRestart");
    }

    @Override
    public String formatMac(String mac) {
        return mac.toUpperCase(Locale.ROOT);
    }

    @Override
    public String managerModel() {
        return "Joo Janta 200";
    }

    @Override
    public String managerFirmwareVersion(MachineSpec spec) {
        return spec.firmware().get(0).version();
    }

    @Override
    public String sessionId(String username, long sequence) {
        return String.format(Locale.ROOT, "%016X", sequence);
    }

    @Override
    public long reportedSessionTimeout(long idleTimeoutSeconds) {
        return idleTimeoutSeconds;
    }

    @Override
    public Map<String, Object> biosAttributes(MachineSpec spec) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("AdminPhone", "");
        attributes.put("BootMode", "Uefi");
        attributes.put("EmbeddedSata", "Raid");
        attributes.put("NicBoot1", "NetworkBoot");
        attributes.put("NicBoot2", "Disabled");
        attributes.put("PowerProfile", "MaxPerf");
        attributes.put("ProcCoreDisable", 0);
        attributes.put("ProcHyperthreading", "Enabled");
        attributes.put("ProcTurboMode", "Enabled");
        attributes.put("ProcVirtualization", "Enabled");
        attributes.put("SriovEnable", "Disabled");
        attributes.put("UsbControl", "UsbEnabled");
        attributes.put("QuietBoot", true);
        attributes.put("SerialNumber", spec.serialNumber());
        return attributes;
    }

    private static final List<BiosAttribute> BIOS_ATTRIBUTES = List.of(
            BiosAttribute.string("AdminPhone", "Admin Phone Number", 20),
            BiosAttribute.enumeration("BootMode", "Boot Mode", "Uefi", "LegacyBios"),
            BiosAttribute.enumeration("EmbeddedSata", "Embedded SATA", "Raid", "Ahci", "Off"),
            BiosAttribute.enumeration("NicBoot1", "NIC Boot 1", "NetworkBoot", "Disabled"),
            BiosAttribute.enumeration("NicBoot2", "NIC Boot 2", "NetworkBoot", "Disabled"),
            BiosAttribute.enumeration("PowerProfile", "Power Profile", "MaxPerf", "Balanced", "PowerSaver"),
            BiosAttribute.integer("ProcCoreDisable", "Disabled Cores per Processor", 0, 24),
            BiosAttribute.enumeration("ProcHyperthreading", "Hyper-Threading", "Enabled", "Disabled"),
            BiosAttribute.enumeration("ProcTurboMode", "Turbo Mode", "Enabled", "Disabled"),
            BiosAttribute.enumeration("ProcVirtualization", "Virtualization Technology", "Enabled", "Disabled"),
            BiosAttribute.enumeration("SriovEnable", "SR-IOV", "Enabled", "Disabled"),
            BiosAttribute.enumeration("UsbControl", "USB Control", "UsbEnabled", "UsbDisabled"),
            BiosAttribute.bool("QuietBoot", "Quiet Boot"),
            BiosAttribute.string("SerialNumber", "System Serial Number", 16).asReadOnly());

    @Override
    public BiosRegistry biosRegistry(MachineSpec spec, String systemUri) {
        String id = "BiosAttributeRegistry" + spec.biosVersion().split(" ")[0] + ".v1_0_0";
        return new BiosRegistry(id, "Contoso", "1.0.0", "/redfish/v1/Registries/" + id + "/" + id + ".json",
                BIOS_ATTRIBUTES);
    }

    @Override
    public List<String> biosApplyTimes() {
        return List.of("OnReset");
    }

    @Override
    public String volumeId(StorageGroup group, int number) {
        return Integer.toString(number + 1);
    }

    @Override
    public String taskId(long sequence, long nowMillis) {
        return Long.toString(sequence);
    }

    @Override
    public List<String> transferProtocols() {
        return List.of("HTTP", "HTTPS");
    }

    @Override
    public String updatedBiosVersion(MachineSpec spec, String imageVersion) {
        return spec.biosVersion().split(" ")[0] + " v" + imageVersion + " (01/15/2025)";
    }

    @Override
    public String biosFirmwareVersion(String biosVersion) {
        int date = biosVersion.indexOf(" (");
        return date < 0 ? biosVersion : biosVersion.substring(0, date);
    }

    @Override
    public List<MediaSlotSpec> virtualMedia() {
        return List.of(new MediaSlotSpec("CD1", "Virtual CD", List.of("CD", "DVD"), "Cd"),
                new MediaSlotSpec("USB1", "Virtual USB", List.of("USBStick"), "Usb"));
    }

    @Override
    public String secureBootMode() {
        return "DeployedMode";
    }

    @Override
    public void decorateSystem(ObjectNode system, MachineSpec spec) {
        system.put("SKU", spec.sku());
        system.put("SystemType", "Physical");
    }
}
