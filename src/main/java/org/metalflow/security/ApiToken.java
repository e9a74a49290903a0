package org.metalflow.security;

import java.time.Instant;
import java.util.UUID;

/** An API token as the API shows it: everything but the secret, which exists only in the creator's hands. */
public record ApiToken(UUID id, String name, String owner, String group, Instant createdAt, Instant expiresAt,
                       Instant revokedAt, Instant lastUsedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
