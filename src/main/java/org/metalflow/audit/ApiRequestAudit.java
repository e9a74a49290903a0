package org.metalflow.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request ids and the audit of API mutations on {@code /api/**} and {@code /engine-rest/**}. The outer filter runs
 * before Spring Security: it takes the caller's {@value #REQUEST_ID} (or makes one), echoes it on every response,
 * binds an {@link AuditContext} for the request, and after the response records POST/PUT/PATCH/DELETE with
 * method, path, status, user and request id. {@link AuthenticatedCaller}, inside the security chain, tells the
 * context who the authenticated user is. Bodies are never read (they may carry BMC passwords); query strings are left out, and
 * install tokens in boot paths are masked.
 */
@Configuration(proxyBeanMethods = false)
class ApiRequestAudit {

    static final String REQUEST_ID = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(ApiRequestAudit.class);
    private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern CALLER_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final Pattern MACHINE_PATH = Pattern.compile("^/api/v1/machines/([0-9a-fA-F-]{36})(/.*)?$");
    private static final Pattern TOKEN_PATH = Pattern.compile("^(/api/v1/boot/(?:callbacks|install))/[^/]+");
    private static final int MAX_PATH = 500;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> auditApiRequests(ObjectProvider<AuditLog> audit) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String requestId = requestId(request.getHeader(REQUEST_ID));
                response.setHeader(REQUEST_ID, requestId);
                try (AuditContext.Scope ignored = AuditContext.bind(requestId, null)) {
                    AuditContext context = AuditContext.current().orElseThrow();
                    int status = 500;
                    try {
                        chain.doFilter(request, response);
                        status = response.getStatus();
                    } finally {
                        if (MUTATIONS.contains(request.getMethod())) {
                            recordMutation(audit.getObject(), request, status, context);
                        }
                    }
                }
            }
        });
        registration.addUrlPatterns("/api/*", "/engine-rest/*");
        // before Spring Security, so refused requests carry a request id too
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        registration.setName("auditApiRequests");
        return registration;
    }

    private static void recordMutation(AuditLog audit, HttpServletRequest request, int status, AuditContext context) {
        String actor = context.actor();
        if (actor == null) {
            // unauthenticated: only what booting machines may call succeeds; refused anonymous calls are not kept,
            // so nobody without an account can fill the trail
            if (status >= 400) {
                return;
            }
            actor = AuditLog.MACHINE;
        }
        String path = path(request);
        try {
            audit.record(AuditEvent.of("api." + request.getMethod()).by(actor).on("http", path)
                    .machine(machineOf(path).or(context::onlyMachine).orElse(null))
                    .detail("method", request.getMethod()).detail("path", path).detail("status", status));
        } catch (RuntimeException e) {
            // the response is gone already; the failure must at least be visible
            log.error("Could not record API mutation {} {} ({}) by {} in the audit trail: {}", request.getMethod(),
                    path, status, actor, e.getMessage());
        }
    }

    static String requestId(String fromCaller) {
        return fromCaller != null && CALLER_REQUEST_ID.matcher(fromCaller).matches() ? fromCaller
                : UUID.randomUUID().toString();
    }

    static String path(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        path = TOKEN_PATH.matcher(path).replaceFirst("$1/{token}");
        return path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH - 3) + "...";
    }

    private static Optional<UUID> machineOf(String path) {
        Matcher m = MACHINE_PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
