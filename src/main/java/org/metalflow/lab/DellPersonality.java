package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.metalflow.lab.MachineSpec.CpuModel;
import org.metalflow.lab.MachineSpec.DriveSpec;
import org.metalflow.lab.MachineSpec.FirmwareSpec;
import org.metalflow.lab.MachineSpec.NicSpec;
import org.metalflow.lab.MachineSpec.ServerModel;

/** Dell PowerEdge with iDRAC9, after the R750 / iDRAC 6.00 capture. */
final class DellPersonality implements VendorPersonality {

    private static final List<CpuModel> XEON = List.of(
            new CpuModel("Intel(R) Xeon(R) Gold 6354 CPU @ 3.00GHz", "Intel", 18, 36, 4000),
            new CpuModel("Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz", "Intel", 16, 32, 4000),
            new CpuModel("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "Intel", 32, 64, 4000),
            new CpuModel("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", "Intel", 40, 80, 4000));
    private static final List<ServerModel> MODELS = List.of(
            new ServerModel("PowerEdge R750", "", 2, XEON),
            new ServerModel("PowerEdge R650", "", 2, XEON),
            new ServerModel("PowerEdge R450", "", 2, XEON.subList(0, 2)));
    private static final List<DriveSpec> DRIVES = List.of(
            new DriveSpec("SSD", "SATA", 480_103_981_056L, "MZ7L3480HCHQAD3", "SAMSUNG", "", "JXTC404Q"),
            new DriveSpec("SSD", "SATA", 960_197_124_096L, "MZ7L3960HCJRAD3", "SAMSUNG", "", "JXTC404Q"),
            new DriveSpec("SSD", "SAS", 1_920_383_410_176L, "KPM6XRUG1T92", "KIOXIA", "", "BD48"),
            new DriveSpec("SSD", "SAS", 3_840_755_982_336L, "KPM6XRUG3T84", "KIOXIA", "", "BD48"),
            new DriveSpec("HDD", "SAS", 1_200_243_695_616L, "ST1200MM0129", "SEAGATE", "", "ST31"),
            new DriveSpec("HDD", "SAS", 2_400_476_553_216L, "ST2400MM0129", "SEAGATE", "", "ST31"),
            new DriveSpec("HDD", "SATA", 4_000_787_030_016L, "ST4000NM000A-2HZ100", "SEAGATE", "", "CNA2"),
            new DriveSpec("HDD", "SATA", 8_001_563_222_016L, "ST8000NM000A-2KE101", "SEAGATE", "", "CNA2"));
    private static final String[] NIC_IDS = {
        "NIC.Integrated.1-1-1", "NIC.Integrated.1-2-1", "NIC.Embedded.1-1-1", "NIC.Embedded.2-1-1"};
    private static final String[] IDRAC_VERSIONS = {"6.00.30.00", "6.10.30.00", "7.00.00.173"};
    private static final String STORAGE_ID = "RAID.Integrated.1-1";

    @Override
    public String manufacturer() {
        return "Dell Inc.";
    }

    @Override
    public String defaultUsername() {
        return "root";
    }

    @Override
    public List<ServerModel> models() {
        return MODELS;
    }

    /** The system's SerialNumber on iDRAC is the board serial; the service tag is in SKU. */
    @Override
    public String serialNumber(int index, long seed) {
        return UniqueCodes.code("CNLLLDDDDLDDDD", index, seed);
    }

    /** The service tag. */
    @Override
    public String sku(int index, long seed, ServerModel model) {
        return UniqueCodes.code("AAAAAAA", index, seed);
    }

    /** Dell derives the SMBIOS UUID from the service tag ("DELL" in the first four bytes). */
    @Override
    public String uuid(int index, long seed, String serialNumber, String serviceTag) {
        byte[] t = serviceTag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return String.format(Locale.ROOT, "4c4c4544-00%02x-%02x10-80%02x-%02xc04f%02x%02x%02x",
                t[1], t[2], t[3], t[0] | 0x80, t[4], t[5], t[6]);
    }

    @Override
    public NicSpec nic(int position, String mac, boolean linkUp, SplittableRandom random) {
        boolean integrated = position < 2;
        String description = integrated
                ? "Integrated NIC 1 Port " + (position + 1) + " Partition 1"
                : "Embedded NIC " + (position - 1) + " Port 1 Partition 1";
        int speed = integrated ? 25_000 : 1_000;
        return new NicSpec(NIC_IDS[position], mac, linkUp, linkUp ? speed : 0, description);
    }

    @Override
    public DriveSpec drive(int index, int position, long seed, SplittableRandom random) {
        DriveSpec model = DRIVES.get(random.nextInt(DRIVES.size()));
        String serial = UniqueCodes.code(model.mediaType().equals("SSD") ? "SDLLDDAAAAAA" : "WDLLAAAA", index * 8L + position, seed);
        return new DriveSpec(model.mediaType(), model.protocol(), model.capacityBytes(), model.model(),
                model.manufacturer(), serial, model.revision());
    }

    @Override
    public String biosVersion(ServerModel model, SplittableRandom random) {
        return "1." + (6 + random.nextInt(8)) + "." + random.nextInt(4);
    }

    @Override
    public List<FirmwareSpec> firmware(String biosVersion, List<NicSpec> nics, List<DriveSpec> drives, SplittableRandom random) {
        String idrac = IDRAC_VERSIONS[random.nextInt(IDRAC_VERSIONS.length)];
        List<FirmwareSpec> firmware = new ArrayList<>();
        firmware.add(installed("25227", idrac, "iDRAC.Embedded.1-1", "Integrated Dell Remote Access Controller"));
        firmware.add(installed("159", biosVersion, "BIOS.Setup.1-1", "BIOS"));
        firmware.add(installed("28897", idrac, "USC.Embedded.1:LC.Embedded.1", "Lifecycle Controller"));
        List<FirmwareSpec> optional = List.of(
                installed("27763", "1.0." + (5 + random.nextInt(3)), "CPLD.Embedded.1", "System CPLD"),
                installed("107649", random.nextBoolean() ? "3.48" : "4.35", "RAID.Backplane.Firmware.1", "Backplane 1"),
                installed("108089", "21.80.16.95", nics.get(0).id(),
                        "Broadcom Adv. Dual 25Gb Ethernet - " + formatMac(nics.get(0).mac())));
        int extra = random.nextInt(optional.size() + 1);
        firmware.addAll(optional.subList(0, extra));
        return firmware;
    }

    private static FirmwareSpec installed(String softwareId, String version, String component, String name) {
        return new FirmwareSpec("Installed-" + softwareId + "-" + version + "__" + component, name, version,
                "Represents Firmware Inventory");
    }

    @Override
    public String vendorName() {
        return "Dell";
    }

    @Override
    public String product(MachineSpec spec) {
        return "Integrated Dell Remote Access Controller";
    }

    @Override
    public String redfishVersion() {
        return "1.13.1";
    }

    @Override
    public void protocolFeatures(ObjectNode features) {
        ObjectNode deep = features.putObject("DeepOperations");
        deep.put("DeepPATCH", false);
        deep.put("DeepPOST", false);
        features.put("ExcerptQuery", false);
        features.put("FilterQuery", false);
        features.put("OnlyMemberQuery", false);
        features.put("SelectQuery", false);
    }

    @Override
    public boolean writesOdataContext() {
        return true;
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
        return "System.Embedded.1";
    }

    @Override
    public String managerId() {
        return "iDRAC.Embedded.1";
    }

    @Override
    public String chassisId(MachineSpec spec) {
        return "System.Embedded.1";
    }

    @Override
    public String cpuId(int socket) {
        return "CPU.Socket." + socket;
    }

    @Override
    public String dimmId(int socket, int slot) {
        return "DIMM.Socket." + (char) ('A' + socket - 1) + slot;
    }

    @Override
    public List<StorageGroup> storage(MachineSpec spec) {
        List<PlacedDrive> placed = new ArrayList<>();
        for (int bay = 0; bay < spec.drives().size(); bay++) {
            placed.add(new PlacedDrive("Disk.Bay." + bay + ":Enclosure.Internal.0-1:" + STORAGE_ID, spec.drives().get(bay)));
        }
        return List.of(new StorageGroup(STORAGE_ID, "PERC H755 Front (Embedded)", "PERC H755 Front", "52.16.1-4405",
                List.of("PCIe"), List.of("SAS", "SATA"), placed, false,
                List.of("RAID0", "RAID1", "RAID5", "RAID6", "RAID10", "RAID50", "RAID60")));
    }

    @Override
    public List<String> bootTargets() {
        return List.of("None", "Pxe", "Floppy", "Cd", "Hdd", "BiosSetup", "Utilities", "UefiTarget", "SDCard", "UefiHttp");
    }

    @Override
    public List<String> resetTypes() {
        return List.of("On", "ForceOff", "ForceRestart", "GracefulRestart", "GracefulShutdown", "PushPowerButton", "Nmi",
                "PowerCycle");
    }

    @Override
    public List<String> managerResetTypes() {
        return List.of("GracefulRestart");
    }

    @Override
    public String formatMac(String mac) {
        return mac.toUpperCase(Locale.ROOT);
    }

    @Override
    public String managerModel() {
        return "15G Monolithic";
    }

    @Override
    public String managerFirmwareVersion(MachineSpec spec) {
        return spec.firmware().get(0).version();
    }

    @Override
    public String sessionId(String username, long sequence) {
        return Long.toString(sequence);
    }

    @Override
    public long reportedSessionTimeout(long idleTimeoutSeconds) {
        return idleTimeoutSeconds;
    }

    @Override
    public Map<String, Object> biosAttributes(MachineSpec spec) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("BootMode", "Uefi");
        attributes.put("SysProfile", spec.index() % 3 == 0 ? "PerfOptimized" : "PerfPerWattOptimizedDapc");
        attributes.put("LogicalProc", "Enabled");
        attributes.put("ProcVirtualization", "Enabled");
        attributes.put("ProcTurboMode", "Enabled");
        attributes.put("ProcCStates", spec.index() % 3 == 0 ? "Disabled" : "Autonomous");
        attributes.put("ProcCores", "All");
        attributes.put("SubNumaCluster", "Disabled");
        attributes.put("NodeInterleave", "Disabled");
        attributes.put("SriovGlobalEnable", spec.index() % 2 == 0 ? "Enabled" : "Disabled");
        attributes.put("EmbSata", "AhciMode");
        attributes.put("PxeDev1EnDis", "Enabled");
        attributes.put("HttpDev1EnDis", "Disabled");
        attributes.put("BootSeqRetry", "Enabled");
        attributes.put("ErrPrompt", "Enabled");
        attributes.put("MemTest", "Disabled");
        attributes.put("NumLock", "On");
        attributes.put("AcPwrRcvry", "Last");
        attributes.put("AcPwrRcvryUserDelay", 120);
        attributes.put("OsWatchdogTimer", "Disabled");
        attributes.put("TpmSecurity", "On");
        attributes.put("AssetTag", "");
        attributes.put("SystemServiceTag", spec.sku());
        attributes.put("SystemBiosVersion", spec.biosVersion());
        return attributes;
    }

