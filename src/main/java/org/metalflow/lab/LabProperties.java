package org.metalflow.lab;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated fleet: how many BMCs, which vendors, where they listen and how they behave.
 * The same values always produce the same fleet (ids, serials, UUIDs, MACs, credentials).
 *
 * @param enabled              start the lab on startup
 * @param port                 the one HTTPS port every simulated BMC shares
 * @param size                 number of BMCs
 * @param vendorMix            proportions, for example {@code dell:2,hpe:2,generic:1}
 * @param firstAddress         loopback address of the first BMC; the next ones follow, skipping .0 and .255
 * @param powerTransitionDelay how long a power change takes (PoweringOn / PoweringOff in between)
 * @param sessionLimit         sessions per BMC; one more gets 503 as iDRAC answers
 * @param sessionIdleTimeout   a session not used for this long is gone
 * @param threads              request threads shared by the whole fleet. A request held up by injected
 *                             latency sleeps in its thread, so this bounds how many slow requests the fleet
 *                             serves at once; 32 lets a few dozen slow BMCs wait without starving the rest
 * @param seed                 seed of everything generated
 * @param volumeDelay          how long a volume creation or deletion task runs before the volume appears
 *                             (or goes); a Drive.SecureErase task runs as long
 * @param firmwareUpdateDuration how long a SimpleUpdate task runs; a BMC image is active when it ends, a
 *                             BIOS image at the first boot after that
 */
@ConfigurationProperties("metalflow.lab")
public record LabProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8443") int port,
        @DefaultValue("60") int size,
        @DefaultValue("dell:2,hpe:2,generic:1") String vendorMix,
        @DefaultValue("127.1.0.1") String firstAddress,
        @DefaultValue("PT3S") Duration powerTransitionDelay,
        @DefaultValue("8") int sessionLimit,
        @DefaultValue("PT30M") Duration sessionIdleTimeout,
        @DefaultValue("32") int threads,
        @DefaultValue("42") long seed,
        @DefaultValue("PT2S") Duration volumeDelay,
        @DefaultValue("PT10S") Duration firmwareUpdateDuration) {

    public LabProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metalflow.lab.port must be between 0 and 65535, was " + port);
        }
        if (size < 0) {
            throw new IllegalArgumentException("metalflow.lab.size must be 0 or more, was " + size);
        }
        if (sessionLimit < 1) {
            throw new IllegalArgumentException("metalflow.lab.session-limit must be 1 or more, was " + sessionLimit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("metalflow.lab.threads must be 1 or more, was " + threads);
        }
        vendorMix = vendorMix == null || vendorMix.isBlank() ? "dell:2,hpe:2,generic:1" : vendorMix;
        firstAddress = firstAddress == null || firstAddress.isBlank() ? "127.1.0.1" : firstAddress;
        powerTransitionDelay = powerTransitionDelay == null ? Duration.ofSeconds(3) : powerTransitionDelay;
        sessionIdleTimeout = sessionIdleTimeout == null ? Duration.ofMinutes(30) : sessionIdleTimeout;
        volumeDelay = volumeDelay == null ? Duration.ofSeconds(2) : volumeDelay;
        firmwareUpdateDuration = firmwareUpdateDuration == null ? Duration.ofSeconds(10) : firmwareUpdateDuration;
        if (powerTransitionDelay.isNegative()) {
            throw new IllegalArgumentException("metalflow.lab.power-transition-delay must not be negative");
        }
        if (volumeDelay.isNegative()) {
            throw new IllegalArgumentException("metalflow.lab.volume-delay must not be negative");
        }
        if (firmwareUpdateDuration.isNegative()) {
            throw new IllegalArgumentException("metalflow.lab.firmware-update-duration must not be negative");
        }
    }

    /** The defaults, as the configuration would bind them with nothing set (but enabled). */
    public static LabProperties defaults() {
        return new LabProperties(true, 8443, 60, null, null, null, 8, null, 32, 42L, null, null);
    }

    public LabProperties withPort(int newPort) {
        return new LabProperties(enabled, newPort, size, vendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withSize(int newSize) {
        return new LabProperties(enabled, port, newSize, vendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withVendorMix(String newVendorMix) {
        return new LabProperties(enabled, port, size, newVendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withPowerTransitionDelay(Duration delay) {
        return new LabProperties(enabled, port, size, vendorMix, firstAddress, delay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withSessionLimit(int limit) {
        return new LabProperties(enabled, port, size, vendorMix, firstAddress, powerTransitionDelay,
                limit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withSeed(long newSeed) {
        return new LabProperties(enabled, port, size, vendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, newSeed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withFirstAddress(String address) {
        return new LabProperties(enabled, port, size, vendorMix, address, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, firmwareUpdateDuration);
    }

    public LabProperties withVolumeDelay(Duration delay) {
        return new LabProperties(enabled, port, size, vendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, delay, firmwareUpdateDuration);
    }

    public LabProperties withFirmwareUpdateDuration(Duration duration) {
        return new LabProperties(enabled, port, size, vendorMix, firstAddress, powerTransitionDelay,
                sessionLimit, sessionIdleTimeout, threads, seed, volumeDelay, duration);
    }
}
