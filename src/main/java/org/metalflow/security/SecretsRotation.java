package org.metalflow.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes a key rotation at start: while previous keys are configured ({@code metalflow.secrets.previous-keys}),
 * every value sealed under one of them is opened and sealed again under the current key, 500 rows per
 * transaction. A row changed meanwhile is left to the next start (its key id no longer matches). Values under a
 * key the platform does not know are counted and left: they need the key that sealed them. Logs key ids and counts,
 * never values.
 */
@Component
public class SecretsRotation implements ApplicationRunner {

    private static final System.Logger LOG = System.getLogger(SecretsRotation.class.getName());
    private static final int BATCH = 500;

    /** What a rotation did to one column. */
    public record Result(SealedColumn column, int resealed, int underUnknownKeys) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final List<SealedColumn> columns;
    private final TransactionTemplate transactions;

    public SecretsRotation(JdbcClient jdbc, SecretCipher cipher, List<SealedColumn> columns,
                           TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.columns = columns;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (cipher.previousKeyIds().isEmpty()) {
            return;
        }
        for (Result result : rotate()) {
            LOG.log(System.Logger.Level.INFO, "secrets: {0} values of {1}.{2} sealed again under key {3}; {4} under unknown keys",
                    result.resealed(), result.column().table(), result.column().sealedColumn(), cipher.keyId(),
                    result.underUnknownKeys());
        }
    }

    public List<Result> rotate() {
        List<Result> results = new ArrayList<>();
        for (SealedColumn column : columns) {
            int resealed = 0;
            int done;
            do {
                done = transactions.execute(status -> resealBatch(column));
                resealed += done;
            } while (done == BATCH);
            results.add(new Result(column, resealed, underUnknownKeys(column)));
        }
        return results;
    }

    private int resealBatch(SealedColumn c) {
        List<Map<String, Object>> rows = jdbc.sql("select " + c.idColumn() + " as id, " + c.sealedColumn() + " as sealed, "
                        + c.keyIdColumn() + " as key_id from " + c.table() + " where " + c.keyIdColumn()
                        + " in (:old) and " + c.sealedColumn() + " is not null order by " + c.idColumn() + " fetch first " + BATCH
                        + " rows only")
                .param("old", List.copyOf(cipher.previousKeyIds())).query().listOfRows();
        int count = 0;
        for (Map<String, Object> row : rows) {
            Object id = value(row, "id");
            String plain = cipher.open((String) value(row, "sealed"), id.toString());
            count += jdbc.sql("update " + c.table() + " set " + c.sealedColumn() + " = :sealed, " + c.keyIdColumn()
                            + " = :keyId where " + c.idColumn() + " = :id and " + c.keyIdColumn() + " = :old")
                    .param("sealed", cipher.seal(plain, id.toString())).param("keyId", cipher.keyId())
                    .param("id", id).param("old", value(row, "key_id")).update();
        }
        return count;
    }

    private int underUnknownKeys(SealedColumn c) {
        List<String> known = new ArrayList<>(cipher.previousKeyIds());
        known.add(cipher.keyId());
        return jdbc.sql("select count(*) from " + c.table() + " where " + c.keyIdColumn() + " not in (:known) and "
                + c.sealedColumn() + " is not null").param("known", known).query(Integer.class).single();
    }

    /** Column labels come back upper-case from H2 and lower-case from PostgreSQL. */
    private static Object value(Map<String, Object> row, String label) {
        Object value = row.get(label);
        return value != null ? value : row.get(label.toUpperCase(java.util.Locale.ROOT));
    }
}
