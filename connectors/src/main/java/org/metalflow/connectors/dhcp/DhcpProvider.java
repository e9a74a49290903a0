package org.metalflow.connectors.dhcp;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A DHCP server the platform writes host reservations into. Every write converges: reserving what is already
 * reserved identically is a no-op, removing what is not there is a no-op, so a task that runs twice is safe.
 * Implementations are thread-safe.
 */
public interface DhcpProvider extends AutoCloseable {

    /** Short name for messages and configuration, e.g. {@code kea-hosts-db}, {@code kea-control-agent}, {@code dnsmasq}. */
    String name();

    Set<DhcpCapability> capabilities();

    /**
     * Creates or replaces the reservation for {@code reservation.mac()}. A different MAC already holding the same
     * IP address is a conflict ({@link DhcpException} with {@code transientFailure() == false}), never overwritten.
     */
    void reserve(DhcpReservation reservation);

    /** Removes the reservation of this MAC, if any. */
    void remove(String mac);

    Optional<DhcpReservation> find(String mac);

    /** Current leases; only when {@link DhcpCapability#LEASES} is offered. */
    default List<DhcpLease> leases() {
        throw new UnsupportedOperationException(name() + " cannot list leases");
    }

    /** Removes the lease of this IPv4 address, if any; only when {@link DhcpCapability#LEASES} is offered. */
    default void removeLease(String ipAddress) {
        throw new UnsupportedOperationException(name() + " cannot remove leases");
    }

    @Override
    default void close() {
    }
}
