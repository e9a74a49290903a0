package org.metalflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Decides a request of the API chain by {@link AccessRules}: the first matching rule, or admins only. */
final class GroupAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Authentication caller = authentication.get();
        boolean authenticated = trust.isAuthenticated(caller);
        List<String> groups = authenticated ? Groups.of(caller) : List.of();
        boolean granted = AccessRules.ruleFor(request.getMethod(), pathOf(request))
                .map(rule -> rule.allows(authenticated, groups))
                .orElse(authenticated && groups.contains(Groups.ADMINS));
        return new AuthorizationDecision(granted);
    }

    /**
     * The decoded path below the context path, as the servlet container resolved it: the same for Spring MVC's
     * dispatcher and the engine's Jersey servlet (the firewall has refused encoded slashes and dot segments).
     */
    static String pathOf(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
