package org.metalflow.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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

/**
 * HPE ProLiant with iLO 5, after the DL385 Gen10 Plus v2 / iLO 5 2.72 capture: ids "1", lower-case
 * MACs, {@code @odata.etag} everywhere, case-insensitive URIs, the BIOS at a lower-case URI with a
 * trailing slash, and NVMe drives as their own Storage resources linked with a trailing slash.
 */
final class HpePersonality implements VendorPersonality {

    /** iLO reports the CPUID brand string padded with spaces to 48 characters. */
    private static final List<CpuModel> EPYC = List.of(
            epyc("AMD EPYC 7763 64-Core Processor", 64, 3500),
            epyc("AMD EPYC 7543 32-Core Processor", 32, 3700),
            epyc("AMD EPYC 7443 24-Core Processor", 24, 4000),
            epyc("AMD EPYC 7313 16-Core Processor", 16, 3700));
    private static final List<ServerModel> MODELS = List.of(
            new ServerModel("ProLiant DL385 Gen10 Plus v2", "P38411-B21", 2, EPYC),
            new ServerModel("ProLiant DL325 Gen10 Plus v2", "P38471-B21", 1, EPYC));
    private static final List<DriveSpec> DRIVES = List.of(
            new DriveSpec("SSD", "SATA", 480_103_981_056L, "VK000480GZXRF", "", "", "HPG0"),
            new DriveSpec("SSD", "SATA", 1_920_383_410_176L, "VK001920GZXRH", "", "", "HPG1"),
            new DriveSpec("HDD", "SAS", 1_200_243_695_616L, "EG001200JWJNQ", "", "", "HPD3"),
            new DriveSpec("HDD", "SATA", 4_000_787_030_016L, "MB004000JWFVN", "", "", "HPG2"),
            new DriveSpec("SSD", "NVMe", 6_401_252_745_216L, "MZXLR6T4HALA-000H3", "", "", "MPK7625Q"),
            new DriveSpec("SSD", "NVMe", 1_600_321_314_816L, "MO001600KXPTR", "", "", "HPK1"));
    private static final String[] ILO_VERSIONS = {"2.72 Sep 04 2022", "2.78 Jan 19 2023", "3.04 Mar 06 2024"};
    private static final String SMART_ARRAY_ID = "DE07C000";

    private static CpuModel epyc(String name, int cores, int maxMHz) {
        return new CpuModel(String.format(Locale.ROOT, "%-48s", name), "Advanced Micro Devices, Inc.", cores, cores * 2, maxMHz);
    }

    @Override
    public String manufacturer() {
        return "HPE";
    }

    @Override
    public String defaultUsername() {
        return "Administrator";
    }

    @Override
    public List<ServerModel> models() {
        return MODELS;
    }

    @Override
    public String serialNumber(int index, long seed) {
        return UniqueCodes.code("MXQDDDDDDA", index, seed);
    }

    @Override
    public String sku(int index, long seed, ServerModel model) {
        return model.sku();
    }

