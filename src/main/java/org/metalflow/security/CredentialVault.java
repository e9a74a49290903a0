package org.metalflow.security;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * BMC credentials, encrypted at rest and referenced everywhere else by id. Only the vault turns an id back
 * into a password, at the moment a connector needs it.
 */
@Component
public class CredentialVault {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    public CredentialVault(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    public UUID store(String username, String password) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into bmc_credential (id, username, password_sealed, key_id, created_at)
                values (:id, :user, :sealed, :keyId, :now)""")
                .param("id", id).param("user", username).param("sealed", cipher.seal(password, id.toString()))
                .param("keyId", cipher.keyId()).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    public Credential reveal(UUID id) {
        return jdbc.sql("select username, password_sealed from bmc_credential where id = :id").param("id", id)
                .query((rs, n) -> new Credential(rs.getString(1), cipher.open(rs.getString(2), id.toString())))
                .optional()
                .orElseThrow(() -> new IllegalStateException("credential " + id + " does not exist"));
    }
}
