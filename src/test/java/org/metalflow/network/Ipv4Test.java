package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4Test {

    @Test
    void dottedTextAndNumberConvertBothWays() {
        assertThat(Ipv4.parse("10.88.1.0").toLong()).isEqualTo(10L << 24 | 88L << 16 | 1L << 8);
        assertThat(Ipv4.parse("0.0.0.0").toLong()).isZero();
        assertThat(Ipv4.parse("255.255.255.255").toLong()).isEqualTo(0xFFFF_FFFFL);
        assertThat(Ipv4.fromLong(0xFFFF_FFFFL)).hasToString("255.255.255.255");
        assertThat(Ipv4.fromLong(Ipv4.parse("192.168.0.254").toLong())).hasToString("192.168.0.254");
        assertThat(Ipv4.parse(" 10.0.0.1 ")).isEqualTo(Ipv4.parse("10.0.0.1"));
    }

    @Test
    void addressesOrderNumericallyNotAsText() {
        assertThat(Ipv4.parse("10.0.0.9")).isLessThan(Ipv4.parse("10.0.0.10"));
        assertThat(Ipv4.parse("9.255.255.255")).isLessThan(Ipv4.parse("10.0.0.0"));
        assertThat(Ipv4.parse("10.0.0.255").plus(1)).hasToString("10.0.1.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0|is not an IPv4 address",
            "10.0.0.0.1|is not an IPv4 address",
            "10.0.0.|is not an IPv4 address",
            "10.0.0.256|each number must be 0 to 255",
            "10.0.0.-1|is not an IPv4 address",
            "10.0.0.01|leading zero",
            "ten.0.0.1|is not an IPv4 address",
            "10.0.0.1/24|is not an IPv4 address",
            "fe80::1|only IPv4 is supported",
            "2001:db8::1|IPv6"})
    void malformedTextIsRefusedWithAReason(String text, String reason) {
        assertThatThrownBy(() -> Ipv4.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void emptyInputAndOutOfRangeNumbersAreRefused() {
        assertThatThrownBy(() -> Ipv4.parse(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> Ipv4.parse(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> Ipv4.fromLong(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4.fromLong(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4.parse("255.255.255.255").plus(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
