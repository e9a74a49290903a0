package org.metalflow.security;

/** A user name and password opened from the vault for one call; never logged, never serialised. */
public record Credential(String username, String password) {

    @Override
    public String toString() {
        return "Credential[username=" + username + ", password=******]";
    }
}
