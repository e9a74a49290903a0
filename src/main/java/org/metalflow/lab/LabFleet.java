package org.metalflow.lab;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The simulated BMCs, created from configuration; the same configuration gives the same fleet. */
public final class LabFleet {

    private final LabProperties properties;
    private final LoopbackAddresses addresses;
    private final List<SimulatedBmc> bmcs;
    private final Clock clock;

    public LabFleet(LabProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public LabFleet(LabProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.addresses = new LoopbackAddresses(properties.firstAddress(), properties.size());
        VendorMix mix = VendorMix.parse(properties.vendorMix());
        MachineSpecGenerator generator = new MachineSpecGenerator(properties.seed());
        BmcBehaviour behaviour = new BmcBehaviour(clock, properties.powerTransitionDelay(), properties.sessionLimit(),
                properties.sessionIdleTimeout(), properties.volumeDelay(), properties.firmwareUpdateDuration(),
                properties.seed());
        List<SimulatedBmc> created = new ArrayList<>(properties.size());
        for (int i = 0; i < properties.size(); i++) {
            // about a third of the machines are found running, the rest switched off
            boolean poweredOn = Math.floorMod(UniqueCodes.mix(properties.seed() * 7919 + i), 3) == 0;
            created.add(new SimulatedBmc(i, mix.vendorAt(i), generator, behaviour, poweredOn));
        }
        this.bmcs = List.copyOf(created);
    }

    /** Told when a machine is power cycled with a network-boot override: a lab installer acts as its PXE firmware. */
    public interface NetbootListener {
        void netbooting(SimulatedBmc bmc, java.time.Duration untilBooted);
    }

    private volatile NetbootListener netbootListener;

    public void onNetboot(NetbootListener listener) {
        this.netbootListener = listener;
    }

    void resetRequested(SimulatedBmc bmc, String resetType) {
        NetbootListener listener = netbootListener;
        BootOverride override = bmc.bootOverride();
        boolean boots = !List.of("ForceOff", "GracefulShutdown", "Nmi").contains(resetType);
        if (listener != null && boots && override.isActive() && "Pxe".equals(override.target())) {
            // a restart takes two transition delays (off, then on); the margin lets the boot settle first
            listener.netbooting(bmc, properties.powerTransitionDelay().multipliedBy(2).plusMillis(200));
        }
    }

    public LabProperties properties() {
        return properties;
    }

    public java.time.Instant now() {
        return clock.instant();
    }

    public int size() {
        return bmcs.size();
    }

    public List<SimulatedBmc> bmcs() {
        return bmcs;
    }

    public SimulatedBmc bmc(int index) {
        return bmcs.get(index);
    }

    public InetAddress addressOf(SimulatedBmc bmc) {
        return addresses.addressAt(bmc.index());
    }

    /** The BMC a connection to this local address reaches, if the address belongs to the fleet. */
    public Optional<SimulatedBmc> bmcAt(InetAddress localAddress) {
        return addresses.indexOf(localAddress).stream().mapToObj(bmcs::get).findFirst();
    }

    /** By id such as {@code lab-0001}. */
    public Optional<SimulatedBmc> bmcById(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("lab-")) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(lower.substring(4)) - 1;
            return index >= 0 && index < bmcs.size() && bmcs.get(index).id().equals(lower)
                    ? Optional.of(bmcs.get(index)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
