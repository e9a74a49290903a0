package org.metalflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.metalflow.inventory.ActionChanges;
import org.metalflow.inventory.ApprovalPolicy;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineAction;
import org.metalflow.inventory.MachineState;

/** The default policies of metalflow.approval: release always, prepare when firmware changes, production always. */
class ApprovalPoliciesTest {

    private static final ActionChanges FIRMWARE_FOR_PREPARE = (machine, action) -> action == MachineAction.PREPARE
            ? List.of(new ActionChanges.Change("firmware", "firmware BIOS: 1.0.0 -> 2.0.0"))
            : List.of();
    private static final ActionChanges BIOS_ONLY = (machine, action) ->
            List.of(new ActionChanges.Change("bios", "BIOS BootMode set to Uefi"));

    @Test
    void releaseAlwaysNeedsAnApprovalAndShowsItsParameters() {
        ApprovalPolicy.Assessment assessment = defaults(BIOS_ONLY).assess(machine(), MachineAction.RELEASE,
                Map.of("retire", true));
        assertThat(assessment.required()).isTrue();
        assertThat(assessment.reason()).isEqualTo("policy release: release needs an approval");
        assertThat(assessment.summary()).startsWith("release node-1 (").contains("now active")
                .contains("parameters: retire=true").contains("- BIOS BootMode set to Uefi");
        assertThat(assessment.variables()).containsEntry("approvalRequired", true)
                .containsKeys("approvalReason", "changeSummary");
    }

    @Test
    void prepareNeedsOneOnlyWhenItChangesFirmware() {
        assertThat(defaults(BIOS_ONLY).assess(machine(), MachineAction.PREPARE, Map.of()).required()).isFalse();
        ApprovalPolicy.Assessment firmware = defaults(FIRMWARE_FOR_PREPARE).assess(machine(), MachineAction.PREPARE,
                Map.of());
        assertThat(firmware.required()).isTrue();
        assertThat(firmware.reason()).isEqualTo("policy firmware-change: prepare needs an approval; it changes firmware");
        assertThat(firmware.summary()).contains("- firmware BIOS: 1.0.0 -> 2.0.0");
        assertThat(defaults(FIRMWARE_FOR_PREPARE).assess(machine(), MachineAction.DEPLOY, Map.of()).required())
                .isFalse();
    }

    @Test
    void anyActionOnAProductionMachineNeedsOne() {
        ApprovalPolicy.Assessment deploy = defaults(BIOS_ONLY).assess(machine("production", "rack-1"),
                MachineAction.DEPLOY, Map.of());
        assertThat(deploy.required()).isTrue();
        assertThat(deploy.reason()).isEqualTo("policy production: the machine is tagged production");
        assertThat(deploy.summary()).contains("tagged production, rack-1");
    }

    @Test
    void anEmptyPolicyListAsksForNothingAndAPolicyNamesRealActions() {
        ApprovalPolicies none = new ApprovalPolicies(new ApprovalProperties(Duration.ofHours(24),
                Duration.ofHours(12), Duration.ofHours(24), "admins", List.of()), List.of(FIRMWARE_FOR_PREPARE));
        assertThat(none.assess(machine("production"), MachineAction.RELEASE, Map.of()).required()).isFalse();
        assertThatThrownBy(() -> new ApprovalProperties.Policy("typo", List.of("relase"), null, null))
                .hasMessageContaining("'relase' is not an action");
    }

    private static ApprovalPolicies defaults(ActionChanges changes) {
        return new ApprovalPolicies(new ApprovalProperties(Duration.ofHours(24), Duration.ofHours(12),
                Duration.ofHours(24), "admins", null), List.of(changes));
    }

    private static Machine machine(String... tags) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Machine(UUID.randomUUID(), "node-1", MachineState.ACTIVE, null, false, null, null,
                new Machine.SystemIdentity("Dell Inc.", "PowerEdge R650", "S1", null, null), "On",
                new Hardware(null, null, null, null, null, null, null, null, null, null), now, "lab-dell-poweredge",
                null, now, now, List.of(tags));
    }
}
