package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.metalflow.lab.MachineSpec.DriveSpec;
import org.metalflow.lab.MachineSpec.FirmwareSpec;
import org.metalflow.lab.MachineSpec.NicSpec;
import org.metalflow.lab.VendorPersonality.PlacedDrive;
import org.metalflow.lab.VendorPersonality.StorageGroup;

/**
 * Renders the Redfish resources of one BMC on request, from its machine and current state, in its
 * vendor's shape. Nothing is stored: each request lists the URIs the BMC has and builds the one asked for.
 */
final class RedfishResources {

    private final ObjectMapper mapper;

    RedfishResources(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The resource at a URI, or empty if the BMC has none there. */
    Optional<ObjectNode> get(SimulatedBmc bmc, MachineSpec spec, BmcUris uris, String uri) {
        Supplier<ObjectNode> resource = new Tree(bmc, spec, uris).resources.get(uris.key(uri));
        return resource == null ? Optional.empty() : Optional.of(resource.get());
    }

    ObjectNode session(BmcUris uris, LabSession session, VendorPersonality personality) {
        ObjectNode node = mapper.createObjectNode();
        node.put("@odata.id", uris.session(session.id()));
        node.put("@odata.type", "#Session.v1_3_0.Session");
        if (personality.writesOdataContext()) {
            node.put("@odata.context", "/redfish/v1/$metadata#Session.Session");
        }
        node.put("Id", session.id());
        node.put("Name", "User Session");
        node.put("Description", "Manager User Session");
        node.put("UserName", session.username());
        node.putNull("Password");
        node.put("SessionType", "Redfish");
        return node;
    }

    /** The URIs and builders of one BMC's resources for the duration of one request. */
    private final class Tree {

        private final SimulatedBmc bmc;
        private final MachineSpec spec;
        private final BmcUris uris;
        private final VendorPersonality personality;
        private final ResourceKit kit;
        private final Map<String, Supplier<ObjectNode>> resources = new LinkedHashMap<>();

        Tree(SimulatedBmc bmc, MachineSpec spec, BmcUris uris) {
            this.bmc = bmc;
            this.spec = spec;
            this.uris = uris;
            this.personality = spec.vendor().personality();
            this.kit = new ResourceKit(mapper, personality);
            add("/redfish", this::versions);
            add(uris.root(), this::serviceRoot);
            add(uris.systems(), () -> collection(uris.systems(), "ComputerSystemCollection", "Computer System Collection",
                    List.of(uris.system())));
            add(uris.system(), this::system);
            addProcessors();
            addMemory();
            addEthernetInterfaces();
            addStorage();
            new BiosResources(kit, bmc, spec, uris).register(this::add);
            new VolumeResources(kit, bmc, uris).register(this::add, personality.storage(spec));
            add(uris.managers(), () -> collection(uris.managers(), "ManagerCollection", "Manager Collection",
                    List.of(uris.manager())));
            add(uris.manager(), this::manager);
            add(uris.chassisCollection(), () -> collection(uris.chassisCollection(), "ChassisCollection",
                    "Chassis Collection", List.of(uris.chassis())));
            add(uris.chassis(), this::chassis);
            add(uris.sessionService(), this::sessionService);
            add(uris.sessions(), this::sessionCollection);
            for (LabSession session : bmc.sessions()) {
                add(uris.session(session.id()), () -> session(uris, session, personality));
            }
            add(uris.updateService(), this::updateService);
            addFirmwareInventory();
            new TaskResources(kit, bmc, uris).register(this::add);
            new VirtualMediaResources(kit, bmc, uris).register(this::add);
            add(uris.secureBoot(), this::secureBoot);
            if (personality.biosChangesAreJobs()) {
                new DellJobResources(kit, bmc, uris).register(this::add);
            }
        }

        private void add(String uri, Supplier<ObjectNode> builder) {
            resources.put(uris.key(uri), builder);
        }

        private ObjectNode versions() {
            ObjectNode node = mapper.createObjectNode();
            node.put("v1", "/redfish/v1/");
            return node;
        }

        private ObjectNode serviceRoot() {
            ObjectNode root = resource(uris.root(), "#ServiceRoot.v1_5_0.ServiceRoot");
            root.put("Id", "RootService");
            root.put("Name", "Root Service");
            root.put("RedfishVersion", personality.redfishVersion());
            root.put("UUID", java.util.UUID.nameUUIDFromBytes(("bmc:" + spec.uuid()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            root.put("Vendor", personality.vendorName());
            root.put("Product", personality.product(spec));
            personality.protocolFeatures(root.putObject("ProtocolFeaturesSupported"));
            link(root, "Systems", uris.systems());
            link(root, "Managers", uris.managers());
            link(root, "Chassis", uris.chassisCollection());
            link(root, "SessionService", uris.sessionService());
            link(root, "UpdateService", uris.updateService());
            // the service root names its TaskService link "Tasks" (ServiceRoot schema), as every captured BMC does
            link(root, "Tasks", uris.taskService());
            link(root, "Registries", uris.registries());
            link(root.putObject("Links"), "Sessions", uris.sessions());
            personality.decorateServiceRoot(root, spec);
            return finish(root);
        }

        private ObjectNode system() {
            ObjectNode system = resource(uris.system(), "#ComputerSystem.v1_13_0.ComputerSystem");
            system.put("Id", personality.systemId(spec));
            system.put("Name", "System");
            system.put("SystemType", "Physical");
            system.put("Manufacturer", personality.manufacturer());
            system.put("Model", spec.model().name());
            system.put("SerialNumber", spec.serialNumber());
            system.put("UUID", spec.uuid());
            system.put("HostName", "");
            system.put("PowerState", bmc.powerState());
            system.put("BiosVersion", spec.biosVersion());
            status(system);
            ObjectNode processors = system.putObject("ProcessorSummary");
            processors.put("Count", spec.cpuCount());
            processors.put("Model", spec.cpu().model());
            processors.put("CoreCount", spec.totalCores());
            processors.put("LogicalProcessorCount", spec.cpuCount() * spec.cpu().threads());
            status(processors);
            ObjectNode memory = system.putObject("MemorySummary");
            memory.put("TotalSystemMemoryGiB", spec.memoryGiB());
            status(memory);
            BootOverride boot = bmc.bootOverride();
            ObjectNode bootNode = system.putObject("Boot");
            bootNode.put("BootSourceOverrideEnabled", boot.enabled());
            bootNode.put("BootSourceOverrideTarget", boot.target());
            bootNode.put("BootSourceOverrideMode", boot.mode());
            strings(bootNode.putArray("BootSourceOverrideTarget@Redfish.AllowableValues"), personality.bootTargets());
            link(system, "Processors", uris.system() + "/Processors");
            link(system, "Memory", uris.system() + "/Memory");
            link(system, "EthernetInterfaces", uris.system() + "/EthernetInterfaces");
            link(system, "Storage", uris.system() + "/Storage");
            link(system, "Bios", personality.biosLink(uris.system()));
            link(system, "SecureBoot", uris.secureBoot());
            ObjectNode links = system.putObject("Links");
            links.putArray("Chassis").addObject().put("@odata.id", uris.chassis());
            links.putArray("ManagedBy").addObject().put("@odata.id", uris.manager());
            ObjectNode reset = system.putObject("Actions").putObject("#ComputerSystem.Reset");
            reset.put("target", uris.resetTarget());
            strings(reset.putArray("ResetType@Redfish.AllowableValues"), personality.resetTypes());
            personality.decorateSystem(system, spec);
            if (personality.writesOdataEtag()) {
                system.put("@odata.etag", bmc.etag());
            }
            return system;
        }

        private void addProcessors() {
            String collectionUri = uris.system() + "/Processors";
            List<String> members = new ArrayList<>();
            for (int socket = 1; socket <= spec.cpuCount(); socket++) {
                int s = socket;
                String uri = collectionUri + "/" + personality.cpuId(socket);
                members.add(uri);
                add(uri, () -> processor(uri, s));
            }
            add(collectionUri, () -> collection(collectionUri, "ProcessorCollection", "Processors Collection", members));
        }

        private ObjectNode processor(String uri, int socket) {
            ObjectNode cpu = resource(uri, "#Processor.v1_7_0.Processor");
            cpu.put("Id", personality.cpuId(socket));
            cpu.put("Name", "CPU " + socket);
            cpu.put("Socket", "Proc " + socket);
            cpu.put("ProcessorType", "CPU");
            cpu.put("ProcessorArchitecture", "x86");
            cpu.put("InstructionSet", "x86-64");
            cpu.put("Manufacturer", spec.cpu().manufacturer());
            cpu.put("Model", spec.cpu().model());
            cpu.put("MaxSpeedMHz", spec.cpu().maxSpeedMHz());
            cpu.put("TotalCores", spec.cpu().cores());
            cpu.put("TotalThreads", spec.cpu().threads());
            status(cpu);
            return finish(cpu);
        }

        private void addMemory() {
            String collectionUri = uris.system() + "/Memory";
            List<String> members = new ArrayList<>();
            for (int socket = 1; socket <= spec.cpuCount(); socket++) {
                for (int slot = 1; slot <= spec.dimmsPerCpu(); slot++) {
                    String id = personality.dimmId(socket, slot);
                    String uri = collectionUri + "/" + id;
                    members.add(uri);
                    int s = socket;
                    add(uri, () -> dimm(uri, id, s));
                }
            }
            add(collectionUri, () -> collection(collectionUri, "MemoryCollection", "Memory Collection", members));
        }

        private ObjectNode dimm(String uri, String id, int socket) {
            ObjectNode dimm = resource(uri, "#Memory.v1_7_1.Memory");
            dimm.put("Id", id);
            dimm.put("Name", id);
            dimm.put("CapacityMiB", spec.dimmSizeMiB());
            dimm.put("MemoryDeviceType", "DDR4");
            dimm.put("MemoryType", "DRAM");
            dimm.put("BaseModuleType", "RDIMM");
            dimm.put("OperatingSpeedMhz", 3200);
            dimm.put("ErrorCorrection", "MultiBitECC");
            dimm.put("DeviceLocator", id);
            dimm.putObject("MemoryLocation").put("Socket", socket);
            status(dimm);
            return finish(dimm);
        }

        private void addEthernetInterfaces() {
            String collectionUri = uris.system() + "/EthernetInterfaces";
            List<String> members = new ArrayList<>();
            for (NicSpec nic : spec.nics()) {
                String uri = collectionUri + "/" + nic.id();
                members.add(uri);
                add(uri, () -> ethernetInterface(uri, nic));
            }
            add(collectionUri, () -> collection(collectionUri, "EthernetInterfaceCollection",
                    "System Ethernet Interface Collection", members));
        }

        private ObjectNode ethernetInterface(String uri, NicSpec nic) {
            ObjectNode node = resource(uri, "#EthernetInterface.v1_6_0.EthernetInterface");
            node.put("Id", nic.id());
            node.put("Name", "System Ethernet Interface");
            node.put("Description", nic.description());
            node.put("MACAddress", personality.formatMac(nic.mac()));
            node.put("PermanentMACAddress", personality.formatMac(nic.mac()));
            node.put("LinkStatus", nic.linkUp() ? "LinkUp" : "LinkDown");
            node.put("SpeedMbps", nic.speedMbps());
            node.put("InterfaceEnabled", true);
            node.put("FullDuplex", nic.linkUp());
            node.putArray("IPv4Addresses");
            node.putArray("IPv6Addresses");
            status(node);
            return finish(node);
        }

        private void addStorage() {
            String collectionUri = uris.system() + "/Storage";
            List<String> members = new ArrayList<>();
            for (StorageGroup group : personality.storage(spec)) {
                String uri = collectionUri + "/" + group.id();
                members.add(uri);
                add(uri, () -> storage(uri, group));
                for (PlacedDrive placed : group.drives()) {
                    String driveUri = uri + "/Drives/" + placed.id();
                    add(driveUri, () -> drive(group.driveLinksEndWithSlash() ? driveUri + "/" : driveUri,
                            uris.secureErase(group.id(), placed.id()), placed));
                }
            }
            add(collectionUri, () -> collection(collectionUri, "StorageCollection", "Storage Collection", members));
        }

        private ObjectNode storage(String uri, StorageGroup group) {
            ObjectNode storage = resource(uri, "#Storage.v1_10_1.Storage");
            storage.put("Id", group.id());
            storage.put("Name", group.name());
            status(storage);
            ArrayNode drives = storage.putArray("Drives");
            for (PlacedDrive placed : group.drives()) {
                drives.addObject().put("@odata.id", uri + "/Drives/" + placed.id() + (group.driveLinksEndWithSlash() ? "/" : ""));
            }
            storage.put("Drives@odata.count", group.drives().size());
            ObjectNode controller = storage.putArray("StorageControllers").addObject();
            controller.put("@odata.id", uri + "#/StorageControllers/0" + (group.driveLinksEndWithSlash() ? "/" : ""));
            controller.put("MemberId", "0");
            controller.put("Name", group.controllerModel());
            controller.put("Model", group.controllerModel());
            controller.put("FirmwareVersion", group.controllerFirmware());
            strings(controller.putArray("SupportedControllerProtocols"), group.controllerProtocols());
            strings(controller.putArray("SupportedDeviceProtocols"), group.deviceProtocols());
            strings(controller.putArray("SupportedRAIDTypes"), group.raidTypes());
            status(controller);
            link(storage, "Volumes", uris.volumes(group.id()));
            return finish(storage);
        }

        private ObjectNode drive(String uri, String eraseTarget, PlacedDrive placed) {
            DriveSpec drive = placed.drive();
            ObjectNode node = resource(uri, "#Drive.v1_12_1.Drive");
            node.put("Id", placed.id());
            node.put("Name", String.format(Locale.ROOT, "%s %s %s", humanSize(drive.capacityBytes()), drive.protocol(), drive.mediaType()));
            node.put("CapacityBytes", drive.capacityBytes());
            node.put("MediaType", drive.mediaType());
            node.put("Protocol", drive.protocol());
            node.put("Model", drive.model());
            if (!drive.manufacturer().isEmpty()) {
                node.put("Manufacturer", drive.manufacturer());
            }
            node.put("SerialNumber", drive.serialNumber());
            node.put("Revision", drive.revision());
            node.put("BlockSizeBytes", 512);
            if ("HDD".equals(drive.mediaType())) {
                node.put("RotationSpeedRPM", drive.protocol().equals("SAS") ? 10000 : 7200);
            }
            node.put("FailurePredicted", false);
            status(node);
            node.putObject("Actions").putObject("#Drive.SecureErase").put("target", eraseTarget);
            return finish(node);
        }

        private ObjectNode manager() {
            ObjectNode manager = resource(uris.manager(), "#Manager.v1_5_1.Manager");
            manager.put("Id", personality.managerId());
            manager.put("Name", "Manager");
            manager.put("ManagerType", "BMC");
            manager.put("Model", personality.managerModel());
            manager.put("FirmwareVersion", personality.managerFirmwareVersion(spec));
            status(manager);
            ObjectNode links = manager.putObject("Links");
            links.putArray("ManagerForServers").addObject().put("@odata.id", uris.system());
            links.putArray("ManagerForChassis").addObject().put("@odata.id", uris.chassis());
            link(manager, "VirtualMedia", uris.virtualMedia());
            if (personality.biosChangesAreJobs()) {
                ObjectNode dell = manager.putObject("Oem").putObject("Dell");
                link(dell, "DellJobService", uris.dellJobService());
                link(dell, "Jobs", uris.dellJobs());
            }
            ObjectNode reset = manager.putObject("Actions").putObject("#Manager.Reset");
            reset.put("target", uris.manager() + "/Actions/Manager.Reset");
            strings(reset.putArray("ResetType@Redfish.AllowableValues"), personality.managerResetTypes());
            return finish(manager);
        }

        private ObjectNode chassis() {
            ObjectNode chassis = resource(uris.chassis(), "#Chassis.v1_11_0.Chassis");
            chassis.put("Id", personality.chassisId(spec));
            chassis.put("Name", "Computer System Chassis");
            chassis.put("ChassisType", "RackMount");
            chassis.put("Manufacturer", personality.manufacturer());
            chassis.put("Model", spec.model().name());
            chassis.put("SerialNumber", spec.serialNumber());
            chassis.put("SKU", spec.sku());
            chassis.put("PowerState", bmc.powerState());
            status(chassis);
            ObjectNode links = chassis.putObject("Links");
            links.putArray("ComputerSystems").addObject().put("@odata.id", uris.system());
            links.putArray("ManagedBy").addObject().put("@odata.id", uris.manager());
            return finish(chassis);
        }

        private ObjectNode sessionService() {
            ObjectNode service = resource(uris.sessionService(), "#SessionService.v1_1_8.SessionService");
            service.put("Id", "SessionService");
            service.put("Name", "Session Service");
            service.put("ServiceEnabled", true);
            service.put("SessionTimeout", personality.reportedSessionTimeout(bmc.sessionIdleTimeoutSeconds()));
            link(service, "Sessions", uris.sessions());
            return finish(service);
        }

        private ObjectNode sessionCollection() {
            List<String> members = bmc.sessions().stream().map(s -> uris.session(s.id())).toList();
            return collection(uris.sessions(), "SessionCollection", "Session Collection", members);
        }

        private ObjectNode updateService() {
            ObjectNode service = resource(uris.updateService(), "#UpdateService.v1_8_0.UpdateService");
            service.put("Id", "UpdateService");
            service.put("Name", "Update Service");
            service.put("ServiceEnabled", true);
            link(service, "FirmwareInventory", uris.firmwareInventory());
            ObjectNode simpleUpdate = service.putObject("Actions").putObject("#UpdateService.SimpleUpdate");
            simpleUpdate.put("target", uris.simpleUpdate());
            strings(simpleUpdate.putArray("TransferProtocol@Redfish.AllowableValues"), personality.transferProtocols());
            return finish(service);
        }

        private void addFirmwareInventory() {
            List<String> members = new ArrayList<>();
            for (FirmwareSpec firmware : spec.firmware()) {
                String uri = uris.firmwareInventory() + "/" + firmware.id();
                members.add(uri);
                add(uri, () -> firmware(uri, firmware));
            }
            add(uris.firmwareInventory(), () -> collection(uris.firmwareInventory(), "SoftwareInventoryCollection",
                    "Firmware Inventory Collection", members));
        }

        private ObjectNode firmware(String uri, FirmwareSpec firmware) {
            ObjectNode node = resource(uri, "#SoftwareInventory.v1_2_0.SoftwareInventory");
            node.put("Id", firmware.id());
            node.put("Name", firmware.name());
            node.put("Description", firmware.description());
            node.put("Version", firmware.version());
            node.put("Updateable", true);
            status(node);
            return finish(node);
        }

        private ObjectNode collection(String uri, String type, String name, List<String> members) {
            return kit.collection(uri, type, name, members);
        }

        private ObjectNode resource(String uri, String type) {
            return kit.resource(uri, type);
        }

        private ObjectNode finish(ObjectNode node) {
            return kit.finish(node);
        }

        private ObjectNode secureBoot() {
            ObjectNode node = resource(uris.secureBoot(), "#SecureBoot.v1_1_0.SecureBoot");
            node.put("Id", "SecureBoot");
            node.put("Name", "UEFI Secure Boot");
            node.put("SecureBootEnable", bmc.secureBootEnable());
            node.put("SecureBootCurrentBoot", bmc.secureBootCurrent() ? "Enabled" : "Disabled");
            node.put("SecureBootMode", personality.secureBootMode());
            node.putObject("Actions").putObject("#SecureBoot.ResetKeys")
                    .put("target", uris.secureBoot() + "/Actions/SecureBoot.ResetKeys");
            return finish(node);
        }
    }

    private static void link(ObjectNode parent, String name, String uri) {
        ResourceKit.link(parent, name, uri);
    }

    private static void strings(ArrayNode array, List<String> values) {
        ResourceKit.strings(array, values);
    }

    private static void status(ObjectNode node) {
        ResourceKit.status(node);
    }

    private static String humanSize(long bytes) {
        double gigabytes = bytes / 1e9;
        return gigabytes >= 1000
                ? String.format(Locale.ROOT, "%.2fTB", gigabytes / 1000).replace(".00", "")
                : String.format(Locale.ROOT, "%.0fGB", gigabytes);
    }
}
