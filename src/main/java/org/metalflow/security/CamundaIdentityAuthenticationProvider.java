package org.metalflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks API users against the engine's identity service, the same store the webapps log in against, so a
 * person has one password and one set of groups. Groups become authorities {@code GROUP_<id>} ({@link Groups}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaIdentityAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        // the group lookup below is authorization-checked when an engine authentication is set on this thread
        identity.clearAuthentication();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null
                || !IdentitySourceUnavailable.ask(() -> identity.checkPassword(user, credentials.toString()))) {
            throw new BadCredentialsException("bad user name or password");
        }
        List<GrantedAuthority> groups = IdentitySourceUnavailable.ask(() -> identity.createGroupQuery()
                .groupMember(user).list()).stream().map(Group::getId).map(Groups::authority).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
