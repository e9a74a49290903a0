package org.metalflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.metalflow.api.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;

/**
 * API tokens for automation: {@code mft_} and 256 random bits (base64url), shown once when created and stored
 * only as their SHA-256. A token authenticates as its owner with the rights of one group; it stops working when
 * revoked, when it expires, or when its owner is no longer in that group (nor in admins).
 */
@Service
class ApiTokens {

    static final String PREFIX = "mft_";
    private static final int SECRET_BYTES = 32;
    private static final int MAX_NAME = 100;
    /** last_used_at is a hint for finding stale tokens, so it is written at most this often per token. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokenRepository repository;
    private final IdentityService identity;
    private final Clock clock;
    private final ApiTokenProperties properties;
    private final Pattern groupId;

    ApiTokens(ApiTokenRepository repository, IdentityService identity, Clock clock, ApiTokenProperties properties,
              @Value("${camunda.bpm.generic-properties.properties.group-resource-whitelist-pattern}") String groupId) {
        this.repository = repository;
        this.identity = identity;
        this.clock = clock;
        this.properties = properties;
        this.groupId = Pattern.compile(groupId);
    }

    /** What a create answers, the only time the secret leaves the platform. */
    record Issued(ApiToken token, String secret) {
    }

    /** A bearer token the platform does not accept; one message for all reasons, so it tells a guesser nothing. */
    static final class RefusedToken extends BadCredentialsException {
        RefusedToken() {
            super("the API token is unknown, expired or revoked, or its owner is no longer in its group");
        }
    }

    /**
     * Issues a token for {@code owner} (the caller, or anyone when the caller is an admin) scoped to {@code group},
     * of which the caller must be a member unless they are an admin, and so must the owner.
     */
    Issued issue(String caller, List<String> callerGroups, String name, String group, Instant expiresAt,
                 String owner) {
        boolean admin = callerGroups.contains(Groups.ADMINS);
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidFieldException("name", "is required, at most " + MAX_NAME + " characters");
        }
        if (group == null || group.isBlank()) {
            throw new InvalidFieldException("group", "is required: the one group whose rights the token carries");
        }
        // the engine's rule for group ids; it also keeps LDAP filter syntax such as * out of the group queries
        // below, which Camunda's LDAP provider sends to the directory unescaped
        if (!groupId.matcher(group).matches() || identity.createGroupQuery().groupId(group).count() == 0) {
            throw new InvalidFieldException("group", "names no existing group: " + group);
        }
        if (!admin && !callerGroups.contains(group)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "group", "you may scope a token only to a group you "
                    + "are a member of, and you are not in " + group);
        }
        String tokenOwner = owner == null || owner.isBlank() ? caller : owner;
        if (!tokenOwner.equals(caller)) {
            if (!admin) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "owner", "only admins issue tokens for other users");
            }
            if (identity.createUserQuery().userId(tokenOwner).count() == 0) {
                throw new InvalidFieldException("owner", "names no existing user: " + tokenOwner);
            }
            if (!entitled(tokenOwner, group)) {
                throw new InvalidFieldException("owner", "(" + tokenOwner + ") is not in " + group
                        + ", so the token would not work");
            }
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new InvalidFieldException("expiresAt", "must be in the future");
        }
        if (properties.limited()) {
            Instant latest = now.plus(properties.maxLifetime());
            if (expiresAt == null) {
                expiresAt = latest;
            } else if (expiresAt.isAfter(latest)) {
                throw new InvalidFieldException("expiresAt", "must not be after " + latest + ": tokens live at most "
                        + properties.describeMaxLifetime() + " (metalflow.security.tokens.max-lifetime)");
            }
        }
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        ApiToken token = new ApiToken(UUID.randomUUID(), name.strip(), tokenOwner, group, now, expiresAt, null, null);
        repository.insert(token, hash(secret));
        return new Issued(token, secret);
    }

    /** The caller's own tokens, or every token for an admin, newest first. */
    PageResponse<ApiToken> list(String caller, List<String> callerGroups, PageRequestParams page) {
        String owner = callerGroups.contains(Groups.ADMINS) ? null : caller;
        return new PageResponse<>(repository.page(owner, page.offset(), page.size()), page.page(), page.size(),
                repository.count(owner));
    }

    /** Revokes the caller's token (any token for an admin); someone else's token is "not found", as it is to them. */
    void revoke(UUID id, String caller, List<String> callerGroups) {
        Optional<ApiToken> token = repository.byId(id)
                .filter(t -> t.owner().equals(caller) || callerGroups.contains(Groups.ADMINS));
        if (token.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null, "no API token " + id);
        }
        repository.revoke(id, clock.instant());
    }

    /** The authentication a bearer secret stands for; throws {@link RefusedToken} when it stands for none. */
    ApiTokenAuthentication authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new RefusedToken();
        }
        Instant now = clock.instant();
        ApiToken token = repository.byHash(hash(secret)).filter(t -> t.usableAt(now))
                .filter(t -> entitled(t.owner(), t.group())).orElseThrow(RefusedToken::new);
        repository.used(token.id(), now, LAST_USED_GRANULARITY);
        return new ApiTokenAuthentication(token.id(), token.owner(), token.group());
    }

    /** Whether the user is (still) in the group, or an admin, who may act as any group. */
    private boolean entitled(String user, String group) {
        return IdentitySourceUnavailable.ask(() ->
                identity.createUserQuery().userId(user).memberOfGroup(group).count() > 0
                        || identity.createUserQuery().userId(user).memberOfGroup(Groups.ADMINS).count() > 0);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
