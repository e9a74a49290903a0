package org.metalflow.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.metalflow.inventory.ActionChanges;
import org.metalflow.inventory.ApprovalPolicy;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.springframework.stereotype.Component;

/** The configured approval policies ({@code metalflow.approval.policies}), judged when an action is requested. */
@Component
class ApprovalPolicies implements ApprovalPolicy {

    private final ApprovalProperties properties;
    private final List<ActionChanges> changeSources;

    ApprovalPolicies(ApprovalProperties properties, List<ActionChanges> changeSources) {
        this.properties = properties;
        this.changeSources = List.copyOf(changeSources);
    }

    @Override
    public Assessment assess(Machine machine, MachineAction action, Map<String, Object> variables) {
        List<ActionChanges.Change> changes = changeSources.stream()
                .flatMap(source -> source.changes(machine, action).stream()).toList();
        List<String> reasons = new ArrayList<>();
        for (ApprovalProperties.Policy policy : properties.policies()) {
            reason(policy, machine, action, changes).ifPresent(reasons::add);
        }
        return new Assessment(!reasons.isEmpty(), String.join("\n", reasons), summary(machine, action, variables,
                changes));
    }

    private static Optional<String> reason(ApprovalProperties.Policy policy, Machine machine,
                                                     MachineAction action, List<ActionChanges.Change> changes) {
        List<String> why = new ArrayList<>();
        if (!policy.actions().isEmpty()) {
            if (!policy.actions().contains(action.value())) {
                return Optional.empty();
            }
            why.add(action + " needs an approval");
        }
        if (!policy.tags().isEmpty()) {
            List<String> tagged = policy.tags().stream().filter(machine.tags()::contains).toList();
            if (tagged.isEmpty()) {
                return Optional.empty();
            }
            why.add("the machine is tagged " + String.join(", ", tagged));
        }
        if (!policy.changes().isEmpty()) {
            List<String> kinds = changes.stream().map(ActionChanges.Change::kind).filter(policy.changes()::contains)
                    .distinct().toList();
            if (kinds.isEmpty()) {
                return Optional.empty();
            }
            why.add("it changes " + String.join(", ", kinds));
        }
        return Optional.of("policy " + policy.name() + ": "
                + (why.isEmpty() ? "every action needs an approval" : String.join("; ", why)));
    }

    private static String summary(Machine machine, MachineAction action, Map<String, Object> variables,
                                  List<ActionChanges.Change> changes) {
        StringBuilder text = new StringBuilder().append(action).append(' ').append(machine.name()).append(" (")
                .append(machine.id()).append("), now ").append(machine.state());
        if (!machine.tags().isEmpty()) {
            text.append(", tagged ").append(String.join(", ", machine.tags()));
        }
        if (!variables.isEmpty()) {
            text.append("\nparameters: ");
            new TreeMap<>(variables).forEach((key, value) -> text.append(key).append('=').append(value).append(' '));
        }
        for (ActionChanges.Change change : changes) {
            text.append("\n- ").append(change.description());
        }
        return text.toString().strip();
    }
}
