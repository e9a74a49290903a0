package org.metalflow.connectors.dns;

import java.util.List;

/** The name already carries another value of the same type and the caller did not ask to overwrite it. */
public class DnsConflictException extends DnsException {

    private final List<String> existing;

    public DnsConflictException(String message, List<String> existing) {
        super(message, false);
        this.existing = List.copyOf(existing);
    }

    public List<String> existing() {
        return existing;
    }
}
