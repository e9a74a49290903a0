package org.metalflow.boot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DeploymentRepository {

    private static final String COLUMNS = "machine_id, network, os, hostname, requested_by, requested_at, "
            + "token_expires_at, install_outcome, install_reason, install_reported_at";

    private final JdbcClient jdbc;

    DeploymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores what to deploy, replacing an earlier request and forgetting its token and outcome. */
    void request(UUID machineId, String network, String os, String hostname, String requestedBy, Instant at) {
        int updated = jdbc.sql("""
                        update machine_deployment set network = :network, os = :os, hostname = :hostname,
                          requested_by = :by, requested_at = :at, token_sha256 = null, token_sealed = null,
                          token_key_id = null, token_expires_at = null, install_outcome = null,
                          install_reason = null, install_reported_at = null
                        where machine_id = :id""")
                .param("id", machineId).param("network", network).param("os", os).param("hostname", hostname)
                .param("by", requestedBy).param("at", Timestamp.from(at))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into machine_deployment (machine_id, network, os, hostname, requested_by, requested_at)
                            values (:id, :network, :os, :hostname, :by, :at)""")
                    .param("id", machineId).param("network", network).param("os", os).param("hostname", hostname)
                    .param("by", requestedBy).param("at", Timestamp.from(at))
                    .update();
        }
    }

    Optional<Deployment> find(UUID machineId) {
        return jdbc.sql("select " + COLUMNS + " from machine_deployment where machine_id = :id")
                .param("id", machineId).query(DeploymentRepository::deployment).optional();
    }

    /** Locks the machine's row until the transaction ends; the callback and the process's check take turns. */
    Optional<Deployment> lock(UUID machineId) {
        return jdbc.sql("select " + COLUMNS + " from machine_deployment where machine_id = :id for update")
                .param("id", machineId).query(DeploymentRepository::deployment).optional();
    }

    Optional<UUID> findByToken(String tokenSha256) {
        return jdbc.sql("select machine_id from machine_deployment where token_sha256 = :hash")
                .param("hash", tokenSha256).query(UUID.class).optional();
    }

    Optional<UUID> lockByToken(String tokenSha256) {
        return jdbc.sql("select machine_id from machine_deployment where token_sha256 = :hash for update")
                .param("hash", tokenSha256).query(UUID.class).optional();
    }

    void storeToken(UUID machineId, String sha256, String sealed, String keyId, Instant expiresAt) {
        jdbc.sql("""
                        update machine_deployment set token_sha256 = :hash, token_sealed = :sealed, token_key_id = :key,
                          token_expires_at = :expires, install_outcome = null, install_reason = null,
                          install_reported_at = null
                        where machine_id = :id""")
                .param("id", machineId).param("hash", sha256).param("sealed", sealed).param("key", keyId)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** The sealed token of a deployment that waits for its installer: not used, not expired. */
    Optional<String> liveSealedToken(UUID machineId, Instant now) {
        return jdbc.sql("""
                        select token_sealed from machine_deployment
                        where machine_id = :id and token_sealed is not null and install_outcome is null
                          and token_expires_at > :now""")
                .param("id", machineId).param("now", Timestamp.from(now)).query(String.class).optional();
    }

    /** The SHA-256 of the machine's current install token while it has not expired (used or not). */
    Optional<String> unexpiredTokenHash(UUID machineId, Instant now) {
        return jdbc.sql("""
                        select token_sha256 from machine_deployment
                        where machine_id = :id and token_sha256 is not null and token_expires_at > :now""")
                .param("id", machineId).param("now", Timestamp.from(now)).query(String.class).optional();
    }

    void clearToken(UUID machineId) {
        jdbc.sql("""
                        update machine_deployment set token_sha256 = null, token_sealed = null, token_key_id = null,
                          token_expires_at = null
                        where machine_id = :id""")
                .param("id", machineId).update();
    }

    void recordOutcome(UUID machineId, String outcome, String reason, Instant at) {
        jdbc.sql("""
                        update machine_deployment set install_outcome = :outcome, install_reason = :reason,
                          install_reported_at = :at, token_sealed = null
                        where machine_id = :id""")
                .param("id", machineId).param("outcome", outcome).param("reason", reason)
                .param("at", Timestamp.from(at)).update();
    }

    private static Deployment deployment(ResultSet rs, int row) throws SQLException {
        return new Deployment(rs.getObject("machine_id", UUID.class), rs.getString("network"), rs.getString("os"),
                rs.getString("hostname"), rs.getString("requested_by"), instant(rs, "requested_at"),
                instant(rs, "token_expires_at"), rs.getString("install_outcome"), rs.getString("install_reason"),
                instant(rs, "install_reported_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