    /**
     * iLO's UUID is the ASCII of the product number and the serial (16 bytes), the first three
     * fields written little-endian as SMBIOS does.
     */
    @Override
    public String uuid(int index, long seed, String serialNumber, String sku) {
        byte[] b = (sku.substring(0, 6) + serialNumber).getBytes(StandardCharsets.US_ASCII);
        return String.format(Locale.ROOT, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    }

    @Override
    public NicSpec nic(int position, String mac, boolean linkUp, SplittableRandom random) {
        int speed = position < 2 ? 10_000 : 1_000;
        return new NicSpec(Integer.toString(position + 1), mac, linkUp, linkUp ? speed : 0, "");
    }

    @Override
    public DriveSpec drive(int index, int position, long seed, SplittableRandom random) {
        DriveSpec model = DRIVES.get(random.nextInt(DRIVES.size()));
        String serial = UniqueCodes.code(model.protocol().equals("NVMe") ? "SDCLNADDDDDDD" : "SDMPNLDTDDDDDD", index * 8L + position, seed);
        return new DriveSpec(model.mediaType(), model.protocol(), model.capacityBytes(), model.model(),
                model.protocol().equals("NVMe") ? "Samsung" : "HPE", serial, model.revision());
    }

    @Override
    public String biosVersion(ServerModel model, SplittableRandom random) {
        String family = model.name().contains("DL325") ? "A43" : "A42";
        String[] releases = {"v2.52 (05/26/2022)", "v2.60 (08/11/2022)", "v2.80 (04/20/2023)"};
        return family + " " + releases[random.nextInt(releases.length)];
    }

    @Override
    public List<FirmwareSpec> firmware(String biosVersion, List<NicSpec> nics, List<DriveSpec> drives, SplittableRandom random) {
        List<FirmwareSpec> firmware = new ArrayList<>();
        firmware.add(new FirmwareSpec("1", "iLO 5", ILO_VERSIONS[random.nextInt(ILO_VERSIONS.length)], "SystemBMC"));
        firmware.add(new FirmwareSpec("2", "System ROM", biosVersion, "SystemRomActive"));
        firmware.add(new FirmwareSpec("3", "Redundant System ROM", biosVersion, "SystemRomBackup"));
        List<String[]> optional = List.of(
                new String[] {"Intelligent Platform Abstraction Data", "11.2.0 Build 44", "PlatformDefinitionTable"},
                new String[] {"System Programmable Logic Device", "0x30", "SystemProgrammableLogicDevice"},
                new String[] {"Intelligent Provisioning", "3.81.2", "Intelligent Provisioning"});
        int extra = random.nextInt(optional.size() + 1);
        for (int i = 0; i < extra; i++) {
            String[] entry = optional.get(i);
            firmware.add(new FirmwareSpec(Integer.toString(firmware.size() + 1), entry[0], entry[1], entry[2]));
        }
        return firmware;
    }

    @Override
    public String vendorName() {
        return "HPE";
    }

    @Override
    public String product(MachineSpec spec) {
        return spec.model().name();
    }

    @Override
    public String redfishVersion() {
        return "1.6.0";
    }

    @Override
    public void protocolFeatures(ObjectNode features) {
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
        return true;
    }

    @Override
    public boolean caseInsensitiveUris() {
        return true;
    }

    @Override
    public String systemId(MachineSpec spec) {
        return "1";
    }

    @Override
    public String managerId() {
        return "1";
    }

    @Override
    public String chassisId(MachineSpec spec) {
        return "1";
    }

    @Override
    public String biosUri(String systemUri) {
        return systemUri.toLowerCase(Locale.ROOT) + "/bios/";
    }

    @Override
    public String biosLink(String systemUri) {
        return systemUri.toLowerCase(Locale.ROOT) + "/bios";
    }

    @Override
    public String cpuId(int socket) {
        return Integer.toString(socket);
    }

    @Override
    public String dimmId(int socket, int slot) {
        return "proc" + socket + "dimm" + slot;
    }

    @Override
    public List<StorageGroup> storage(MachineSpec spec) {
        List<StorageGroup> groups = new ArrayList<>();
        List<PlacedDrive> behindSmartArray = new ArrayList<>();
        int nvme = 0;
        for (DriveSpec drive : spec.drives()) {
            if (drive.protocol().equals("NVMe")) {
                String id = String.format(Locale.ROOT, "DA%06X", nvme++);
                groups.add(new StorageGroup(id, "NVMe Storage System", drive.model(), drive.revision(),
                        List.of("PCIe"), List.of("NVMe"), List.of(new PlacedDrive(id, drive)), true, List.of()));
            } else {
                behindSmartArray.add(new PlacedDrive(Integer.toString(behindSmartArray.size()), drive));
            }
        }
        if (!behindSmartArray.isEmpty()) {
            groups.add(0, new StorageGroup(SMART_ARRAY_ID, "HPE Smart Array P408i-a SR Gen10", "HPE Smart Array P408i-a SR Gen10",
                    "5.32", List.of("PCIe"), List.of("SAS", "SATA"), behindSmartArray, false,
                    List.of("RAID0", "RAID1", "RAID10", "RAID5", "RAID50", "RAID6", "RAID60")));
        }
        return groups;
    }

    @Override
    public List<String> bootTargets() {
        return List.of("None", "Cd", "Hdd", "Usb", "SDCard", "Utilities", "Diags", "BiosSetup", "Pxe", "UefiShell", "UefiHttp",
                "UefiTarget");
    }

    @Override
    public List<String> resetTypes() {
        return List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart", "Nmi", "PushPowerButton", "GracefulRestart");
    }

    @Override
    public List<String> managerResetTypes() {
        return List.of("ForceRestart", "GracefulRestart");
    }

    @Override
    public String formatMac(String mac) {
        return mac.toLowerCase(Locale.ROOT);
    }

    @Override
    public String managerModel() {
        return "iLO 5";
    }

    @Override
    public String managerFirmwareVersion(MachineSpec spec) {
        return "iLO 5 v" + spec.firmware().get(0).version().split(" ")[0];
    }

    @Override
    public String sessionId(String username, long sequence) {
        return username + String.format(Locale.ROOT, "%016x", sequence);
    }

    @Override
    public String sessionLocation(String sessionUri) {
        return sessionUri + "/";
    }

    @Override
    public long reportedSessionTimeout(long idleTimeoutSeconds) {
        return Math.max(1, idleTimeoutSeconds / 60);
    }

    @Override
    public Map<String, Object> biosAttributes(MachineSpec spec) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("BootMode", "Uefi");
        attributes.put("WorkloadProfile", spec.index() % 3 == 0 ? "GeneralPowerEfficientCompute" : "Virtualization-MaxPerformance");
        attributes.put("ProcSMT", "Enabled");
        attributes.put("ProcAmdIoVt", "Enabled");
        attributes.put("Sriov", "Enabled");
        attributes.put("PowerRegulator", "OsControl");
        attributes.put("AutoPowerOn", "RestoreLastState");
        attributes.put("PowerOnDelay", "NoDelay");
        attributes.put("ThermalConfig", "OptimalCooling");
        attributes.put("Dhcpv4", "Enabled");
        attributes.put("PostF1Prompt", "Delayed20Sec");
        attributes.put("ProcX2Apic", "ForceEnabled");
        attributes.put("MinProcIdlePower", "C6");
        attributes.put("NumaGroupSizeOpt", "Flat");
        attributes.put("EmbeddedDiagnostics", "Enabled");
        attributes.put("UefiOptimizedBoot", "Enabled");
        attributes.put("NetworkBootRetryCount", 20);
        attributes.put("VlanId", 0);
        attributes.put("ServerAssetTag", "");
        attributes.put("AdminPhone", "");
        attributes.put("SerialNumber", spec.serialNumber());
        attributes.put("TpmState", "PresentEnabled");
        return attributes;
    }

