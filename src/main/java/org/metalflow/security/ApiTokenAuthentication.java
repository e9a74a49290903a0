package org.metalflow.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an API token: it is its owner, with the rights of the token's one group only
 * (the only authority it carries), whatever other groups the owner is in.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final UUID tokenId;
    private final String owner;
    private final String group;

    ApiTokenAuthentication(UUID tokenId, String owner, String group) {
        super(List.of(Groups.authority(group)));
        this.tokenId = tokenId;
        this.owner = owner;
        this.group = group;
        setAuthenticated(true);
    }

    UUID tokenId() {
        return tokenId;
    }

    String group() {
        return group;
    }

    @Override
    public String getName() {
        return owner;
    }

    @Override
    public Object getPrincipal() {
        return owner;
    }

    @Override
    public Object getCredentials() {
        return null;
    }
}
