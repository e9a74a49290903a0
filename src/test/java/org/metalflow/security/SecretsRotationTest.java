package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A key rotation on the platform's real database: values sealed under the old key are sealed again under the new
 * one (the old key no longer opens them, the new one alone does), values under keys the rotation was not given
 * are left and counted, and running it again changes nothing. The platform's own rows (under its own key, which
 * this test does not know) stay untouched.
 */
class SecretsRotationTest extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private SecretCipher platformCipher;

    @Autowired
    private List<SealedColumn> columns;

    @Test
    void everyValueUnderTheOldKeyIsSealedAgainUnderTheNewOne() {
        byte[] oldKey = key();
        byte[] newKey = key();
        SecretCipher old = new SecretCipher(oldKey);
        CredentialVault oldVault = new CredentialVault(jdbc, old, Clock.systemUTC());
        List<UUID> ids = List.of(oldVault.store("root", "rotate-me-1"), oldVault.store("root", "rotate-me-2"),
                oldVault.store("admin", "rotate-me-3"));
        int platformRows = rowsUnder(platformCipher.keyId());

        SecretCipher rotating = new SecretCipher(newKey, List.of(oldKey));
        List<SecretsRotation.Result> results = new SecretsRotation(jdbc, rotating, columns, transactions).rotate();

        SecretsRotation.Result credentials = results.stream()
                .filter(r -> r.column().table().equals("bmc_credential")).findFirst().orElseThrow();
        assertThat(credentials.resealed()).isEqualTo(3);
        assertThat(credentials.underUnknownKeys()).as("the platform's own rows").isEqualTo(platformRows);
        assertThat(results).extracting(r -> r.column().table())
                .contains("bmc_credential", "machine_deployment", "cm_registration");
        CredentialVault newVault = new CredentialVault(jdbc, new SecretCipher(newKey), Clock.systemUTC());
        assertThat(ids.stream().map(id -> newVault.reveal(id).password()))
                .containsExactly("rotate-me-1", "rotate-me-2", "rotate-me-3");
        assertThatThrownBy(() -> oldVault.reveal(ids.get(0))).hasMessageContaining("wrong key");
        assertThat(rowsUnder(old.keyId())).isZero();
        assertThat(rowsUnder(rotating.keyId())).isEqualTo(3);
        assertThat(rowsUnder(platformCipher.keyId())).isEqualTo(platformRows);
        assertThat(jdbc.sql("select password_sealed from bmc_credential where id = :id").param("id", ids.get(0))
                .query(String.class).single()).doesNotContain("rotate-me");

        assertThat(new SecretsRotation(jdbc, rotating, columns, transactions).rotate())
                .allSatisfy(r -> assertThat(r.resealed()).as("again: nothing left to do").isZero());
    }

    private int rowsUnder(String keyId) {
        return jdbc.sql("select count(*) from bmc_credential where key_id = :k").param("k", keyId).query(Integer.class).single();
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