    private static final List<BiosAttribute> BIOS_ATTRIBUTES = List.of(
            BiosAttribute.enumeration("BootMode", "Boot Mode", "Uefi", "LegacyBios"),
            BiosAttribute.enumeration("WorkloadProfile", "Workload Profile", "GeneralPowerEfficientCompute",
                    "GeneralPeakFrequencyCompute", "GeneralThroughputCompute", "Virtualization-PowerEfficient",
                    "Virtualization-MaxPerformance", "LowLatency", "MissionCritical", "TransactionalApplicationProcessing",
                    "HighPerformanceCompute", "DecisionSupport", "GraphicProcessing", "I/OThroughput", "Custom"),
            BiosAttribute.enumeration("ProcSMT", "AMD SMT Option", "Enabled", "Disabled"),
            BiosAttribute.enumeration("ProcAmdIoVt", "AMD I/O Virtualization Technology", "Enabled", "Disabled"),
            BiosAttribute.enumeration("Sriov", "SR-IOV", "Enabled", "Disabled"),
            BiosAttribute.enumeration("PowerRegulator", "Power Regulator", "DynamicPowerSavings", "StaticLowPower",
                    "StaticHighPerf", "OsControl"),
            BiosAttribute.enumeration("AutoPowerOn", "Automatic Power-On", "AlwaysPowerOn", "AlwaysPowerOff",
                    "RestoreLastState"),
            BiosAttribute.enumeration("PowerOnDelay", "Power-On Delay", "NoDelay", "Random", "Delay15Sec", "Delay30Sec",
                    "Delay45Sec", "Delay60Sec"),
            BiosAttribute.enumeration("ThermalConfig", "Thermal Configuration", "OptimalCooling", "IncreasedCooling",
                    "MaxCooling", "EnhancedCPUCooling"),
            BiosAttribute.enumeration("Dhcpv4", "DHCPv4", "Enabled", "Disabled"),
            BiosAttribute.enumeration("PostF1Prompt", "POST F1 Prompt", "Delayed20Sec", "Delayed2Sec", "Disabled"),
            BiosAttribute.enumeration("ProcX2Apic", "Processor x2APIC Support", "Enabled", "ForceEnabled", "Disabled"),
            BiosAttribute.enumeration("MinProcIdlePower", "Minimum Processor Idle Power Core C-State", "C6", "NoCStates"),
            BiosAttribute.enumeration("NumaGroupSizeOpt", "NUMA Group Size Optimization", "Flat", "Clustered"),
            BiosAttribute.enumeration("EmbeddedDiagnostics", "Embedded Diagnostics", "Enabled", "Disabled"),
            BiosAttribute.enumeration("UefiOptimizedBoot", "UEFI Optimized Boot", "Enabled", "Disabled"),
            BiosAttribute.integer("NetworkBootRetryCount", "Network Boot Retry Count", 0, 20),
            BiosAttribute.integer("VlanId", "VLAN ID", 0, 4094),
            BiosAttribute.string("ServerAssetTag", "Server Asset Tag", 32),
            BiosAttribute.string("AdminPhone", "Administrator Phone Number", 28),
            BiosAttribute.string("SerialNumber", "Serial Number", 16),
            BiosAttribute.enumeration("TpmState", "Current TPM State", "NotPresent", "PresentDisabled", "PresentEnabled")
                    .asReadOnly());

