package org.metalflow.roles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Roles stored as JSON documents, and which machine carries which. */
@Repository
class RoleRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RoleRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts or replaces; returns true when the role is new. */
    boolean save(Role role, Instant now) {
        String document = write(role);
        int updated = jdbc.sql("update machine_role_definition set document = :d, updated_at = :now where name = :n")
                .param("d", document).param("now", now.atOffset(ZoneOffset.UTC)).param("n", role.name()).update();
        if (updated == 1) {
            return false;
        }
        jdbc.sql("insert into machine_role_definition (name, document, updated_at) values (:n, :d, :now)")
                .param("n", role.name()).param("d", document).param("now", now.atOffset(ZoneOffset.UTC)).update();
        return true;
    }

    Optional<Role> find(String name) {
        return jdbc.sql("select document from machine_role_definition where name = :n").param("n", name)
                .query(String.class).optional().map(this::read);
    }

    List<Role> all() {
        return jdbc.sql("select document from machine_role_definition order by name").query(String.class).list()
                .stream().map(this::read).toList();
    }

    boolean inUse(String name) {
        return jdbc.sql("select count(*) from machine_role where role_name = :n").param("n", name)
                .query(Long.class).single() > 0;
    }

    boolean delete(String name) {
        return jdbc.sql("delete from machine_role_definition where name = :n").param("n", name).update() > 0;
    }

    List<String> rolesOf(UUID machineId) {
        return jdbc.sql("select role_name from machine_role where machine_id = :id order by role_name")
                .param("id", machineId).query(String.class).list();
    }

    void replaceRoles(UUID machineId, List<String> roles) {
        jdbc.sql("delete from machine_role where machine_id = :id").param("id", machineId).update();
        for (String role : roles) {
            jdbc.sql("insert into machine_role (machine_id, role_name) values (:id, :r)")
                    .param("id", machineId).param("r", role).update();
        }
    }

    private String write(Role role) {
        try {
            return json.writeValueAsString(role);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("role " + role.name() + " cannot be written as JSON", e);
        }
    }

    private Role read(String document) {
        try {
            return json.readValue(document, Role.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored role cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
