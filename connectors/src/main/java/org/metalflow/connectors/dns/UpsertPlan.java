package org.metalflow.connectors.dns;

import java.util.List;
import java.util.Set;

/** What an upsert has to do, given the values the name carries now. Shared by every provider so they agree. */
public enum UpsertPlan {

    /** The name already carries exactly the wanted value: send nothing. */
    UNCHANGED,
    /** The name carries no value of that type: create the RRset. */
    CREATE,
    /** The name carries other values and the caller asked to overwrite them: replace the RRset. */
    REPLACE;

    /**
     * Decides. {@code existing} are the values the server answered, any spelling.
     *
     * @param server names the server in the conflict message, e.g. {@code BIND 127.0.0.1:53}
     * @throws DnsConflictException when the name carries another value and {@code overwrite} is false
     */
    public static UpsertPlan decide(DnsRecord wanted, List<String> existing, boolean overwrite, String server) {
        Set<String> current = RecordValues.canonical(wanted.type(), existing);
        String value = RecordValues.canonical(wanted.type(), wanted.value());
        if (current.isEmpty()) {
            return CREATE;
        }
        if (current.equals(Set.of(value))) {
            return UNCHANGED;
        }
        if (overwrite) {
            return REPLACE;
        }
        List<String> values = List.copyOf(current);
        throw new DnsConflictException(wanted.name() + " " + wanted.type() + " already carries "
                + String.join(", ", values) + " on " + server + "; wanted " + value
                + " (not overwritten: overwrite was not requested)", values);
    }
}
