package org.metalflow.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.metalflow.inventory.Machine;

class ProfileMatchingTest {

    private static final Machine.SystemIdentity R650 = new Machine.SystemIdentity("Dell Inc.", "PowerEdge R650",
            "CN1", "uuid", "SVC");

    @Test
    void globsAreCaseInsensitiveAndNullMatchesAnything() {
        assertThat(ProfileService.matches(new HardwareProfile.Match("dell inc.", "PowerEdge R6*"), R650)).isTrue();
        assertThat(ProfileService.matches(new HardwareProfile.Match(null, null), R650)).isTrue();
        assertThat(ProfileService.matches(new HardwareProfile.Match("HPE", null), R650)).isFalse();
        assertThat(ProfileService.matches(new HardwareProfile.Match(null, "PowerEdge R7?0"), R650)).isFalse();
        assertThat(ProfileService.matches(new HardwareProfile.Match(null, "PowerEdge R6?0"), R650)).isTrue();
        assertThat(ProfileService.matches(new HardwareProfile.Match(null, "Power.dge*"), R650))
                .as("regex characters are literal").isFalse();
    }
}
