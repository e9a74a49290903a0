package org.metalflow.security;

import java.net.URI;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Users and groups from an LDAP directory ({@code metalflow.identity.ldap.enabled=true}): Camunda's LDAP identity
 * provider replaces the engine's identity tables for reading, so the platform API, the engine REST API and the
 * webapps check passwords by binding as the user and read groups from the directory. The directory is read-only
 * to the platform: {@link AdminUser} creates no user or group then, only logs the platform groups it lacks.
 *
 * <p>No administrator plugin is added: {@code admins} is an engine admin group ({@link EngineSecurityPlugin}) and
 * {@link EngineAuthorizations} grants it everything at every start, whichever identity source is used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "metalflow.identity.ldap", name = "enabled", havingValue = "true")
class LdapIdentity {

    private static final System.Logger LOG = System.getLogger(LdapIdentity.class.getName());

    @Bean
    LdapIdentityProviderPlugin ldapIdentityProvider(LdapIdentityProperties ldap) {
        require(ldap.serverUrl(), "server-url");
        require(ldap.baseDn(), "base-dn");
        // JNDI takes a space-separated list of URLs, tried in order
        String url = ldap.serverUrl().strip();
        for (String one : url.split("\\s+")) {
            URI server = URI.create(one);
            if ("ldap".equalsIgnoreCase(server.getScheme()) && !isLoopback(server.getHost())) {
                LOG.log(System.Logger.Level.WARNING, "metalflow.identity.ldap.server-url {0} is plain ldap://: the "
                        + "manager's and every user's password cross the network unencrypted; use ldaps://", one);
            }
        }
        LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
        plugin.setServerUrl(url);
        plugin.setManagerDn(orEmpty(ldap.managerDn()));
        plugin.setManagerPassword(ldap.managerPassword() == null ? "" : ldap.managerPassword());
        plugin.setBaseDn(ldap.baseDn().strip());
        plugin.setUserSearchBase(orEmpty(ldap.userSearchBase()));
        plugin.setUserSearchFilter(ldap.userSearchFilter());
        plugin.setUserIdAttribute(ldap.userIdAttribute());
        plugin.setUserFirstnameAttribute(ldap.userFirstNameAttribute());
        plugin.setUserLastnameAttribute(ldap.userLastNameAttribute());
        plugin.setUserEmailAttribute(ldap.userEmailAttribute());
        plugin.setGroupSearchBase(orEmpty(ldap.groupSearchBase()));
        plugin.setGroupSearchFilter(ldap.groupSearchFilter());
        plugin.setGroupIdAttribute(ldap.groupIdAttribute());
        plugin.setGroupNameAttribute(ldap.groupNameAttribute());
        plugin.setGroupMemberAttribute(ldap.groupMemberAttribute());
        plugin.setUsePosixGroups(ldap.usePosixGroups());
        plugin.setUseSsl(ldap.useSsl());
        plugin.setPageSize(ldap.pageSize());
        plugin.setSortControlSupported(ldap.sortControlSupported());
        // a wrong user password is a refused login, not an error
        plugin.setPasswordCheckCatchAuthenticationException(true);
        LOG.log(System.Logger.Level.INFO, "users and groups come from the LDAP directory {0} ({1}), read-only",
                url, ldap.baseDn());
        return plugin;
    }

    private static void require(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("metalflow.identity.ldap.enabled is true but metalflow.identity.ldap."
                    + property + " is not set (docs/security.md, \"LDAP\")");
        }
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
