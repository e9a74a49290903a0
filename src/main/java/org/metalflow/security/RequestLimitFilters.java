package org.metalflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.metalflow.api.ProblemException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits what one client can send, before Spring Security spends a password hash on it: request bodies are
 * bounded (413), the endpoints booting machines call are rate limited per client address, and so are failed
 * logins (429 with Retry-After). Refusals are RFC 9457 problems.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitFilters {

    /** Before Spring Security's filter chain. */
    private static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 10;
    private static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestLimits(RequestLimitProperties limits, SecurityProblems problems) {
        ClientRateLimiter machines = new ClientRateLimiter(limits.machineRequests(), limits.machineRequestsPeriod(),
                limits.exempt());
        ClientRateLimiter logins = new ClientRateLimiter(limits.loginFailures(), limits.loginFailuresPeriod(),
                limits.exempt());
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                String client = request.getRemoteAddr();
                if (isMachineEndpoint(path) && !machines.tryAcquire(client)) {
                    tooMany(request, response, problems, machines.secondsUntilRefill(client),
                            "too many requests from " + client + " to the machine endpoints: at most "
                                    + limits.machineRequests() + " per " + limits.machineRequestsPeriod());
                    return;
                }
                boolean login = request.getHeader(HttpHeaders.AUTHORIZATION) != null || path.startsWith(WEBAPP_LOGIN);
                if (login && !logins.hasRoom(client)) {
                    tooMany(request, response, problems, logins.secondsUntilRefill(client), "too many failed logins from " + client
                            + ": at most " + limits.loginFailures() + " per " + limits.loginFailuresPeriod());
                    return;
                }
                long max = path.equals("/engine-rest/deployment/create") ? limits.maxDeploymentBody().toBytes()
                        : limits.maxBody().toBytes();
                HttpServletRequest bounded = boundedBody(request, max);
                if (bounded == null) {
                    problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemException.TYPE_BASE + "payload-too-large",
                            "the request body is larger than " + max + " bytes", request, Map.of());
                    return;
                }
                chain.doFilter(bounded, response);
                if (login && response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                    logins.tryAcquire(client);
                }
            }
        });
        registration.addUrlPatterns("/*");
        registration.setOrder(ORDER);
        registration.setName("requestLimits");
        return registration;
    }

    private static boolean isMachineEndpoint(String path) {
        return path.startsWith("/api/v1/boot/") || path.equals("/api/v1/discovery");
    }

    /**
     * The request with a body of at most {@code max} bytes, or null when it is larger. A declared length is
     * checked at once; a body of unknown length (chunked) is read up to the limit and replayed.
     */
    private static HttpServletRequest boundedBody(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return null;
        }
        if (declared >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            return request;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        return body.length > max ? null : new ReplayedBody(request, body);
    }

    private static void tooMany(HttpServletRequest request, HttpServletResponse response, SecurityProblems problems,
                                long retryAfterSeconds, String detail) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, ProblemException.TYPE_BASE + "too-many-requests", detail, request, Map.of());
    }

    /** A request whose body was read once (to bound it) and is served again from memory. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
