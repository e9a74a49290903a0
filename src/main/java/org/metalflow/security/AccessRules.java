package org.metalflow.security;

import static org.metalflow.security.Groups.ADMINS;
import static org.metalflow.security.Groups.CHANGE_APPROVERS;
import static org.metalflow.security.Groups.DESIGNERS;
import static org.metalflow.security.Groups.OPERATORS;
import static org.metalflow.security.Groups.PUPPET_SERVERS;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call which endpoint of {@code /api/**} and {@code /engine-rest/**}, as one table: the first rule whose
 * method and path pattern match a request decides. A request no rule matches is for {@value Groups#ADMINS}
 * only, and {@value Groups#ADMINS} may call everything. docs/security.md shows this table; an endpoint added
 * without a rule here fails {@code AuthorizationTableTest}.
 */
final class AccessRules {

    /** Who a rule lets through. */
    enum Who {
        /** No login: machines and installers call these, they have no user. */
        ANYONE,
        /** Any authenticated caller, whatever their groups (the endpoint itself decides more). */
        ANY_USER,
        /** Members of the rule's groups (and {@value Groups#ADMINS}). */
        GROUPS
    }

    record AccessRule(HttpMethod method, PathPattern pattern, Who who, List<String> groups) {

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }

        /** Whether a caller with these groups may pass; {@code authenticated} is false for anonymous requests. */
        boolean allows(boolean authenticated, Collection<String> callerGroups) {
            return switch (who) {
                case ANYONE -> true;
                case ANY_USER -> authenticated;
                case GROUPS -> authenticated
                        && (callerGroups.contains(ADMINS) || callerGroups.stream().anyMatch(groups::contains));
            };
        }

        /** The groups that may pass, admins last, for messages and the documentation. */
        List<String> groupsWithAdmins() {
            return java.util.stream.Stream.concat(groups.stream(), java.util.stream.Stream.of(ADMINS)).distinct()
                    .toList();
        }
    }

    /** Everyone with a role in the platform reads everything. */
    private static final String[] READERS = {OPERATORS, CHANGE_APPROVERS, DESIGNERS};

    static final List<AccessRule> RULES = List.of(
            // machine-facing: iPXE, install files, install callbacks, discovery (the boot package checks tokens)
            anyone(HttpMethod.GET, "/api/v1/boot/ipxe"),
            anyone(HttpMethod.GET, "/api/v1/boot/ipxe/mac/{mac}"),
            anyone(HttpMethod.GET, "/api/v1/boot/install/{token}/{file}"),
            anyone(HttpMethod.POST, "/api/v1/boot/callbacks/{token}"),
            anyone(HttpMethod.POST, "/api/v1/discovery"),

            // machines
            groups(HttpMethod.POST, "/api/v1/machines", OPERATORS),
            groups(HttpMethod.PUT, "/api/v1/machines/{id}/bmc", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/machines/{id}/actions/{action}", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/machines/{id}/deploy/abort", OPERATORS),
            groups(HttpMethod.PUT, "/api/v1/machines/{id}/maintenance", OPERATORS),
            groups(HttpMethod.PUT, "/api/v1/machines/{id}/roles", OPERATORS),
            // tags decide which actions need an approval (a machine tagged production): an operator who could
            // take a tag off could skip the four eyes
            groups(HttpMethod.PUT, "/api/v1/machines/{id}/tags", ADMINS),

            // IP address management
            groups(HttpMethod.POST, "/api/v1/networks", OPERATORS),
            groups(HttpMethod.PUT, "/api/v1/networks/{name}", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/networks/{name}", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/networks/{name}/pools", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/networks/{name}/pools/{pool}", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/networks/{name}/reserved", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/networks/{name}/reserved/{address}", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/allocations/{id}", OPERATORS),

            // the lab's fault injection
            groups(HttpMethod.POST, "/api/v1/lab/bmcs/{id}/faults", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/lab/bmcs/{id}/faults", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/lab/faults", OPERATORS),
            groups(HttpMethod.DELETE, "/api/v1/lab/faults", OPERATORS),
            groups(HttpMethod.POST, "/api/v1/lab/bmcs/observed/reset", OPERATORS),

            // approvals: everyone may see what waits, approvers decide (the engine adds four eyes)
            groups(HttpMethod.POST, "/api/v1/approvals/{taskId}", CHANGE_APPROVERS),

            // what a site provisions to
            groups(HttpMethod.PUT, "/api/v1/profiles/{name}", DESIGNERS),
            groups(HttpMethod.DELETE, "/api/v1/profiles/{name}", DESIGNERS),
            groups(HttpMethod.PUT, "/api/v1/roles/{name}", DESIGNERS),
            groups(HttpMethod.DELETE, "/api/v1/roles/{name}", DESIGNERS),

            // Puppet Server: classification is readable by everyone, signing and reports are Puppet Server's
            groups(HttpMethod.GET, "/api/v1/enc/{certname}", PUPPET_SERVERS, OPERATORS, CHANGE_APPROVERS, DESIGNERS),
            groups(HttpMethod.POST, "/api/v1/puppet/autosign/{certname}", PUPPET_SERVERS),
            groups(HttpMethod.POST, "/api/v1/puppet/reports", PUPPET_SERVERS),

            // API tokens: everyone manages their own; the controller checks the group a new token is scoped to
            anyUser(HttpMethod.GET, "/api/v1/tokens"),
            anyUser(HttpMethod.POST, "/api/v1/tokens"),
            anyUser(HttpMethod.DELETE, "/api/v1/tokens/{id}"),

            // reading: every platform group; listed one by one, so that a new read is a decision too
            groups(HttpMethod.GET, "/api/v1/machines", READERS),
            groups(HttpMethod.GET, "/api/v1/machines/{id}", READERS),
            groups(HttpMethod.GET, "/api/v1/machines/{id}/history", READERS),
            groups(HttpMethod.GET, "/api/v1/machines/{id}/roles", READERS),
            groups(HttpMethod.GET, "/api/v1/lifecycle", READERS),
            groups(HttpMethod.GET, "/api/v1/networks", READERS),
            groups(HttpMethod.GET, "/api/v1/networks/{name}", READERS),
            groups(HttpMethod.GET, "/api/v1/networks/{name}/pools", READERS),
            groups(HttpMethod.GET, "/api/v1/networks/{name}/pools/{pool}", READERS),
            groups(HttpMethod.GET, "/api/v1/networks/{name}/reserved", READERS),
            groups(HttpMethod.GET, "/api/v1/allocations", READERS),
            groups(HttpMethod.GET, "/api/v1/allocations/{id}", READERS),
            groups(HttpMethod.GET, "/api/v1/approvals", READERS),
            groups(HttpMethod.GET, "/api/v1/profiles", READERS),
            groups(HttpMethod.GET, "/api/v1/profiles/{name}", READERS),
            groups(HttpMethod.GET, "/api/v1/roles", READERS),
            groups(HttpMethod.GET, "/api/v1/roles/{name}", READERS),
            groups(HttpMethod.GET, "/api/v1/lab/bmcs/{id}/faults", READERS),
            groups(HttpMethod.GET, "/api/v1/audit", READERS),
            // reads that carry a secret: the live install token in the iPXE script, a (simulated) BMC's password
            groups(HttpMethod.GET, "/api/v1/machines/{id}/boot/ipxe", OPERATORS),
            groups(HttpMethod.GET, "/api/v1/lab/bmcs", OPERATORS),
            groups(HttpMethod.GET, "/api/v1/lab/bmcs/{id}", OPERATORS),
            groups(HttpMethod.GET, "/api/v1/lab/bmcs/{id}/registration", OPERATORS),

            // the engine's REST API: the engine's own authorizations decide what a user sees and may do
            anyUser(null, "/engine-rest/**"));

    private AccessRules() {
    }

    /** The rule deciding this request, or empty when none does (then only admins may). */
    static Optional<AccessRule> ruleFor(String method, String path) {
        HttpMethod requestMethod = HttpMethod.valueOf(method);
        PathContainer container = PathContainer.parsePath(path);
        return RULES.stream().filter(r -> r.matches(requestMethod, container)).findFirst();
    }

    private static AccessRule anyone(HttpMethod method, String pattern) {
        return new AccessRule(method, parse(pattern), Who.ANYONE, List.of());
    }

    private static AccessRule anyUser(HttpMethod method, String pattern) {
        return new AccessRule(method, parse(pattern), Who.ANY_USER, List.of());
    }

    private static AccessRule groups(HttpMethod method, String pattern, String... groups) {
        return new AccessRule(method, parse(pattern), Who.GROUPS, List.of(groups));
    }

    private static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }
}