    /** iLO names the registry after the ROM family (A42, A43) and keeps its JSON under registrystore. */
    @Override
    public BiosRegistry biosRegistry(MachineSpec spec, String systemUri) {
        String family = spec.biosVersion().split(" ")[0];
        String id = "BiosAttributeRegistry" + family + ".v1_2_60";
        return new BiosRegistry(id, "HPE", "v1_2_60",
                "/redfish/v1/registrystore/registries/en/" + id.toLowerCase(Locale.ROOT) + "/", BIOS_ATTRIBUTES);
    }

    @Override
    public String biosSettingsUri(String systemUri) {
        return biosUri(systemUri) + "settings/";
    }

    /** iLO 5 writes no SupportedApplyTimes: settings always wait for the next reset. */
    @Override
    public List<String> biosApplyTimes() {
        return List.of();
    }

    @Override
    public boolean biosSettingsListAll() {
        return true;
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

    /** iLO versions carry the release date: {@code 2.72 Sep 04 2022}. */
    @Override
    public String updatedBmcVersion(String imageVersion) {
        return imageVersion + " Jan 15 2025";
    }

    @Override
    public String updatedBiosVersion(MachineSpec spec, String imageVersion) {
        return spec.biosVersion().split(" ")[0] + " v" + imageVersion + " (01/15/2025)";
    }

    @Override
    public List<MediaSlotSpec> virtualMedia() {
        return List.of(new MediaSlotSpec("1", "VirtualMedia", List.of("Floppy", "USBStick"), "Usb"),
                new MediaSlotSpec("2", "VirtualMedia", List.of("CD", "DVD"), "Cd"));
    }

    @Override
    public String secureBootMode() {
        return "UserMode";
    }

    @Override
    public ObjectNode successBody(com.fasterxml.jackson.databind.ObjectMapper mapper, boolean action) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", "iLO.0.10.ExtendedInfo");
        error.put("message", "See @Message.ExtendedInfo for more information.");
        error.putArray("@Message.ExtendedInfo").addObject().put("MessageId", "Base.1.4.Success");
        return body;
    }

    @Override
    public void decorateSystem(ObjectNode system, MachineSpec spec) {
        system.put("SKU", spec.sku());
        ObjectNode hpe = system.putObject("Oem").putObject("Hpe");
        hpe.put("@odata.type", "#HpeComputerSystemExt.v2_12_0.HpeComputerSystemExt");
        ObjectNode bios = hpe.putObject("Bios").putObject("Current");
        bios.put("Family", spec.biosVersion().split(" ")[0]);
        bios.put("VersionString", spec.biosVersion());
    }

    @Override
    public void decorateServiceRoot(ObjectNode root, MachineSpec spec) {
        ObjectNode hpe = root.putObject("Oem").putObject("Hpe");
        hpe.put("@odata.type", "#HpeiLOServiceExt.v2_4_0.HpeiLOServiceExt");
        ObjectNode manager = hpe.putArray("Manager").addObject();
        manager.put("ManagerType", "iLO 5");
        manager.put("ManagerFirmwareVersion", spec.firmware().get(0).version().split(" ")[0]);
        hpe.putObject("Moniker").put("PRODGEN", "iLO 5");
    }
}
