package org.metalflow.cm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.metalflow.boot.InstallExtras;
import org.metalflow.security.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What configuration management gave a machine for its installer (Chef: the client key), kept sealed with the
 * secrets key until the install templates are rendered, and offered to them under {@code cm.*}.
 */
@Component
class CmRegistrations implements InstallExtras {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final ObjectMapper json;

    CmRegistrations(JdbcClient jdbc, SecretCipher cipher, ObjectMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    void store(UUID machineId, Map<String, Object> values) {
        jdbc.sql("delete from cm_registration where machine_id = :id").param("id", machineId).update();
        if (values.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("insert into cm_registration (machine_id, sealed, key_id) values (:id, :sealed, :key)")
                    .param("id", machineId).param("sealed", cipher.seal(json.writeValueAsString(values), machineId.toString()))
                    .param("key", cipher.keyId()).update();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registration values of " + machineId + " cannot be written", e);
        }
    }

    void forget(UUID machineId) {
        jdbc.sql("delete from cm_registration where machine_id = :id").param("id", machineId).update();
    }

    @Override
    public String key() {
        return "cm";
    }

    @Override
    public Map<String, Object> valuesFor(UUID machineId) {
        return jdbc.sql("select sealed from cm_registration where machine_id = :id").param("id", machineId)
                .query(String.class).optional()
                .map(sealed -> read(cipher.open(sealed, machineId.toString())))
                .orElse(Map.of());
    }

    private Map<String, Object> read(String document) {
        try {
            return json.readValue(document, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored registration values cannot be read", e);
        }
    }
}
