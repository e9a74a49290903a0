package org.metalflow.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the platform's groups and the {@code admin} user exist. The admin password comes from
 * METALFLOW_ADMIN_PASSWORD and follows it when it changes; when it is unset on the first start, a random one
 * is generated and printed once to the console (it is stored only as the identity service's salted hash).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminUser implements ApplicationRunner {

    private static final System.Logger LOG = System.getLogger(AdminUser.class.getName());

    static final String ADMIN = "admin";
    /** Platform groups (see docs/security.md) and Camunda's own admin group for the Admin webapp. */
    static final List<String> GROUPS = List.of(Groups.ADMINS, Groups.OPERATORS, Groups.CHANGE_APPROVERS,
            Groups.DESIGNERS, Groups.PUPPET_SERVERS, Groups.CAMUNDA_ADMIN);

    private final IdentityService identity;
    private final String configuredPassword;

    AdminUser(IdentityService identity, @Value("${metalflow.admin-password:}") String configuredPassword) {
        this.identity = identity;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.isReadOnly()) {
            // a directory (LDAP) owns users and groups: say which platform groups it lacks, create nothing
            List<String> missing = GROUPS.stream().filter(id -> identity.createGroupQuery().groupId(id).count() == 0).toList();
            if (!missing.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "the directory has no group {0}: nobody can do what they allow "
                        + "(docs/security.md, \"Identity\")", missing);
            }
            return;
        }
        for (String id : GROUPS) {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group group = identity.newGroup(id);
                group.setName(id);
                group.setType("SYSTEM");
                identity.saveGroup(group);
            }
        }
        User admin = identity.createUserQuery().userId(ADMIN).singleResult();
        if (admin == null) {
            admin = identity.newUser(ADMIN);
            admin.setFirstName("metalflow");
            admin.setLastName("admin");
            boolean generated = configuredPassword.isBlank();
            String password = generated ? generatePassword() : configuredPassword;
            admin.setPassword(password);
            identity.saveUser(admin);
            if (generated) {
                // printed, not logged: log shippers should not carry it; shown this once only
                System.out.println("\n  metalflow: generated password for user 'admin': " + password
                        + "\n  Set METALFLOW_ADMIN_PASSWORD to choose it; it will not be shown again.\n");
            }
        } else if (!configuredPassword.isBlank() && !identity.checkPassword(ADMIN, configuredPassword)) {
            admin.setPassword(configuredPassword);
            identity.saveUser(admin);
        }
        for (String group : List.of("admins", "camunda-admin")) {
            if (identity.createUserQuery().userId(ADMIN).memberOfGroup(group).count() == 0) {
                identity.createMembership(ADMIN, group);
            }
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
