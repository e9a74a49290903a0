package org.metalflow.boot;

import java.time.Instant;
import java.util.UUID;

/**
 * What a machine's deploy installs, and where its installer stands.
 *
 * @param installOutcome {@code installed} or {@code failed} once the installer called back; null before
 */
public record Deployment(UUID machineId, String network, String os, String hostname, String requestedBy,
                         Instant requestedAt, Instant tokenExpiresAt, String installOutcome, String installReason,
                         Instant installReportedAt) {
}
