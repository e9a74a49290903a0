package org.metalflow.lab;

/** A Redfish session of one simulated BMC; {@code lastUsedMillis} moves on each authenticated request. */
final class LabSession {

    private final String id;
    private final String token;
    private final String username;
    private long lastUsedMillis;

    LabSession(String id, String token, String username, long nowMillis) {
        this.id = id;
        this.token = token;
        this.username = username;
        this.lastUsedMillis = nowMillis;
    }

    String id() {
        return id;
    }

    String token() {
        return token;
    }

    String username() {
        return username;
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    void touch(long nowMillis) {
        lastUsedMillis = nowMillis;
    }
}
