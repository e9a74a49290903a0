package org.metalflow.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** Seed files create networks with their pools and reserved addresses once, whole or not at all. */
class NetworkSeedsTest extends IntegrationTest {

    @Autowired
    private NetworkService networks;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private Validator validator;
    @Autowired
    private PlatformTransactionManager transactions;

    @TempDir
    Path dir;

    @Test
    void aSeedIsCreatedOnceAndNeverOverwritten() throws Exception {
        Files.writeString(dir.resolve("seeded.yaml"), """
                name: seed-ok
                cidr: 10.203.0.0/24
                gateway: 10.203.0.1
                dnsServers: [10.203.0.2, 10.203.0.3]
                domain: seed.example
                vlan: 203
                site: ams1
                bootServer: 10.203.0.4
                pools:
                  - {name: low, firstAddress: 10.203.0.10, lastAddress: 10.203.0.19}
                  - {name: high, firstAddress: 10.203.0.100, lastAddress: 10.203.0.199}
                reserved:
                  - {address: 10.203.0.12, note: console server}
                """);
        seeds(dir).run(null);

        NetworkDetails seeded = networks.details("seed-ok");
        assertThat(seeded.cidr()).isEqualTo("10.203.0.0/24");
        assertThat(seeded.dnsServers()).containsExactly("10.203.0.2", "10.203.0.3");
        assertThat(seeded.vlan()).isEqualTo(203);
        assertThat(seeded.site()).isEqualTo("ams1");
        assertThat(seeded.bootServer()).isEqualTo("10.203.0.4");
        assertThat(seeded.pools()).extracting(Pool::name).containsExactly("low", "high");
        assertThat(seeded.reserved()).extracting(ReservedAddress::address).containsExactly("10.203.0.12");

        networks.update("seed-ok", new NetworkRequest("seed-ok", "10.203.0.0/24", "10.203.0.1", List.of(),
                "changed.example", null, null, null));
        seeds(dir).run(null);
        assertThat(networks.network("seed-ok").domain()).as("an API change survives a restart")
                .isEqualTo("changed.example");
    }

    @Test
    void aSeedWithABadPoolFailsStartNamingTheFileAndCreatesNothing() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                name: seed-broken
                cidr: 10.203.1.0/24
                pools:
                  - {name: outside, firstAddress: 10.203.2.10, lastAddress: 10.203.2.20}
                """);
        assertThatThrownBy(() -> seeds(dir).run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken.yaml").hasMessageContaining("firstAddress 10.203.2.10 is outside");
        assertThatThrownBy(() -> networks.network("seed-broken")).isInstanceOf(NetworkNotFoundException.class);
    }

    @Test
    void aSeedThatBreaksTheNameRulesIsRefusedBeforeAnythingIsStored() throws Exception {
        Files.writeString(dir.resolve("upper.yaml"), """
                name: Seed-Upper
                cidr: 10.203.3.0/24
                vlan: 5000
                """);
        assertThatThrownBy(() -> seeds(dir).run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upper.yaml").hasMessageContaining("name must be an RFC 1123 label")
                .hasMessageContaining("vlan must be less than or equal to 4094");
    }

    private NetworkSeeds seeds(Path directory) {
        return new NetworkSeeds(networks, List.of("file:" + directory + "/*.yaml"), json, validator, transactions);
    }
}
