package org.metalflow.connectors.dhcp;

import java.time.Instant;

/** A lease the DHCP server handed out; {@code expires} may be null when the server does not say. */
public record DhcpLease(String mac, String ipAddress, String hostname, Instant expires) {
}
