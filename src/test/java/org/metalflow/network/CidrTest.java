package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @Test
    void networkBroadcastAndSize() {
        Cidr lab = Cidr.parse("10.88.0.0/16");
        assertThat(lab.networkAddress()).hasToString("10.88.0.0");
        assertThat(lab.broadcast()).hasToString("10.88.255.255");
        assertThat(lab.size()).isEqualTo(65536);
        assertThat(lab.prefixLength()).isEqualTo(16);
        assertThat(lab).hasToString("10.88.0.0/16");

        Cidr small = Cidr.parse("192.168.7.8/29");
        assertThat(small.broadcast()).hasToString("192.168.7.15");
        assertThat(small.size()).isEqualTo(8);

        assertThat(Cidr.parse("10.1.2.3/32").broadcast()).hasToString("10.1.2.3");
        assertThat(Cidr.parse("0.0.0.0/0").broadcast()).hasToString("255.255.255.255");
        assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
    }

    @Test
    void containsIsInclusiveOfNetworkAndBroadcast() {
        Cidr net = Cidr.parse("10.5.4.0/22");
        assertThat(net.contains(Ipv4.parse("10.5.4.0"))).isTrue();
        assertThat(net.contains(Ipv4.parse("10.5.7.255"))).isTrue();
        assertThat(net.contains(Ipv4.parse("10.5.3.255"))).isFalse();
        assertThat(net.contains(Ipv4.parse("10.5.8.0"))).isFalse();
    }

    @Test
    void overlapIsAnySharedAddress() {
        Cidr a = Cidr.parse("10.0.0.0/16");
        assertThat(a.overlaps(Cidr.parse("10.0.200.0/24"))).isTrue();
        assertThat(Cidr.parse("10.0.200.0/24").overlaps(a)).isTrue();
        assertThat(a.overlaps(Cidr.parse("8.0.0.0/6"))).as("a supernet").isTrue();
        assertThat(a.overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/25").overlaps(Cidr.parse("10.0.0.128/25"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.88.1.0/16|has host bits set; the network is 10.88.0.0/16",
            "10.88.0.0|has no prefix length",
            "10.88.0.0/33|must be 0 to 32",
            "10.88.0.0/|must be 0 to 32",
            "10.88.0.0/x|must be 0 to 32",
            "10.88.0.0/-1|must be 0 to 32",
            "10.88.0/16|is not a CIDR",
            "10.88.0.0/16/2|must be 0 to 32",
            "fd00::/64|only IPv4 is supported"})
    void malformedCidrsAreRefusedWithAReason(String text, String reason) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
