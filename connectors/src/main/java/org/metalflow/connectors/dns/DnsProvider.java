package org.metalflow.connectors.dns;

import java.util.List;

/**
 * An authoritative DNS server the platform writes A and PTR records into. Writes converge: upserting a record
 * that already exists with the same value is a no-op, deleting a record that is not there is a no-op.
 * Implementations are thread-safe.
 */
public interface DnsProvider extends AutoCloseable {

    /** Short name for messages and configuration, e.g. {@code rfc2136}, {@code powerdns}. */
    String name();

    /**
     * Makes {@code record.name()} of {@code record.type()} carry exactly {@code record.value()}. When the name
     * already carries a different value of that type, throws {@link DnsConflictException} naming it, unless
     * {@code overwrite} is true, in which case the old value is replaced.
     */
    void upsert(DnsRecord record, boolean overwrite);

    /** Removes {@code record.name()} of {@code record.type()} if it carries {@code record.value()}; other values are left alone. */
    void delete(DnsRecord record);

    /** The values {@code name} of {@code type} carries now, as the server answers them (empty when none). */
    List<String> lookup(String name, DnsRecord.Type type);

    @Override
    default void close() {
    }
}
