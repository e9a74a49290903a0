package org.metalflow.security;

import java.util.function.Supplier;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The identity source (the engine's tables, or an LDAP directory) could not answer whether a login is valid: the
 * caller gets 503, not 401 (the credentials may be fine) and not 500. The cause is logged ({@link SecurityProblems}),
 * never sent. Internal: the provider manager passes it on at once instead of asking other providers.
 */
final class IdentitySourceUnavailable extends InternalAuthenticationServiceException {

    private IdentitySourceUnavailable(RuntimeException cause) {
        super("the user directory did not answer; try again shortly", cause);
    }

    /**
     * Asks the identity source during a login; any failure of its own (the engine wraps a directory's connection
     * failure in its exceptions) becomes this exception.
     */
    static <T> T ask(Supplier<T> question) {
        try {
            return question.get();
        } catch (RuntimeException unreachable) {
            throw new IdentitySourceUnavailable(unreachable);
        }
    }
}
