package org.metalflow.workflow;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Tasklist lists tasks only through filters, and with authorizations on a user sees only the filters granted to
 * them: "Approvals" (the tasks of {@value FourEyesListener#APPROVERS}, claimed ones included) for approvers and
 * "Operator tasks" for operators, created when absent (by name, so an admin may edit them) and granted READ
 * to their group at every start.
 */
@Component
class TasklistFilters implements ApplicationRunner {

    static final String APPROVALS = "Approvals";
    static final String OPERATOR_TASKS = "Operator tasks";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(APPROVALS, FourEyesListener.APPROVERS, "Changes waiting for a second pair of eyes", -10);
        ensure(OPERATOR_TASKS, "operators", "Machines waiting for an operator's decision", -5);
    }

    private void ensure(String name, String group, String description, int priority) {
        Filter filter = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
        if (filter == null) {
            filter = filters.newTaskFilter(name);
            filter.setQuery(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
                    .orderByTaskCreateTime().asc());
            filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true,
                    "variables", List.of(Map.of("name", CamundaLifecycleProcesses.MACHINE_ID, "label", "Machine"),
                            Map.of("name", CamundaLifecycleProcesses.REQUESTED_BY, "label", "Requested by"))));
            filter = filters.saveFilter(filter);
        }
        String filterId = filter.getId();
        boolean granted = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(Resources.FILTER).resourceId(filterId).count() > 0;
        if (!granted) {
            Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
            read.setGroupId(group);
            read.setResource(Resources.FILTER);
            read.setResourceId(filterId);
            read.addPermission(Permissions.READ);
            authorizations.saveAuthorization(read);
        }
    }
}
