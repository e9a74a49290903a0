package org.metalflow.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.metalflow.lab.MachineSpec.CpuModel;
import org.metalflow.lab.MachineSpec.DriveSpec;
import org.metalflow.lab.MachineSpec.FirmwareSpec;
import org.metalflow.lab.MachineSpec.NicSpec;
import org.metalflow.lab.MachineSpec.ServerModel;

/**
 * Derives a machine from the fleet seed and its position. Identifiers that must be unique (serials,
 * UUIDs, MACs) are bijections of the position; everything else comes from a random stream seeded by
 * seed and position, so a machine is the same every time it is generated.
 */
public final class MachineSpecGenerator {

    private static final int[] DIMMS_PER_CPU = {2, 4, 6, 8, 12, 16};
    private static final int[] DIMM_GIB = {16, 32, 64};
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final long seed;
    private final int macPrefix;

    public MachineSpecGenerator(long seed) {
        this.seed = seed;
        // second byte of every MAC: fixed per seed; the first is 02 (locally administered, unicast)
        this.macPrefix = (int) (UniqueCodes.mix(seed) & 0xff);
    }

    public MachineSpec generate(int index, Vendor vendor) {
        if (index < 0 || index >= (1 << 24)) {
            throw new IllegalArgumentException("fleet position out of range: " + index);
        }
        VendorPersonality personality = vendor.personality();
        SplittableRandom random = new SplittableRandom(UniqueCodes.mix(seed * 31 + index));

        ServerModel model = personality.models().get(random.nextInt(personality.models().size()));
        CpuModel cpu = model.cpus().get(random.nextInt(model.cpus().size()));
        int cpuCount = model.maxSockets() == 1 ? 1 : 1 + random.nextInt(2);
        int dimmsPerCpu;
        int dimmGiB;
        do {
            dimmsPerCpu = DIMMS_PER_CPU[random.nextInt(DIMMS_PER_CPU.length)];
            dimmGiB = DIMM_GIB[random.nextInt(DIMM_GIB.length)];
        } while (cpuCount * dimmsPerCpu * dimmGiB < 64 || cpuCount * dimmsPerCpu * dimmGiB > 1024);

        String serial = personality.serialNumber(index, seed);
        String sku = personality.sku(index, seed, model);
        String uuid = personality.uuid(index, seed, serial, sku);

        int nicCount = 2 + random.nextInt(3);
        List<NicSpec> nics = new ArrayList<>(nicCount);
        for (int port = 0; port < nicCount; port++) {
            boolean linkUp = port == 0 || random.nextInt(3) > 0;
            nics.add(personality.nic(port, mac(index, port), linkUp, random));
        }
        int driveCount = 2 + random.nextInt(7);
        List<DriveSpec> drives = new ArrayList<>(driveCount);
        for (int position = 0; position < driveCount; position++) {
            drives.add(personality.drive(index, position, seed, random));
        }
        String biosVersion = personality.biosVersion(model, random);
        List<FirmwareSpec> firmware = personality.firmware(biosVersion, nics, drives, random);

        return new MachineSpec(index, String.format(Locale.ROOT, "lab-%04d", index + 1), vendor,
                personality.defaultUsername(), password(random), model, serial, sku, uuid, cpu, cpuCount,
                dimmsPerCpu, dimmGiB * 1024, nics, drives, biosVersion, firmware);
    }

    /**
     * 02:pp:xx:xx:xx:nn, where xx:xx:xx is an odd-multiplier permutation of the position (a bijection
     * on 24 bits) and nn the port, so no two ports of the fleet share a MAC.
     */
    private String mac(int index, int port) {
        int scrambled = (int) ((index * 0x9E3779L + (UniqueCodes.mix(seed + 1) & 0xFFFFFF)) & 0xFFFFFF);
        return String.format(Locale.ROOT, "02:%02x:%02x:%02x:%02x:%02x", macPrefix,
                scrambled >>> 16, (scrambled >>> 8) & 0xff, scrambled & 0xff, port * 2 + 0x10);
    }

    private static String password(SplittableRandom random) {
        StringBuilder password = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