    private static final List<BiosAttribute> BIOS_ATTRIBUTES = List.of(
            BiosAttribute.enumeration("BootMode", "Boot Mode", "Bios", "Uefi"),
            BiosAttribute.enumeration("SysProfile", "System Profile", "PerfPerWattOptimizedDapc", "PerfPerWattOptimizedOs",
                    "PerfOptimized", "Custom"),
            BiosAttribute.enumeration("LogicalProc", "Logical Processor", "Enabled", "Disabled"),
            BiosAttribute.enumeration("ProcVirtualization", "Virtualization Technology", "Enabled", "Disabled"),
            // iDRAC greys these out unless SysProfile is Custom; the lab keeps them read-only throughout
            BiosAttribute.enumeration("ProcTurboMode", "Turbo Boost", "Enabled", "Disabled").asReadOnly(),
            BiosAttribute.enumeration("ProcCStates", "C States", "Enabled", "Disabled", "Autonomous").asReadOnly(),
            BiosAttribute.enumeration("ProcCores", "Number of Cores per Processor", "All", "1", "2", "4", "6", "8", "10",
                    "12", "14", "16"),
            BiosAttribute.enumeration("SubNumaCluster", "Sub NUMA Cluster", "2-Way", "Disabled"),
            BiosAttribute.enumeration("NodeInterleave", "Node Interleaving", "Enabled", "Disabled"),
            BiosAttribute.enumeration("SriovGlobalEnable", "SR-IOV Global Enable", "Enabled", "Disabled"),
            BiosAttribute.enumeration("EmbSata", "Embedded SATA", "AhciMode", "RaidMode", "Off"),
            BiosAttribute.enumeration("PxeDev1EnDis", "PXE Device1", "Enabled", "Disabled"),
            BiosAttribute.enumeration("HttpDev1EnDis", "HTTP Device1", "Enabled", "Disabled"),
            BiosAttribute.enumeration("BootSeqRetry", "Boot Sequence Retry", "Enabled", "Disabled", "Reset"),
            BiosAttribute.enumeration("ErrPrompt", "F1/F2 Prompt on Error", "Enabled", "Disabled"),
            BiosAttribute.enumeration("MemTest", "System Memory Testing", "Enabled", "Disabled"),
            BiosAttribute.enumeration("NumLock", "Keyboard NumLock", "On", "Off"),
            BiosAttribute.enumeration("AcPwrRcvry", "AC Power Recovery", "Last", "On", "Off"),
            BiosAttribute.integer("AcPwrRcvryUserDelay", "User Defined Delay (120 s to 600 s)", 120, 600),
            BiosAttribute.enumeration("OsWatchdogTimer", "OS Watchdog Timer", "Enabled", "Disabled"),
            BiosAttribute.enumeration("TpmSecurity", "TPM Security", "Off", "On"),
            BiosAttribute.string("AssetTag", "Asset Tag", 63),
            BiosAttribute.string("SystemServiceTag", "System Service Tag", 7).asReadOnly(),
            BiosAttribute.string("SystemBiosVersion", "System BIOS Version", 48).asReadOnly());

