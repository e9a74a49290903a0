package org.metalflow.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_token} table: tokens by the SHA-256 of their secret, never the secret. */
@Repository
class ApiTokenRepository {

    private static final String COLUMNS = "id, name, owner, scope_group, created_at, expires_at, revoked_at, last_used_at";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, String hash) {
        jdbc.sql("insert into api_token (id, name, owner, scope_group, token_hash, created_at, expires_at) "
                        + "values (:id, :name, :owner, :group, :hash, :created, :expires)")
                .param("id", token.id()).param("name", token.name()).param("owner", token.owner())
                .param("group", token.group()).param("hash", hash).param("created", utc(token.createdAt()))
                .param("expires", utc(token.expiresAt())).update();
    }

    Optional<ApiToken> byHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_token where token_hash = :hash").param("hash", hash)
                .query(ApiTokenRepository::row).optional();
    }

    Optional<ApiToken> byId(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_token where id = :id").param("id", id)
                .query(ApiTokenRepository::row).optional();
    }

    /** One page by creation time, newest first; of one owner, or of everyone when owner is null. */
    List<ApiToken> page(String owner, long offset, int size) {
        String where = owner == null ? "" : " where owner = :owner";
        var statement = jdbc.sql("select " + COLUMNS + " from api_token" + where
                        + " order by created_at desc, id limit :limit offset :offset")
                .param("limit", size).param("offset", offset);
        if (owner != null) {
            statement = statement.param("owner", owner);
        }
        return statement.query(ApiTokenRepository::row).list();
    }

    long count(String owner) {
        return owner == null
                ? jdbc.sql("select count(*) from api_token").query(Long.class).single()
                : jdbc.sql("select count(*) from api_token where owner = :owner").param("owner", owner)
                        .query(Long.class).single();
    }

    void revoke(UUID id, Instant now) {
        jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", utc(now)).param("id", id).update();
    }

    /** Records a use, at most once per {@code granularity}: a busy client should not write on every request. */
    void used(UUID id, Instant now, java.time.Duration granularity) {
        jdbc.sql("update api_token set last_used_at = :now where id = :id "
                        + "and (last_used_at is null or last_used_at < :before)")
                .param("now", utc(now)).param("id", id).param("before", utc(now.minus(granularity))).update();
    }

    private static ApiToken row(ResultSet rs, int i) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"),
                rs.getString("scope_group"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
