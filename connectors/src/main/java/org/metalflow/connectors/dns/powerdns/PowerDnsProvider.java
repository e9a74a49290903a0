package org.metalflow.connectors.dns.powerdns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.metalflow.connectors.dns.DnsException;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.RecordValues;
import org.metalflow.connectors.dns.UpsertPlan;

/**
 * Writes A and PTR records through the PowerDNS Authoritative HTTP API: reads the one RRset, decides like every
 * provider ({@link UpsertPlan}), then PATCHes it with {@code changetype: REPLACE} (or {@code DELETE} when a
 * delete leaves it empty).
 *
 * <p>The API has no compare-and-set, so the read and the PATCH are two steps. The provider serialises its own
 * writes to one RRset (lock striping), so its threads never undo each other; a writer outside this provider
 * that changes the same RRset between the two steps is not detected. Thread-safe.
 */
public final class PowerDnsProvider implements DnsProvider {

    private static final System.Logger LOG = System.getLogger(PowerDnsProvider.class.getName());
    private static final int STRIPES = 64;

    private final PowerDnsSettings settings;
    private final PowerDnsApi api;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public PowerDnsProvider(PowerDnsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.api = new PowerDnsApi(settings);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public String name() {
        return "powerdns";
    }

    @Override
    public void upsert(DnsRecord record, boolean overwrite) {
        String value = checked(record);
        String type = record.type().name();
        ReentrantLock lock = lockFor(record);
        lock.lock();
        try {
            RrSet current = api.read(record.zone(), record.name(), type);
            UpsertPlan plan = UpsertPlan.decide(record, current.values(), overwrite, settings.describe());
            if (plan == UpsertPlan.UNCHANGED) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1} {2} already carries {3}; nothing sent", settings.describe(), record.name(), type, value);
                return;
            }
            api.replace(record.zone(), record.name(), type, record.ttl(), List.of(new RrSet.Entry(value, false)),
                    "PATCH zone " + record.zone() + " REPLACE " + record.name() + " " + type + " " + value);
            LOG.log(System.Logger.Level.INFO, "{0}: {1} {2} now carries {3} ({4})", settings.describe(), record.name(), type, value,
                    plan == UpsertPlan.CREATE ? "created" : "replaced " + String.join(", ", current.values()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(DnsRecord record) {
        String value = checked(record);
        String type = record.type().name();
        ReentrantLock lock = lockFor(record);
        lock.lock();
        try {
            RrSet current = api.read(record.zone(), record.name(), type);
            List<RrSet.Entry> remaining = new ArrayList<>();
            boolean found = false;
            for (RrSet.Entry entry : current.entries()) {
                if (RecordValues.canonical(record.type(), entry.content()).equals(value)) {
                    found = true;
                } else {
                    remaining.add(entry);
                }
            }
            if (!found) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1} {2} does not carry {3}; nothing to delete", settings.describe(), record.name(), type, value);
                return;
            }
            if (remaining.isEmpty()) {
                api.deleteRrSet(record.zone(), record.name(), type,
                        "PATCH zone " + record.zone() + " DELETE " + record.name() + " " + type);
            } else {
                api.replace(record.zone(), record.name(), type, current.ttl(), remaining,
                        "PATCH zone " + record.zone() + " REPLACE " + record.name() + " " + type + " without " + value);
            }
            LOG.log(System.Logger.Level.INFO, "{0}: deleted {1} {2} {3}", settings.describe(), record.name(), type, value);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads through the API, not DNS: finds the closest enclosing zone the server holds (one small request per
     * label), then that one RRset. A name in no zone of the server is an error, not an empty answer.
     */
    @Override
    public List<String> lookup(String name, DnsRecord.Type type) {
        String absolute = name.toLowerCase(Locale.ROOT).endsWith(".") ? name.toLowerCase(Locale.ROOT)
                : name.toLowerCase(Locale.ROOT) + ".";
        for (String zone = absolute; !zone.isEmpty(); zone = parent(zone)) {
            if (api.zoneExists(zone)) {
                return api.read(zone, absolute, type.name()).values().stream()
                        .map(value -> RecordValues.canonical(type, value)).toList();
            }
        }
        throw new DnsException("no zone on " + settings.describe() + " contains " + absolute, false);
    }

    @Override
    public void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "PowerDnsProvider[" + settings + "]";
    }

    private String checked(DnsRecord record) {
        if (!RecordValues.inZone(record.name(), record.zone())) {
            throw new DnsException(record.name() + " is not inside zone " + record.zone() + " (on "
                    + settings.describe() + "); nothing was sent", false);
        }
        try {
            return RecordValues.canonical(record.type(), record.value());
        } catch (IllegalArgumentException e) {
            throw new DnsException(record.name() + " " + record.type() + ": " + e.getMessage() + "; nothing was sent to "
                    + settings.describe(), false, e);
        }
    }

    private ReentrantLock lockFor(DnsRecord record) {
        int hash = (record.zone() + "|" + record.name() + "|" + record.type()).hashCode();
        return locks[Math.floorMod(hash, STRIPES)];
    }

    /** {@code b.lab.example.} for {@code a.b.lab.example.}; empty after the last label. */
    private static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1);
    }
}
