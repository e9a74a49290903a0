package org.metalflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void everyWorkingStateHasAFailedTwinItCanReachAndRetryFrom() {
        Map<MachineState, MachineState> twins = Map.of(
                MachineState.ENROLLING, MachineState.ENROLL_FAILED,
                MachineState.INSPECTING, MachineState.INSPECT_FAILED,
                MachineState.PREPARING, MachineState.PREPARE_FAILED,
                MachineState.DEPLOYING, MachineState.DEPLOY_FAILED,
                MachineState.RELEASING, MachineState.RELEASE_FAILED);
        assertThat(Arrays.stream(MachineState.values()).filter(MachineState::transitional))
                .containsExactlyInAnyOrderElementsOf(twins.keySet());
        twins.forEach((working, failed) -> {
            assertThat(Lifecycle.allows(working, failed)).as("%s -> %s", working, failed).isTrue();
            assertThat(Lifecycle.allows(failed, working)).as("retry %s -> %s", failed, working).isTrue();
        });
    }

    @Test
    void theDesignPathIsAllowed() {
        MachineState[] path = {MachineState.DISCOVERED, MachineState.ENROLLING, MachineState.ENROLLED,
                MachineState.INSPECTING, MachineState.MANAGEABLE, MachineState.PREPARING, MachineState.AVAILABLE,
                MachineState.DEPLOYING, MachineState.ACTIVE, MachineState.RELEASING, MachineState.AVAILABLE};
        for (int i = 1; i < path.length; i++) {
            assertThat(Lifecycle.allows(path[i - 1], path[i])).as("%s -> %s", path[i - 1], path[i]).isTrue();
        }
        assertThat(Lifecycle.allows(MachineState.RELEASING, MachineState.RETIRED)).isTrue();
    }

    @Test
    void shortcutsAreRefused() {
        assertThat(Lifecycle.allows(MachineState.ENROLLING, MachineState.MANAGEABLE)).isFalse();
        assertThat(Lifecycle.allows(MachineState.MANAGEABLE, MachineState.ACTIVE)).isFalse();
        assertThat(Lifecycle.allows(MachineState.ACTIVE, MachineState.AVAILABLE)).isFalse();
        assertThat(Lifecycle.allows(MachineState.RETIRED, MachineState.ENROLLING)).isFalse();
        assertThat(Lifecycle.allows(null, MachineState.MANAGEABLE)).isFalse();
        assertThat(Lifecycle.allows(null, MachineState.ENROLLING)).isTrue();
        assertThat(Lifecycle.allows(MachineState.ACTIVE, MachineAction.INSPECT)).isFalse();
        assertThat(Lifecycle.allows(MachineState.INSPECT_FAILED, MachineAction.INSPECT)).isTrue();
    }

    @Test
    void everyStateAppearsInTheTable() {
        assertThat(Lifecycle.table().keySet()).containsExactlyInAnyOrder(MachineState.values());
    }
}