    @Override
    public BiosRegistry biosRegistry(MachineSpec spec, String systemUri) {
        return new BiosRegistry("BiosAttributeRegistry.v1_0_3", "Dell", "1.0.0", systemUri + "/Bios/BiosRegistry",
                BIOS_ATTRIBUTES);
    }

    @Override
    public List<String> biosApplyTimes() {
        return List.of("OnReset", "AtMaintenanceWindowStart", "InMaintenanceWindowOnReset");
    }

    @Override
    public boolean biosChangesAreJobs() {
        return true;
    }

    @Override
    public String volumeId(StorageGroup group, int number) {
        return "Disk.Virtual." + number + ":" + group.id();
    }

    @Override
    public boolean volumeDeletionIsTask() {
        return true;
    }

    /** iDRAC job ids: JID_ and twelve digits. */
    @Override
    public String taskId(long sequence, long nowMillis) {
        return String.format(Locale.ROOT, "JID_%09d%03d", (nowMillis / 1000) % 1_000_000_000L, sequence % 1000);
    }

    @Override
    public List<String> transferProtocols() {
        return List.of("HTTP", "NFS", "CIFS", "TFTP", "HTTPS");
    }

    /** iDRAC's inventory ids carry the version: {@code Installed-159-1.8.2__BIOS.Setup.1-1}. */
    @Override
    public FirmwareSpec withVersion(FirmwareSpec firmware, String version) {
        String id = firmware.id().replace("-" + firmware.version() + "__", "-" + version + "__");
        return new FirmwareSpec(id, firmware.name(), version, firmware.description());
    }

