package org.metalflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the engine who calls its REST API: Spring Security authenticates {@code /engine-rest/**}, and this
 * filter (after it) sets the engine's current authentication to that user and their groups for the request,
 * so engine-side rules such as the four-eyes task listener judge engine REST calls like any other route.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> engineRestUser(ObjectProvider<IdentityService> engineIdentity) {
        // looked up on the first request: a filter is created with the web server, before the database is
        // migrated, and must not start the engine that early
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication user = SecurityContextHolder.getContext().getAuthentication();
                if (user == null || !user.isAuthenticated()) {
                    chain.doFilter(request, response);
                    return;
                }
                IdentityService identity = engineIdentity.getObject();
                // the group lookup is itself authorization-checked: it must not run as whoever used this thread last
                identity.clearAuthentication();
                List<String> groups = identity.createGroupQuery().groupMember(user.getName()).list().stream()
                        .map(Group::getId).toList();
                identity.setAuthentication(user.getName(), groups);
                try {
                    chain.doFilter(request, response);
                } finally {
                    identity.clearAuthentication();
                }
            }
        });
        registration.addUrlPatterns("/engine-rest/*");
        // after Spring Security's filter chain, which has established the user
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        registration.setName("engineRestUser");
        return registration;
    }
}
