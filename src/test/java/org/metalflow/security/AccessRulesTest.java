package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the table is read: first match, one segment per variable, no rule for what is not listed. */
class AccessRulesTest {

    @Test
    void theFirstMatchingRuleDecides() {
        AccessRules.AccessRule rule = AccessRules.ruleFor("GET", "/api/v1/boot/ipxe/mac/02:00:00:00:00:01").orElseThrow();

        assertThat(rule.who()).isEqualTo(AccessRules.Who.ANYONE);
        assertThat(rule.allows(false, List.of())).isTrue();
    }

    @Test
    void aVariableIsOneSegmentAndTheMethodMatters() {
        assertThat(AccessRules.ruleFor("PUT", "/api/v1/profiles/web").orElseThrow().groups())
                .containsExactly(Groups.DESIGNERS);
        assertThat(AccessRules.ruleFor("PUT", "/api/v1/profiles/web/extra")).isEmpty();
        assertThat(AccessRules.ruleFor("PATCH", "/api/v1/profiles/web")).isEmpty();
        assertThat(AccessRules.ruleFor("GET", "/api/v1/machines/x/secrets")).isEmpty();
    }

    @Test
    void adminsPassEveryGroupRuleAndOthersOnlyTheirs() {
        AccessRules.AccessRule enroll = AccessRules.ruleFor("POST", "/api/v1/machines").orElseThrow();

        assertThat(enroll.allows(true, List.of(Groups.ADMINS))).isTrue();
        assertThat(enroll.allows(true, List.of(Groups.DESIGNERS, Groups.OPERATORS))).isTrue();
        assertThat(enroll.allows(true, List.of(Groups.DESIGNERS))).isFalse();
        assertThat(enroll.allows(false, List.of(Groups.OPERATORS))).as("anonymous").isFalse();
        assertThat(enroll.groupsWithAdmins()).containsExactly(Groups.OPERATORS, Groups.ADMINS);
    }

    @Test
    void theEngineRestApiIsForAnyUserWithAnyMethod() {
        AccessRules.AccessRule engine = AccessRules.ruleFor("DELETE", "/engine-rest/deployment/1").orElseThrow();

        assertThat(engine.allows(true, List.of())).isTrue();
        assertThat(engine.allows(false, List.of())).isFalse();
    }
}