    @Override
    public String updatedBiosVersion(MachineSpec spec, String imageVersion) {
        return imageVersion;
    }

    @Override
    public List<MediaSlotSpec> virtualMedia() {
        return List.of(new MediaSlotSpec("CD", "Virtual CD", List.of("CD", "DVD"), "Cd"),
                new MediaSlotSpec("RemovableDisk", "Virtual Removable Disk", List.of("USBStick"), "Usb"));
    }

    @Override
    public String secureBootMode() {
        return "DeployedMode";
    }

    @Override
    public ObjectNode successBody(com.fasterxml.jackson.databind.ObjectMapper mapper, boolean action) {
        if (action) {
            return null;
        }
        ObjectNode body = mapper.createObjectNode();
        ObjectNode message = body.putArray("@Message.ExtendedInfo").addObject();
        message.put("MessageId", "Base.1.12.Success");
        message.put("Message", "Successfully Completed Request");
        message.putArray("MessageArgs");
        message.put("Severity", "OK");
        message.put("Resolution", "None");
        return body;
    }

    @Override
    public void decorateSystem(ObjectNode system, MachineSpec spec) {
        system.put("SKU", spec.sku());
        ObjectNode dellSystem = system.putObject("Oem").putObject("Dell").putObject("DellSystem");
        dellSystem.put("@odata.type", "#DellSystem.v1_3_0.DellSystem");
        dellSystem.put("ChassisServiceTag", spec.sku());
        dellSystem.put("NodeID", spec.sku());
        dellSystem.put("MaxCPUSockets", spec.model().maxSockets());
        dellSystem.put("SystemGeneration", "15G Monolithic");
    }

    @Override
    public void decorateServiceRoot(ObjectNode root, MachineSpec spec) {
        ObjectNode dell = root.putObject("Oem").putObject("Dell");
        dell.put("@odata.type", "#DellServiceRoot.v1_0_0.DellServiceRoot");
        dell.put("IsBranded", 0);
        dell.put("ServiceTag", spec.sku());
    }
}
