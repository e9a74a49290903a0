package org.metalflow.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Profiles stored as JSON documents, one row per name. */
@Repository
class ProfileRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ProfileRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts or replaces; returns true when the profile is new. */
    boolean save(HardwareProfile profile, Instant now) {
        String document = write(profile);
        int updated = jdbc.sql("update hardware_profile set priority = :p, document = :d, updated_at = :now where name = :n")
                .param("p", profile.priority()).param("d", document).param("now", now.atOffset(ZoneOffset.UTC))
                .param("n", profile.name()).update();
        if (updated == 1) {
            return false;
        }
        jdbc.sql("insert into hardware_profile (name, priority, document, updated_at) values (:n, :p, :d, :now)")
                .param("n", profile.name()).param("p", profile.priority()).param("d", document)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        return true;
    }

    Optional<HardwareProfile> find(String name) {
        return jdbc.sql("select document from hardware_profile where name = :n").param("n", name)
                .query(String.class).optional().map(this::read);
    }

    /** All profiles, highest priority first, then by name: the order in which matching tries them. */
    List<HardwareProfile> all() {
        return jdbc.sql("select document from hardware_profile order by priority desc, name")
                .query(String.class).list().stream().map(this::read).toList();
    }

    boolean delete(String name) {
        return jdbc.sql("delete from hardware_profile where name = :n").param("n", name).update() == 1;
    }

    private String write(HardwareProfile profile) {
        try {
            return json.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store profile " + profile.name(), e);
        }
    }

    private HardwareProfile read(String document) {
        try {
            return json.readValue(document, HardwareProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
