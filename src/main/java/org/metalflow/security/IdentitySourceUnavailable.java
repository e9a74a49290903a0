package org.metalflow.security;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The identity source (the engine's tables, or an LDAP directory) could not answer whether a login is valid: the
 * caller gets 503, not 401 (the credentials may be fine) and not 500. The cause is logged, never sent. Internal:
 * the provider manager passes it on at once instead of asking other providers.
 */
final class IdentitySourceUnavailable extends InternalAuthenticationServiceException {

    IdentitySourceUnavailable(RuntimeException cause) {
        super("the user directory did not answer; try again shortly", cause);
    }
}
