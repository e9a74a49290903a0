package org.metalflow.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The platform's groups and how a group travels in a Spring authentication: as the authority
 * {@code GROUP_<id>}. A password login carries all the user's groups, an API token only the group it is scoped
 * to, so whoever needs "the caller's groups" (the access rules, the engine) reads them from here.
 */
public final class Groups {

    public static final String ADMINS = "admins";
    public static final String OPERATORS = "operators";
    public static final String CHANGE_APPROVERS = "change-approvers";
    public static final String DESIGNERS = "designers";
    /** The users Puppet Server calls the ENC, autosign and report endpoints as. */
    public static final String PUPPET_SERVERS = "puppet-servers";
    /** Camunda's own administrator group, for the Admin webapp. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private static final String PREFIX = "GROUP_";

    private Groups() {
    }

    static GrantedAuthority authority(String group) {
        return new SimpleGrantedAuthority(PREFIX + group);
    }

    /** The groups this authentication carries, in authority order; empty for null or anonymous. */
    public static List<String> of(Authentication authentication) {
        if (authentication == null) {
            return List.of();
        }
        return of(authentication.getAuthorities());
    }

    static List<String> of(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a != null && a.startsWith(PREFIX))
                .map(a -> a.substring(PREFIX.length())).toList();
    }
}
