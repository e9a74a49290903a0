package org.metalflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What each platform group may do in Cockpit, Tasklist, Admin and the engine REST API, granted at every start
 * (missing grants and permissions are added; nothing an admin granted by hand is taken away). {@code admins}
 * and {@code camunda-admin} are engine admin groups ({@link EngineSecurityPlugin}) and need no grant. Task
 * permissions come from the engine itself: with authorizations on, it grants a task's candidate groups READ
 * and UPDATE on that task when the task is created (approval tasks to {@code change-approvers}, install-timeout
 * tasks to {@code operators}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class EngineAuthorizations implements ApplicationRunner {

    record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
    }

    static final List<Grant> GRANTS = List.of(
            new Grant("operators", Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
            new Grant("operators", Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
            new Grant("operators", Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.READ,
                    Permissions.READ_HISTORY, Permissions.READ_INSTANCE, Permissions.READ_TASK,
                    ProcessDefinitionPermissions.RETRY_JOB)),
            // UPDATE: the engine checks it to set an external task's retries (our incidents); RETRY_JOB for jobs
            new Grant("operators", Resources.PROCESS_INSTANCE, ANY, List.of(Permissions.READ, Permissions.UPDATE,
                    ProcessInstancePermissions.RETRY_JOB)),
            new Grant("operators", Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)),
            new Grant("change-approvers", Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
            // READ_INSTANCE: Tasklist's list shows a task's process variables (which machine, who asked) only
            // to those who may read the process instance
            new Grant("change-approvers", Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.READ,
                    Permissions.READ_INSTANCE)),
            new Grant("designers", Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
            new Grant("designers", Resources.DEPLOYMENT, ANY, List.of(Permissions.CREATE, Permissions.READ)),
            new Grant("designers", Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.READ)));

    private final AuthorizationService authorizations;

    EngineAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        GRANTS.forEach(grant -> ensure(authorizations, grant));
        // the engine lets admin groups past its command checks, but the webapps ask for grants (which
        // applications a user may open), as Camunda's own admin setup does: ALL on everything
        for (String group : List.of(EngineSecurityPlugin.ADMINS, "camunda-admin")) {
            for (Resources resource : Resources.values()) {
                ensure(authorizations, new Grant(group, resource, ANY, List.of(Permissions.ALL)));
            }
        }
    }

    /** Creates the group's grant on the resource, or adds the permissions it lacks. */
    static void ensure(AuthorizationService authorizations, Grant grant) {
        Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(grant.group()).resourceType(grant.resource()).resourceId(grant.resourceId())
                .list().stream().findFirst().orElse(null);
        Authorization authorization = existing;
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.group());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        boolean changed = existing == null;
        for (Permission permission : grant.permissions()) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
        }
    }
}
