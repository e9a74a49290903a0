package org.metalflow.lab;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions of one BMC, limited in number. Idle sessions are dropped when the table is next
 * looked at; no timer runs. Not thread-safe: {@link SimulatedBmc} guards it.
 */
final class SessionTable {

    private static final SecureRandom TOKENS = new SecureRandom();

    private final Map<String, LabSession> byToken = new LinkedHashMap<>();
    private long sequence;

    Optional<LabSession> open(String username, int limit, long idleMillis, long nowMillis, VendorPersonality personality) {
        expire(idleMillis, nowMillis);
        if (byToken.size() >= limit) {
            return Optional.empty();
        }
        byte[] secret = new byte[16];
        TOKENS.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        LabSession session = new LabSession(personality.sessionId(username, ++sequence), token, username, nowMillis);
        byToken.put(token, session);
        return Optional.of(session);
    }

    Optional<LabSession> byToken(String token, long idleMillis, long nowMillis) {
        expire(idleMillis, nowMillis);
        LabSession session = byToken.get(token);
        if (session != null) {
            session.touch(nowMillis);
        }
        return Optional.ofNullable(session);
    }

    Optional<LabSession> byId(String id, long idleMillis, long nowMillis) {
        expire(idleMillis, nowMillis);
        return byToken.values().stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    boolean close(String id) {
        return byToken.values().removeIf(s -> s.id().equalsIgnoreCase(id));
    }

    List<LabSession> list(long idleMillis, long nowMillis) {
        expire(idleMillis, nowMillis);
        return new ArrayList<>(byToken.values());
    }

    int size() {
        return byToken.size();
    }

    boolean isEmpty() {
        return byToken.isEmpty();
    }

    private void expire(long idleMillis, long nowMillis) {
        byToken.values().removeIf(s -> nowMillis - s.lastUsedMillis() >= idleMillis);
    }
}
