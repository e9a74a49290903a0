package org.metalflow.connectors.dns.rfc2136;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.metalflow.connectors.dns.DnsException;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.RecordValues;
import org.metalflow.connectors.dns.UpsertPlan;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Writes A and PTR records with RFC 2136 dynamic updates, signed with TSIG (RFC 8945): BIND, Knot, PowerDNS
 * with {@code dnsupdate=yes}, Windows DNS with unsigned updates allowed.
 *
 * <p>An upsert first reads the RRset from the server itself (TCP, no recursion, no cache), then sends one
 * UPDATE whose prerequisites say what was read: "RRset does not exist" before creating it, "RRset exists
 * (value dependent)" with every value read before replacing it. So a change someone else made in between is
 * never overwritten blindly: the server answers NXRRSET or YXRRSET, the provider reads again and decides
 * again, once. Thread-safe.
 */
public final class Rfc2136Provider implements DnsProvider {

    private static final System.Logger LOG = System.getLogger(Rfc2136Provider.class.getName());

    private final Rfc2136Settings settings;
    private final DnsExchange exchange;

    public Rfc2136Provider(Rfc2136Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.exchange = new DnsExchange(settings);
    }

    @Override
    public String name() {
        return "rfc2136";
    }

    @Override
    public void upsert(DnsRecord record, boolean overwrite) {
        Target target = Target.of(record, settings.describe());
        for (int attempt = 1; ; attempt++) {
            List<Record> current = read(target.name(), target.type(), "upsert of " + target.describe());
            UpsertPlan plan = UpsertPlan.decide(record, values(current), overwrite, settings.describe());
            if (plan == UpsertPlan.UNCHANGED) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: {1} is already there; nothing sent", settings.describe(), target.describe());
                return;
            }
            Update update = new Update(target.zone());
            if (plan == UpsertPlan.CREATE) {
                update.absent(target.name(), target.type());
            } else {
                for (Record existing : current) {
                    // RFC 2136 2.4.2: a value-dependent prerequisite carries TTL 0 (BIND answers FORMERR otherwise).
                    update.present(Record.newRecord(existing.getName(), existing.getType(), DClass.IN, 0,
                            existing.rdataToWireCanonical()));
                }
                update.delete(target.name(), target.type());
            }
            update.add(target.record(record.ttl()));
            String what = "UPDATE " + target.describe() + " (" + (plan == UpsertPlan.CREATE ? "create" : "replace "
                    + String.join(", ", values(current))) + ")";
            Message response = exchange.send(update, settings.transport() == Rfc2136Settings.Transport.TCP, what);
            int rcode = response.getRcode();
            if (rcode == Rcode.NOERROR) {
                LOG.log(System.Logger.Level.INFO, "{0}: wrote {1} ({2})", settings.describe(), target.describe(),
                        plan == UpsertPlan.CREATE ? "created" : "replaced " + String.join(", ", values(current)));
                return;
            }
            if (rcode == Rcode.NXRRSET || rcode == Rcode.YXRRSET) {
                if (attempt == 1) {
                    LOG.log(System.Logger.Level.INFO, "{0}: {1} changed between read and update ({2}); reading it again", settings.describe(),
                            target.describe(), Rcode.string(rcode));
                    continue;
                }
                throw new DnsException(settings.describe() + " answered " + Rcode.string(rcode) + " to " + what
                        + " twice: the RRset keeps changing under concurrent updates; try again later", true);
            }
            throw Rcodes.failure(response, settings.describe(), what, true);
        }
    }

    @Override
    public void delete(DnsRecord record) {
        Target target = Target.of(record, settings.describe());
        List<Record> current = read(target.name(), target.type(), "delete of " + target.describe());
        if (!values(current).contains(target.value())) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: {1} is not there; nothing to delete", settings.describe(), target.describe());
            return;
        }
        Update update = new Update(target.zone());
        update.delete(target.record(0));
        String what = "UPDATE delete " + target.describe();
        Message response = exchange.send(update, settings.transport() == Rfc2136Settings.Transport.TCP, what);
        if (response.getRcode() != Rcode.NOERROR) {
            throw Rcodes.failure(response, settings.describe(), what, true);
        }
        LOG.log(System.Logger.Level.INFO, "{0}: deleted {1}", settings.describe(), target.describe());
    }

    @Override
    public List<String> lookup(String name, DnsRecord.Type type) {
        Name owner = Names.parse(name, "name");
        int wireType = switch (type) {
            case A -> Type.A;
            case PTR -> Type.PTR;
        };
        return values(read(owner, wireType, "lookup"));
    }

    /** The RRset as the server holds it now, asked over TCP without recursion: empty when there is none. */
    private List<Record> read(Name name, int type, String purpose) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        String what = "query " + name + " " + Type.string(type) + " (for " + purpose + ")";
        Message response = exchange.send(query, true, what);
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw Rcodes.failure(response, settings.describe(), what, false);
        }
        if (!response.getHeader().getFlag(Flags.AA)) {
            throw new DnsException(settings.describe() + " answered " + what + " without authority: it is not"
                    + " authoritative for " + name + " (wrong server, or the zone is delegated elsewhere)", false);
        }
        List<Record> records = new ArrayList<>();
        for (Record answer : response.getSection(Section.ANSWER)) {
            if (answer.getType() == type && answer.getName().equals(name)) {
                records.add(answer);
            } else if (answer instanceof CNAMERecord alias && alias.getName().equals(name)) {
                // RFC 2136 3.4.2.2: the server would silently ignore an A or PTR added beside a CNAME.
                throw new DnsException(name + " on " + settings.describe() + " is an alias (CNAME " + alias.getTarget()
                        + "), so it cannot carry " + Type.string(type) + " records; remove the CNAME first ("
                        + purpose + ")", false);
            }
        }
        return records;
    }

    private static List<String> values(List<Record> records) {
        List<String> values = new ArrayList<>();
        for (Record record : records) {
            if (record instanceof ARecord a) {
                values.add(a.getAddress().getHostAddress());
            } else if (record instanceof PTRRecord ptr) {
                values.add(RecordValues.canonical(DnsRecord.Type.PTR, ptr.getTarget().toString()));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "Rfc2136Provider[" + settings + "]";
    }

    /** A record checked and parsed into dnsjava's types; bad input fails here, before anything is sent. */
    private record Target(Name zone, Name name, int type, String value, String describe, Record template) {

        static Target of(DnsRecord record, String server) {
            Name zone = Names.parse(record.zone(), "zone");
            Name name = Names.parse(record.name(), "record name");
            if (!name.subdomain(zone)) {
                throw new DnsException(record.name() + " is not inside zone " + record.zone() + " (on " + server
                        + "); nothing was sent", false);
            }
            String value;
            try {
                value = RecordValues.canonical(record.type(), record.value());
            } catch (IllegalArgumentException e) {
                throw new DnsException(record.name() + " " + record.type() + ": " + e.getMessage()
                        + "; nothing was sent to " + server, false, e);
            }
            Record template = switch (record.type()) {
                case A -> new ARecord(name, DClass.IN, 0, ipv4(value));
                case PTR -> new PTRRecord(name, DClass.IN, 0, Names.parse(value, "PTR value"));
            };
            return new Target(zone, name, template.getType(), value,
                    record.name() + " " + record.type() + " " + value + " in zone " + record.zone(), template);
        }

        /** The record with {@code ttl}. */
        Record record(long ttl) {
            return template instanceof ARecord a
                    ? new ARecord(name, DClass.IN, ttl, a.getAddress())
                    : new PTRRecord(name, DClass.IN, ttl, ((PTRRecord) template).getTarget());
        }

        private static InetAddress ipv4(String canonical) {
            String[] parts = canonical.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an address", e);
            }
        }
    }
}
