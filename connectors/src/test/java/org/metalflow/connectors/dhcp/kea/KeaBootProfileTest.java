package org.metalflow.connectors.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.testsupport.RealServer;

class KeaBootProfileTest {

    @Test
    void theSnippetKeaIsStartedWithIsWhatTheProfileGenerates() throws Exception {
        JsonNode shipped = new ObjectMapper().readTree(Files.readString(RealServer.SCRIPTS.resolve("kea-boot-classes.json")));
        assertThat(shipped).isEqualTo(KeaHostsDatabaseProviderTest.PROFILE.clientClasses());
    }

    @Test
    void readsBackFromKeasClassDefinitionsWithTheirDefaults() {
        KeaBootProfile profile = KeaHostsDatabaseProviderTest.PROFILE;
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode definition : profile.clientClasses()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) definition).put("next-server", "0.0.0.0")
                    .put("server-hostname", "").putArray("option-data");
            byName.put(definition.get("name").asText(), definition);
        }
        assertThat(KeaBootProfile.fromClasses("metalflow-netboot", byName)).contains(profile);
        byName.remove("metalflow-netboot-uefi");
        assertThat(KeaBootProfile.fromClasses("metalflow-netboot", byName)).isEmpty();
    }

    @Test
    void automaticNamesFollowTheFilesNotTheNextServer() {
        BootFiles one = new BootFiles("10.0.0.1", "undionly.kpxe", "ipxe.efi", "http://a/boot");
        BootFiles sameFiles = new BootFiles("10.0.0.2", "undionly.kpxe", "ipxe.efi", "http://a/boot");
        BootFiles otherUrl = new BootFiles("10.0.0.1", "undionly.kpxe", "ipxe.efi", "http://b/boot");
        assertThat(KeaBootProfile.automatic(one).name()).startsWith("metalflow-boot-")
                .isEqualTo(KeaBootProfile.automatic(sameFiles).name())
                .isNotEqualTo(KeaBootProfile.automatic(otherUrl).name());
    }

    @Test
    void refusesWhatTheBootpFileFieldOrAClassTestCannotHold() {
        assertThatThrownBy(() -> new KeaBootProfile("Bad Name", "a", "b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeaBootProfile("p", "a", "b", "http://x/" + "y".repeat(130)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127");
        assertThatThrownBy(() -> new KeaBootProfile("p", "it's", "b", "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
