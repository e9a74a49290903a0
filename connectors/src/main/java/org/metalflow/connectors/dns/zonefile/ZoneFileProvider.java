package org.metalflow.connectors.dns.zonefile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.metalflow.connectors.dns.DnsConflictException;
import org.metalflow.connectors.dns.DnsException;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Keeps A and PTR records in RFC 1035 master files, one per zone ({@code DIR/<zone>.zone}), for a server that
 * loads them (BIND or Knot after a reload) or, in the lab, for people to read. Each write renders the whole
 * zone to a temporary file and renames it over the old one, so a reader never sees half a file; the SOA serial
 * goes up by one per change. One provider owns a directory.
 */
public final class ZoneFileProvider implements DnsProvider {

    private final Path directory;
    private final String primaryNameServer;
    private final Map<String, Map<String, Set<String>>> zones = new HashMap<>();
    private final Map<String, Long> serials = new HashMap<>();

    /**
     * @param primaryNameServer the zone's NS and SOA MNAME, absolute (e.g. {@code ns1.lab.example.})
     */
    public ZoneFileProvider(Path directory, String primaryNameServer) {
        this.directory = directory;
        this.primaryNameServer = primaryNameServer.endsWith(".") ? primaryNameServer : primaryNameServer + ".";
    }

    @Override
    public String name() {
        return "zone-files";
    }

    @Override
    public synchronized void upsert(DnsRecord record, boolean overwrite) {
        Map<String, Set<String>> zone = zone(record.zone());
        checkInZone(record);
        String key = key(record.name(), record.type());
        Set<String> values = zone.getOrDefault(key, Set.of());
        if (values.size() == 1 && values.contains(record.value())) {
            return;
        }
        if (!values.isEmpty() && !overwrite) {
            throw new DnsConflictException(record.name() + " " + record.type() + " already carries " + values
                    + " in " + file(record.zone()) + "; not replaced with " + record.value(), List.copyOf(values));
        }
        zone.put(key, new LinkedHashSet<>(List.of(record.value())));
        write(record.zone(), zone);
    }

    @Override
    public synchronized void delete(DnsRecord record) {
        Map<String, Set<String>> zone = zone(record.zone());
        String key = key(record.name(), record.type());
        Set<String> values = zone.get(key);
        if (values == null || !values.contains(record.value())) {
            return;
        }
        values.remove(record.value());
        if (values.isEmpty()) {
            zone.remove(key);
        }
        write(record.zone(), zone);
    }

    @Override
    public synchronized List<String> lookup(String name, DnsRecord.Type type) {
        String absolute = name.toLowerCase(java.util.Locale.ROOT);
        String fqdn = absolute.endsWith(".") ? absolute : absolute + ".";
        for (String zoneName : zoneNamesOnDisk()) {
            if (fqdn.equals(zoneName) || fqdn.endsWith("." + zoneName)) {
                Set<String> values = zone(zoneName).get(key(fqdn, type));
                if (values != null) {
                    return List.copyOf(values);
                }
            }
        }
        return List.of();
    }

    private void checkInZone(DnsRecord record) {
        if (!record.name().equals(record.zone()) && !record.name().endsWith("." + record.zone())) {
            throw new DnsException(record.name() + " is not inside zone " + record.zone(), false);
        }
    }

    private Map<String, Set<String>> zone(String zoneName) {
        return zones.computeIfAbsent(zoneName, this::read);
    }

    private Map<String, Set<String>> read(String zoneName) {
        Map<String, Set<String>> records = new TreeMap<>();
        Path file = file(zoneName);
        if (!Files.exists(file)) {
            serials.put(zoneName, 0L);
            return records;
        }
        try (Master master = new Master(file.toString(), Name.fromString(zoneName))) {
            Record record;
            while ((record = master.nextRecord()) != null) {
                String owner = record.getName().toString().toLowerCase(java.util.Locale.ROOT);
                switch (record.getType()) {
                    case Type.SOA -> serials.put(zoneName, ((org.xbill.DNS.SOARecord) record).getSerial());
                    case Type.A -> records.computeIfAbsent(key(owner, DnsRecord.Type.A), k -> new LinkedHashSet<>())
                            .add(record.rdataToString());
                    case Type.PTR -> records.computeIfAbsent(key(owner, DnsRecord.Type.PTR), k -> new LinkedHashSet<>())
                            .add(record.rdataToString().toLowerCase(java.util.Locale.ROOT));
                    default -> { }
                }
            }
            return records;
        } catch (TextParseException e) {
            throw new DnsException("zone file " + file + " cannot be parsed: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new DnsException("zone file " + file + " cannot be read: " + e.getMessage(), true, e);
        }
    }

    private void write(String zoneName, Map<String, Set<String>> records) {
        long serial = serials.merge(zoneName, 1L, Long::sum);
        Path file = file(zoneName);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, "." + zoneName, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write("; written by metalflow; changes made by hand are lost on the next write\n");
                out.write("$ORIGIN " + zoneName + "\n$TTL 300\n");
                out.write("@ IN SOA " + primaryNameServer + " hostmaster." + zoneName + " " + serial
                        + " 3600 600 604800 300\n");
                out.write("@ IN NS " + primaryNameServer + "\n");
                for (Map.Entry<String, Set<String>> entry : records.entrySet()) {
                    String[] nameAndType = entry.getKey().split(" ");
                    for (String value : entry.getValue()) {
                        out.write(nameAndType[0] + " IN " + nameAndType[1] + " " + value + "\n");
                    }
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            zones.remove(zoneName);
            throw new DnsException("cannot write zone file " + file + ": " + e.getMessage(), true, e);
        }
    }

    private List<String> zoneNamesOnDisk() {
        List<String> names = new ArrayList<>(zones.keySet());
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".zone"))
                        .map(n -> n.substring(0, n.length() - ".zone".length()) + ".")
                        .filter(n -> !names.contains(n))
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private Path file(String zoneName) {
        String bare = zoneName.endsWith(".") ? zoneName.substring(0, zoneName.length() - 1) : zoneName;
        if (!bare.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new DnsException("zone name " + zoneName + " is not a DNS name", false);
        }
        return directory.resolve(bare + ".zone");
    }

    private static String key(String name, DnsRecord.Type type) {
        return name + " " + type;
    }
}
