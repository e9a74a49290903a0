package org.metalflow.security;

import java.util.regex.Pattern;

/**
 * A column of values sealed with the secrets key, declared (as a bean) by the package that owns the table, so a
 * key rotation can seal them again under the new key ({@link SecretsRotation}). The associated data of each value
 * is its row's id as text.
 *
 * @param table        the table
 * @param idColumn     its primary key, the associated data of the sealed value
 * @param sealedColumn the sealed value (rows where it is null are skipped)
 * @param keyIdColumn  the id of the key the value is sealed with
 */
public record SealedColumn(String table, String idColumn, String sealedColumn, String keyIdColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public SealedColumn {
        for (String name : new String[] {table, idColumn, sealedColumn, keyIdColumn}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("not an SQL identifier: " + name);
            }
        }
    }
}
