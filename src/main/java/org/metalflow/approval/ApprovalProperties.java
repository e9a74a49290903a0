package org.metalflow.approval;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.metalflow.inventory.MachineAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The approval gate: which actions need an approval, and how long an approval may wait.
 *
 * @param due             when an approval task is due (its due date in Tasklist); a process may pass its own
 * @param remindAfter     how long an undecided approval waits before a reminder is recorded
 * @param escalateAfter   how long it waits before {@code escalationGroup} may decide it too
 * @param escalationGroup the second group an undecided approval is escalated to
 * @param policies        the rules: an action needs an approval when any policy applies to it; absent, the
 *                        defaults {@link #DEFAULT_POLICIES} apply, an empty list asks for none
 */
@ConfigurationProperties("metalflow.approval")
public record ApprovalProperties(@DefaultValue("PT24H") Duration due,
                                 @DefaultValue("PT12H") Duration remindAfter,
                                 @DefaultValue("PT24H") Duration escalateAfter,
                                 @DefaultValue("admins") String escalationGroup,
                                 List<Policy> policies) {

    public static final List<Policy> DEFAULT_POLICIES = List.of(
            new Policy("release", List.of("release"), List.of(), List.of()),
            new Policy("firmware-change", List.of("prepare"), List.of(), List.of("firmware")),
            new Policy("production", List.of(), List.of("production"), List.of()));

    public ApprovalProperties {
        policies = policies == null ? DEFAULT_POLICIES : List.copyOf(policies);
        if (escalationGroup == null || escalationGroup.isBlank()) {
            throw new IllegalArgumentException("metalflow.approval.escalation-group must name a group");
        }
    }

    /**
     * One rule. It applies when every condition it sets holds; a condition left empty holds always.
     *
     * @param name    shown to approvers as the reason
     * @param actions the actions it covers ({@code release}, {@code prepare}, {@code deploy}...)
     * @param tags    the machine carries at least one of these tags
     * @param changes the action changes at least one of these kinds ({@code firmware}, {@code bios},
     *                {@code raid}), as known when it is requested
     */
    public record Policy(String name, List<String> actions, List<String> tags, List<String> changes) {

        public Policy {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every metalflow.approval.policies entry needs a name");
            }
            actions = actions == null ? List.of() : actions.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            tags = tags == null ? List.of() : List.copyOf(tags);
            changes = changes == null ? List.of() : List.copyOf(changes);
            for (String action : actions) {
                if (MachineAction.parse(action).isEmpty()) {
                    throw new IllegalArgumentException("metalflow.approval.policies " + name + ": '" + action
                            + "' is not an action; one of " + List.of(MachineAction.values()));
                }
            }
        }
    }
}
