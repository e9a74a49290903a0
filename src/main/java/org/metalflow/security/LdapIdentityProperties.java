package org.metalflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.identity.ldap.*}: users and groups from an LDAP directory instead of the engine's own tables
 * ({@link LdapIdentity}). The defaults fit OpenLDAP with {@code inetOrgPerson} users and {@code groupOfNames}
 * groups; docs/security.md has an example for Active Directory.
 *
 * @param enabled              use the directory (off: the engine's tables, as without this section)
 * @param serverUrl            {@code ldap://host:389} or {@code ldaps://host:636}; required when enabled
 * @param managerDn            the DN the platform binds as to search users and groups
 * @param managerPassword      that DN's password: a secret, never logged and never in an answer
 * @param baseDn               the directory's base, e.g. {@code dc=example,dc=org}; required when enabled
 * @param userSearchBase       where users are, relative to {@code baseDn} (e.g. {@code ou=people}; empty: the base)
 * @param userSearchFilter     which entries are users
 * @param userIdAttribute      the attribute holding the user id people log in with
 * @param userFirstNameAttribute first name
 * @param userLastNameAttribute  last name
 * @param userEmailAttribute   e-mail address
 * @param groupSearchBase      where groups are, relative to {@code baseDn} (e.g. {@code ou=groups})
 * @param groupSearchFilter    which entries are groups
 * @param groupIdAttribute     the attribute holding the group id ({@code operators}, {@code admins}, ...)
 * @param groupNameAttribute   the group's display name
 * @param groupMemberAttribute the attribute of a group listing its members' DNs (their uids with posix groups)
 * @param usePosixGroups       groups are {@code posixGroup}s whose {@code memberUid} holds user ids, not DNs
 * @param useSsl               set the JNDI security protocol to ssl (an {@code ldaps://} URL needs no more)
 * @param pageSize             page size of the searches (Active Directory answers at most 1,000 entries
 *                             unpaged); empty: no paging
 * @param sortControlSupported the server supports the sort control (then queries sort on the server)
 */
@ConfigurationProperties("metalflow.identity.ldap")
public record LdapIdentityProperties(
        @DefaultValue("false") boolean enabled,
        String serverUrl,
        String managerDn,
        String managerPassword,
        String baseDn,
        String userSearchBase,
        @DefaultValue("(objectclass=person)") String userSearchFilter,
        @DefaultValue("uid") String userIdAttribute,
        @DefaultValue("givenName") String userFirstNameAttribute,
        @DefaultValue("sn") String userLastNameAttribute,
        @DefaultValue("mail") String userEmailAttribute,
        String groupSearchBase,
        @DefaultValue("(objectclass=groupOfNames)") String groupSearchFilter,
        @DefaultValue("cn") String groupIdAttribute,
        @DefaultValue("cn") String groupNameAttribute,
        @DefaultValue("member") String groupMemberAttribute,
        @DefaultValue("false") boolean usePosixGroups,
        @DefaultValue("false") boolean useSsl,
        Integer pageSize,
        @DefaultValue("false") boolean sortControlSupported) {

    /** Without the manager password: this record may end up in a log message or an exception. */
    @Override
    public String toString() {
        return "LdapIdentityProperties[enabled=" + enabled + ", serverUrl=" + serverUrl + ", managerDn=" + managerDn
                + ", managerPassword=" + (managerPassword == null || managerPassword.isEmpty() ? "(none)" : "(set)")
                + ", baseDn=" + baseDn + ", userSearchBase=" + userSearchBase + ", groupSearchBase=" + groupSearchBase
                + "]";
    }
}
