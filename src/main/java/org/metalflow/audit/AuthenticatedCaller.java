package org.metalflow.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the request's {@link AuditContext} who the authenticated caller is. Placed by the API's security filter
 * chain after authentication and before authorization, so a mutation the access rules refuse (403) is still
 * recorded with its user. Not a bean: the security chain owns it.
 */
public final class AuthenticatedCaller extends OncePerRequestFilter {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user != null && user.isAuthenticated() && !trust.isAnonymous(user)) {
            AuditContext.current().ifPresent(c -> c.actor(user.getName()));
        }
        chain.doFilter(request, response);
    }
}
