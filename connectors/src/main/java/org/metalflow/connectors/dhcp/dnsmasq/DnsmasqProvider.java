package org.metalflow.connectors.dhcp.dnsmasq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * Host reservations for dnsmasq 2.90 through the two files its dnsmasq.conf names in {@code dhcp-hostsfile=} and
 * {@code dhcp-optsfile=}. Both files are the reservations' only store: every call reads them, so a new provider
 * (or a restarted platform) sees what an earlier one wrote. A write replaces a file atomically, is serialized by a
 * lock in this provider, and is followed by a reload only when a file's bytes changed.
 *
 * <p>The boot lines rely on the tags set in the static {@code dnsmasq-metalflow.conf}; see {@link BootScope} for
 * why boot files are shared by all reserved hosts when dnsmasq is reloaded with SIGHUP.
 */
public final class DnsmasqProvider implements DhcpProvider {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);
    private static final Duration RELEASE_POLL = Duration.ofMillis(100);

    private final DnsmasqSettings settings;
    private final ReentrantLock lock = new ReentrantLock();

    public DnsmasqProvider(DnsmasqSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "dnsmasq";
    }

    @Override
    public Set<DhcpCapability> capabilities() {
        Set<DhcpCapability> capabilities = EnumSet.of(DhcpCapability.BOOT_FILE_BY_ARCHITECTURE, DhcpCapability.IPXE_CHAINLOAD);
        if (settings.reload().live()) {
            capabilities.add(DhcpCapability.LIVE_RESERVATIONS);
        }
        if (settings.leaseFile() != null && !settings.leaseReleaseCommand().isEmpty()) {
            capabilities.add(DhcpCapability.LEASES);
        }
        return capabilities;
    }

    @Override
    public void reserve(DhcpReservation reservation) {
        ReservationCheck.validate(reservation);
        locked(() -> {
            Stored stored = readStored();
            for (DhcpReservation other : stored.reservations().values()) {
                if (!other.mac().equals(reservation.mac()) && other.ipAddress().equals(reservation.ipAddress())) {
                    throw new DhcpException("dnsmasq (" + settings.hostsFile() + "): " + reservation.ipAddress()
                            + " is already reserved for " + other.mac() + " (" + other.hostname() + "); not reserving it for "
                            + reservation.mac() + " (" + reservation.hostname() + ")", false);
                }
            }
            if (settings.bootScope() == BootScope.SHARED) {
                checkSharedBoot(reservation, stored.reservations());
            }
            Map<String, DhcpReservation> next = new TreeMap<>(stored.reservations());
            next.put(reservation.mac(), reservation);
            store(stored, next);
            return null;
        });
    }

    @Override
    public void remove(String mac) {
        String key = mac.toLowerCase(Locale.ROOT);
        locked(() -> {
            Stored stored = readStored();
            if (stored.reservations().containsKey(key)) {
                Map<String, DhcpReservation> next = new TreeMap<>(stored.reservations());
                next.remove(key);
                store(stored, next);
            }
            return null;
        });
    }

    @Override
    public Optional<DhcpReservation> find(String mac) {
        String key = mac.toLowerCase(Locale.ROOT);
        return locked(() -> Optional.ofNullable(readStored().reservations().get(key)));
    }

    /** The leases in dnsmasq's lease file; needs {@link DnsmasqSettings#leaseFile()}. */
    @Override
    public List<DhcpLease> leases() {
        if (settings.leaseFile() == null) {
            throw new UnsupportedOperationException("dnsmasq: no lease file configured, so leases cannot be listed");
        }
        try {
            return LeaseFile.parse(new String(Files.readAllBytes(settings.leaseFile()), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new DhcpException("dnsmasq's lease file " + settings.leaseFile()
                    + " does not exist; dnsmasq creates it when it starts: is it running with this dhcp-leasefile?", true, e);
        } catch (IOException e) {
            throw ioFailure("read the lease file " + settings.leaseFile(), e);
        }
    }

    /**
     * Makes dnsmasq forget the lease of {@code ipAddress} by running the configured release command (dhcp_release)
     * with the address and the lease's MAC, then waits until the lease file no longer lists it.
     */
    @Override
    public void removeLease(String ipAddress) {
        if (!capabilities().contains(DhcpCapability.LEASES)) {
            throw new UnsupportedOperationException("dnsmasq: removing a lease needs a lease file and a lease release command"
                    + " (dhcp_release from dnsmasq-utils)");
        }
        Optional<DhcpLease> lease = leaseOf(ipAddress);
        if (lease.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(settings.leaseReleaseCommand());
        command.addAll(List.of(ipAddress, lease.get().mac()));
        ExternalCommand.Result result;
        try {
            result = ExternalCommand.run(command, DnsmasqReload.COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new DhcpException("dnsmasq: releasing the lease of " + ipAddress + " failed: " + e.getMessage(), true, e);
        }
        if (!result.succeeded()) {
            throw new DhcpException("dnsmasq: `" + String.join(" ", command) + "` exited " + result.exitCode() + ": "
                    + result.output(), true);
        }
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        while (leaseOf(ipAddress).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new DhcpException("dnsmasq still lists the lease of " + ipAddress + " in " + settings.leaseFile() + " "
                        + RELEASE_WAIT.toSeconds() + " s after `" + String.join(" ", command) + "`", true);
            }
            sleep(RELEASE_POLL);
        }
    }

    private Optional<DhcpLease> leaseOf(String ipAddress) {
        return leases().stream().filter(l -> l.ipAddress().equals(ipAddress)).findFirst();
    }

    private void checkSharedBoot(DhcpReservation reservation, Map<String, DhcpReservation> current) {
        for (DhcpReservation other : current.values()) {
            if (other.mac().equals(reservation.mac()) || Objects.equals(other.boot(), reservation.boot())) {
                continue;
            }
            String why;
            if (reservation.boot() == null) {
                why = reservation.mac() + " must not network-boot, but reserved hosts such as " + other.mac() + " do";
            } else if (other.boot() == null) {
                why = reservation.mac() + " is to network-boot, but reserved hosts such as " + other.mac() + " must not";
            } else {
                why = reservation.mac() + " asks for " + reservation.boot() + ", but reserved hosts such as " + other.mac()
                        + " boot " + other.boot();
            }
            throw new DhcpException("dnsmasq (" + settings.optsFile() + ") gives one set of boot files to every reserved host"
                    + " (boot scope shared, the one that survives SIGHUP in dnsmasq 2.90): " + why
                    + ". Per-host boot files need boot scope per-host with a restart command", false);
        }
    }

    private record Stored(String hostsText, String optsText, Map<String, DhcpReservation> reservations) {
    }

    private Stored readStored() {
        String hosts = readIfPresent(settings.hostsFile());
        String opts = readIfPresent(settings.optsFile());
        return new Stored(hosts, opts, DnsmasqFiles.parse(hosts, settings.hostsFile(), opts, settings.optsFile()));
    }

    private void store(Stored stored, Map<String, DhcpReservation> next) {
        DnsmasqFiles.Text text = DnsmasqFiles.render(next.values(), settings.bootScope());
        boolean hostsChanged = !Arrays.equals(bytes(stored.hostsText()), bytes(text.hosts()));
        boolean optsChanged = !Arrays.equals(bytes(stored.optsText()), bytes(text.opts()));
        if (!hostsChanged && !optsChanged) {
            return;
        }
        write(settings.optsFile(), text.opts(), optsChanged);
        write(settings.hostsFile(), text.hosts(), hostsChanged);
        if (settings.reload() instanceof DnsmasqReload.Sighup && DnsmasqFiles.setsTags(stored.hostsText())) {
            throw new DhcpException("dnsmasq (" + settings.hostsFile() + ") was running with set: tags in its hosts file"
                    + " (boot scope per-host); dnsmasq 2.90 aborts on SIGHUP after such a line served a lease. The files are"
                    + " rewritten without tags: restart dnsmasq once, then SIGHUP is safe", false);
        }
        settings.reload().reload();
    }

    private void write(Path file, String content, boolean changed) {
        if (!changed) {
            return;
        }
        try {
            AtomicFileWriter.write(file, bytes(content));
        } catch (IOException e) {
            throw ioFailure("write " + file, e);
        }
    }

    private String readIfPresent(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw ioFailure("read " + file, e);
        }
    }

    private <T> T locked(Supplier<T> action) {
        boolean acquired;
        try {
            acquired = lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhcpException("dnsmasq (" + settings.hostsFile() + "): interrupted while waiting for another write", true, e);
        }
        if (!acquired) {
            throw new DhcpException("dnsmasq (" + settings.hostsFile() + "): another write has held the lock for more than "
                    + LOCK_WAIT.toSeconds() + " s", true);
        }
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static DhcpException ioFailure(String what, IOException e) {
        boolean transientFailure = !(e instanceof AccessDeniedException);
        return new DhcpException("dnsmasq: cannot " + what + ": " + e, transientFailure, e);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DhcpException("dnsmasq: interrupted while waiting for a lease release", true, e);
        }
    }
}
