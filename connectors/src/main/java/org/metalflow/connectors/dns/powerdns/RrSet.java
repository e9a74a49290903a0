package org.metalflow.connectors.dns.powerdns;

import java.util.List;

/** One RRset as the API returns it: its TTL and its records, disabled ones included when the API shows them. */
record RrSet(long ttl, List<Entry> entries) {

    static final RrSet NONE = new RrSet(0, List.of());

    record Entry(String content, boolean disabled) {
    }

    /** The values DNS answers: the enabled records' contents. */
    List<String> values() {
        return entries.stream().filter(entry -> !entry.disabled()).map(Entry::content).toList();
    }
}
