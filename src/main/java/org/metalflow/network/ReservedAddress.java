package org.metalflow.network;

import java.time.Instant;

/** An address of a network that allocation skips (a switch, a printer, a VIP), with why. */
public record ReservedAddress(String address, String note, Instant createdAt) {
}
