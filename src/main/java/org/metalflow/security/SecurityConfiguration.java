package org.metalflow.security;

import org.metalflow.audit.AuthenticatedCaller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. API clients (our REST API and the engine REST API) authenticate with HTTP Basic or an API
 * token ({@code Authorization: Bearer mft_...}) on every request, no session, so CSRF does not apply; which
 * groups may call which endpoint is {@link AccessRules}. The Camunda webapps (Cockpit, Tasklist, Admin) run their own
 * login and CSRF protection against the same user store, so Spring Security lets them through and they
 * refuse anonymous users themselves.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, SecurityProblems problems) throws Exception {
        // matched on the raw path: the engine REST API is a Jersey servlet, which Spring MVC path matchers
        // do not see, so a pattern matcher would leave it to the browser chain and its CSRF check
        http.securityMatcher(request -> {
                    String path = request.getRequestURI().substring(request.getContextPath().length());
                    return path.startsWith("/api/") || path.startsWith("/engine-rest/");
                })
                // who may call what is the table in AccessRules, for every request of this chain
                .authorizeHttpRequests(auth -> auth.anyRequest().access(new GroupAuthorization()))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                // the audit trail learns the caller before authorization, so refused mutations name their user too
                .addFilterBefore(new AuthenticatedCaller(), AuthorizationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/camunda/**", "/", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // the webapps send their own X-XSRF-TOKEN, checked by their own filter
                .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/**"))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }
}
