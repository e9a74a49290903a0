package org.metalflow.connectors.redfish;

import java.util.List;

/**
 * What one ComputerSystem reports about itself, read by following the links from the service root.
 * Fields the BMC does not report are null (or empty lists), never invented.
 *
 * @param systemUri      the @odata.id of the system, as the BMC spells it
 * @param memoryMiB      total installed memory
 * @param resetTypes     ResetType values the BMC allows for ComputerSystem.Reset
 * @param bootTargets    BootSourceOverrideTarget values the BMC allows
 */
public record SystemInventory(
        String systemUri,
        Identity identity,
        String powerState,
        String biosVersion,
        Processors processors,
        Long memoryMiB,
        List<Nic> nics,
        List<Drive> drives,
        List<Firmware> firmware,
        List<String> resetTypes,
        List<String> bootTargets,
        String bootMode) {

    public record Identity(String manufacturer, String model, String serialNumber, String uuid, String sku,
                           String hostName) {
    }

    /** Sockets populated, total cores and threads, and the model of the first CPU. */
    public record Processors(int count, Integer cores, Integer threads, String model) {
    }

    /** A network port with its MAC as the BMC reports it, normalised to lower-case colon form. */
    public record Nic(String id, String macAddress, String linkStatus, Integer speedMbps) {
    }

    public record Drive(String id, String name, Long capacityBytes, String mediaType, String protocol,
                        String model, String serialNumber) {
    }

    public record Firmware(String id, String name, String version, Boolean updateable) {
    }
}
