package org.metalflow.connectors.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReverseNamesTest {

    @Test
    void theReverseNameListsTheOctetsBackwardsUnderInAddrArpa() {
        assertThat(ReverseNames.of("10.77.0.5")).isEqualTo("5.0.77.10.in-addr.arpa.");
        assertThat(ReverseNames.of("192.168.100.254")).isEqualTo("254.100.168.192.in-addr.arpa.");
        assertThat(ReverseNames.of(" 010.077.000.005 ")).isEqualTo("5.0.77.10.in-addr.arpa.");
    }

    @Test
    void reverseZonesAreOctetAligned() {
        assertThat(ReverseNames.zone("10.77.0.5", 8)).isEqualTo("10.in-addr.arpa.");
        assertThat(ReverseNames.zone("10.77.0.5", 16)).isEqualTo("77.10.in-addr.arpa.");
        assertThat(ReverseNames.zone("10.77.0.5", 24)).isEqualTo("0.77.10.in-addr.arpa.");
    }

    @Test
    void classlessPrefixesAreRefusedWithAHint() {
        assertThatThrownBy(() -> ReverseNames.zone("10.77.0.5", 26))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("octet-aligned").hasMessageContaining("/24");
        assertThatThrownBy(() -> ReverseNames.zone("10.77.0.5", 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReverseNames.zone("10.77.0.5", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notAnIpv4AddressIsRefused() {
        for (String bad : new String[] {"10.77.0", "10.77.0.256", "10.77.0.5.1", "10.77..5", "a.b.c.d", "::1", "10.77.0.-1"}) {
            assertThatThrownBy(() -> ReverseNames.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void aPtrRecordIsBuiltInsideItsReverseZone() {
        DnsRecord ptr = ReverseNames.ptr("0.77.10.in-addr.arpa", "10.77.0.5", "Node1.Lab.Example", 300);

        assertThat(ptr.zone()).isEqualTo("0.77.10.in-addr.arpa.");
        assertThat(ptr.name()).isEqualTo("5.0.77.10.in-addr.arpa.");
        assertThat(ptr.type()).isEqualTo(DnsRecord.Type.PTR);
        assertThat(ptr.value()).isEqualTo("node1.lab.example.");
        assertThat(ptr.ttl()).isEqualTo(300);
    }

    @Test
    void aPtrRecordOutsideTheGivenReverseZoneIsRefused() {
        assertThatThrownBy(() -> ReverseNames.ptr("1.77.10.in-addr.arpa.", "10.77.0.5", "node1.lab.example.", 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5.0.77.10.in-addr.arpa.").hasMessageContaining("1.77.10.in-addr.arpa.");
        assertThatThrownBy(() -> ReverseNames.ptr("177.10.in-addr.arpa.", "10.77.0.5", "node1.lab.example.", 300))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
