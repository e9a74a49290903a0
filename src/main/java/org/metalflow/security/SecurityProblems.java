package org.metalflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The security layer's refusals as RFC 9457 problems, like every other refusal of the API: 401 says how to log in,
 * 403 names the groups the request needs (from {@link AccessRules}), 503 says the user directory did not answer.
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHENTICATED = ProblemException.TYPE_BASE + "unauthenticated";
    static final String ACCESS_DENIED = ProblemException.TYPE_BASE + "access-denied";
    static final String IDENTITY_UNAVAILABLE = ProblemException.TYPE_BASE + "identity-unavailable";

    private static final System.Logger LOG = System.getLogger(SecurityProblems.class.getName());

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof IdentitySourceUnavailable) {
            // not the path: a machine endpoint's path may hold an install token
            LOG.log(System.Logger.Level.WARNING, "a login failed because the identity source did not answer: {0}",
                    e.getCause().getMessage());
            response.addHeader(HttpHeaders.RETRY_AFTER, "30");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, IDENTITY_UNAVAILABLE, e.getMessage(), request, Map.of());
            return;
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metalflow\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metalflow\"");
        String detail = e instanceof ApiTokens.RefusedToken
                ? e.getMessage()
                : "log in with HTTP Basic (user and password) or an API token (Authorization: Bearer mft_...)";
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, detail, request, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String what = request.getMethod() + " " + GroupAuthorization.pathOf(request);
        Optional<AccessRules.AccessRule> rule = AccessRules.ruleFor(request.getMethod(), GroupAuthorization.pathOf(request));
        List<String> needed = rule.map(AccessRules.AccessRule::groupsWithAdmins).orElse(List.of(Groups.ADMINS));
        StringBuilder detail = new StringBuilder(what);
        if (rule.isEmpty()) {
            detail.append(" is covered by no access rule, so only members of admins may call it");
        } else {
            detail.append(" needs membership of ").append(needed.size() == 1 ? "the group " : "one of the groups ")
                    .append(String.join(", ", needed));
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof ApiTokenAuthentication token) {
            detail.append("; this API token carries only the group ").append(token.group());
        }
        write(response, HttpStatus.FORBIDDEN, ACCESS_DENIED, detail.toString(), request,
                Map.of("requiredGroups", needed));
    }

    /** Writes a problem body; also used by the filters that refuse before the security chain runs. */
    void write(HttpServletResponse response, HttpStatus status, String type, String detail,
               HttpServletRequest request, Map<String, Object> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(extra);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
