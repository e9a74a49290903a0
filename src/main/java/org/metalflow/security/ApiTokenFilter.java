package org.metalflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer mft_...} on the API chain. A bearer token the platform does not
 * accept ends the request with 401 (it does not fall back to anonymous). Not a bean: a filter bean would also be
 * registered with the servlet container for every path.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint refusal;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    ApiTokenFilter(ApiTokens tokens, AuthenticationEntryPoint refusal) {
        this.tokens = tokens;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokenAuthentication authentication;
        try {
            authentication = tokens.authenticate(header.substring(BEARER.length()).strip());
        } catch (ApiTokens.RefusedToken | IdentitySourceUnavailable refused) {
            SecurityContextHolder.clearContext();
            refusal.commence(request, response, refused);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        // as the Basic filter does: an async or error dispatch of this request finds the caller again
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
