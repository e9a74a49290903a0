package org.metalflow.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpsertPlanTest {

    private static final DnsRecord A = new DnsRecord("lab.example", "node1.lab.example", DnsRecord.Type.A, "10.77.0.5", 300);
    private static final DnsRecord PTR = new DnsRecord("77.10.in-addr.arpa", "5.0.77.10.in-addr.arpa",
            DnsRecord.Type.PTR, "node1.lab.example", 300);

    @Test
    void nothingThereIsCreated() {
        assertThat(UpsertPlan.decide(A, List.of(), false, "test")).isEqualTo(UpsertPlan.CREATE);
    }

    @Test
    void theSameValueInAnySpellingIsUnchanged() {
        assertThat(UpsertPlan.decide(A, List.of("010.77.0.005"), false, "test")).isEqualTo(UpsertPlan.UNCHANGED);
        assertThat(UpsertPlan.decide(PTR, List.of("NODE1.lab.example."), false, "test")).isEqualTo(UpsertPlan.UNCHANGED);
        assertThat(UpsertPlan.decide(PTR, List.of("node1.lab.example"), true, "test")).isEqualTo(UpsertPlan.UNCHANGED);
    }

    @Test
    void anotherValueIsAConflictNamingEverything() {
        DnsConflictException conflict = catchThrowableOfType(
                () -> UpsertPlan.decide(A, List.of("10.77.0.9"), false, "DNS server 127.0.0.1:53"),
                DnsConflictException.class);

        assertThat(conflict.transientFailure()).isFalse();
        assertThat(conflict.existing()).containsExactly("10.77.0.9");
        assertThat(conflict.getMessage()).contains("node1.lab.example.", "10.77.0.9", "10.77.0.5", "127.0.0.1:53");
    }

    @Test
    void theWantedValueAmongOthersIsAConflictToo() {
        assertThatThrownBy(() -> UpsertPlan.decide(A, List.of("10.77.0.5", "10.77.0.6"), false, "test"))
                .isInstanceOf(DnsConflictException.class).hasMessageContaining("10.77.0.6");
    }

    @Test
    void overwriteReplaces() {
        assertThat(UpsertPlan.decide(A, List.of("10.77.0.9"), true, "test")).isEqualTo(UpsertPlan.REPLACE);
        assertThat(UpsertPlan.decide(A, List.of("10.77.0.5", "10.77.0.6"), true, "test")).isEqualTo(UpsertPlan.REPLACE);
    }

    @Test
    void badValuesAreRefused() {
        DnsRecord notAnAddress = new DnsRecord("lab.example", "node1.lab.example", DnsRecord.Type.A, "node2", 300);
        assertThatThrownBy(() -> UpsertPlan.decide(notAnAddress, List.of(), false, "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node2");
    }

    @Test
    void namesAreInsideTheirZoneByWholeLabels() {
        assertThat(RecordValues.inZone("node1.lab.example.", "lab.example.")).isTrue();
        assertThat(RecordValues.inZone("lab.example.", "lab.example.")).isTrue();
        assertThat(RecordValues.inZone("node1.otherlab.example.", "lab.example.")).isFalse();
    }
}
