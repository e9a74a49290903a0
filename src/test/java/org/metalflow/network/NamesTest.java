package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void macsAreNormalisedToLowerCaseColons() {
        assertThat(Names.mac("52:54:00:AB:cd:0F")).isEqualTo("52:54:00:ab:cd:0f");
        assertThat(Names.mac("52-54-00-AB-CD-0F")).isEqualTo("52:54:00:ab:cd:0f");
        assertThat(Names.mac("52:54-00:ab:cd:0f")).as("mixed separators").isNull();
        assertThat(Names.mac("52:54:00:ab:cd")).isNull();
        assertThat(Names.mac("525400abcd0f")).isNull();
        assertThat(Names.mac("52:54:00:ab:cd:0g")).isNull();
        assertThat(Names.mac(null)).isNull();
    }

    @Test
    void hostnamesAreRfc1123LabelsOrFqdnsLowerCased() {
        assertThat(Names.hostname("Node-1")).isEqualTo("node-1");
        assertThat(Names.hostname("node-1.lab.example")).isEqualTo("node-1.lab.example");
        assertThat(Names.hostname("-node")).isNull();
        assertThat(Names.hostname("node_1")).isNull();
        assertThat(Names.hostname("node..lab")).isNull();
        assertThat(Names.hostname("a".repeat(64))).isNull();
        assertThat(Names.hostname("")).isNull();
    }
}
