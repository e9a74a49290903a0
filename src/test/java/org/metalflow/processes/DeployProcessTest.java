package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.connectors.dns.ReverseNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The deploy and release processes on the lab: the simulated machine network-boots from the platform,
 * "installs" and calls back with its one-time token, exactly like a real installer; the records the deploy
 * wrote (IP allocation, DHCP reservation in the dnsmasq hosts file, A and PTR in the zone files) exist while it
 * is active and are gone after release, after a refusal, and after an abort.
 */
class DeployProcessTest extends IntegrationTest {

    /** Lab BMCs 32-38 belong to this test; lab-0037 (36) has a failing installer, lab-0038 (37) a hanging one. */
    private static final int FIRST = 32;

    @Autowired
    private DhcpProvider dhcp;

    @Autowired
    private DnsProvider dns;

    @Autowired
    private ExternalTaskService externalTasks;

    @Autowired
    private ManagementService management;

    @Autowired
    private TaskService taskService;

    @Autowired
    private RuntimeService runtime;

    @Value("${metalflow.data-dir}")
    private String dataDir;

    @Test
    void aMachineDeploysThroughTheLabInstallerAndReleaseRemovesEveryRecord() {
        UUID id = available(FIRST);
        assertThat(deploy(id, Map.of("hostname", "web-32"))).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode machine = awaitState(id, "active");
        List<String> path = transitions(id);
        assertThat(path).endsWith("available", "deploying", "active");

        JsonNode allocation = allocation(id);
        String address = allocation.get("address").asText();
        String mac = allocation.get("mac").asText();
        DhcpReservation reservation = dhcp.find(mac).orElseThrow();
        assertThat(reservation.ipAddress()).isEqualTo(address);
        assertThat(reservation.hostname()).isEqualTo("web-32");
        assertThat(reservation.boot().nextServer()).isEqualTo("10.88.0.3");
        assertThat(reservation.boot().ipxeScriptUrl()).endsWith("/api/v1/boot/ipxe");
        assertThat(dns.lookup("web-32.lab.metalflow.test.", DnsRecord.Type.A)).containsExactly(address);
        assertThat(dns.lookup(ReverseNames.of(address), DnsRecord.Type.PTR)).containsExactly("web-32.lab.metalflow.test.");

        // an installed machine boots from its disk: its script no longer installs anything
        String script = api().get().uri("/api/v1/boot/ipxe/mac/{mac}", mac).retrieve().body(String.class);
        assertThat(script).startsWith("#!ipxe").contains("exit").doesNotContain("kernel");

        assertThat(api().post().uri("/api/v1/machines/{id}/actions/release", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        approveAsApprover(id);
        awaitState(id, "available");
        assertThat(dhcp.find(mac)).isEmpty();
        assertThat(dns.lookup("web-32.lab.metalflow.test.", DnsRecord.Type.A)).isEmpty();
        assertThat(dns.lookup(ReverseNames.of(address), DnsRecord.Type.PTR)).isEmpty();
        assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                .get("items")).isEmpty();
        assertThat(machine.get("state").asText()).isEqualTo("active");
    }

    @Test
    void aConflictingDnsRecordFailsTheDeployAndCompensationRemovesWhatWasWritten() {
        UUID id = available(FIRST + 1);
        dns.upsert(new DnsRecord("lab.metalflow.test.", "taken-33.lab.metalflow.test.", DnsRecord.Type.A,
                "192.0.2.33", 300), true);
        try {
            assertThat(deploy(id, Map.of("hostname", "taken-33"))).isEqualTo(HttpStatus.ACCEPTED);

            JsonNode machine = awaitState(id, "deploy-failed");
            assertThat(machine.get("lastError").asText()).contains("taken-33.lab.metalflow.test.")
                    .contains("192.0.2.33");
            String mac = machine.get("hardware").get("nics").get(0).get("macAddress").asText().toLowerCase();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(dhcp.find(mac)).isEmpty();
                assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                        .get("items")).isEmpty();
            });
            // the other owner's record is untouched
            assertThat(dns.lookup("taken-33.lab.metalflow.test.", DnsRecord.Type.A)).containsExactly("192.0.2.33");
        } finally {
            dns.delete(new DnsRecord("lab.metalflow.test.", "taken-33.lab.metalflow.test.", DnsRecord.Type.A,
                    "192.0.2.33", 300));
        }
    }

    @Test
    void anAbortWhileDnsIsDownLeavesNoRecordBehind() throws IOException {
        UUID id = available(FIRST + 2);
        Path zones = Path.of(dataDir, "dns");
        Path aside = Path.of(dataDir, "dns-aside");
        Files.createDirectories(zones);
        Files.move(zones, aside);
        Files.writeString(zones, "the DNS server is down");
        try {
            assertThat(deploy(id, Map.of("hostname", "abort-34"))).isEqualTo(HttpStatus.ACCEPTED);
            // the A record cannot be written: the task fails and waits for its retry
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> externalTasks.createExternalTaskQuery()
                    .topicName("dns.upsert").list().stream()
                    .anyMatch(t -> t.getRetries() != null && t.getRetries() < 5));
            String mac = allocation(id).get("mac").asText();
            assertThat(dhcp.find(mac)).isPresent();
        } finally {
            Files.delete(zones);
            Files.move(aside, zones);
        }
        assertThat(api().post().uri("/api/v1/machines/{id}/deploy/abort", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode machine = awaitState(id, "deploy-failed");
        assertThat(machine.get("lastError").asText()).contains("aborted by admin");
        String mac = machine.get("hardware").get("nics").get(0).get("macAddress").asText().toLowerCase();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(dhcp.find(mac)).isEmpty();
            assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                    .get("items")).isEmpty();
            assertThat(dns.lookup("abort-34.lab.metalflow.test.", DnsRecord.Type.A)).isEmpty();
        });
        assertThat(api().post().uri("/api/v1/machines/{id}/deploy/abort", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void anInstallerThatReportsFailureFailsTheDeployAndItsRecordsAreRemoved() {
        UUID id = available(FIRST + 4);
        assertThat(deploy(id, Map.of("hostname", "fails-36"))).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode machine = awaitState(id, "deploy-failed");
        assertThat(machine.get("lastError").asText())
                .isEqualTo("installer reported failure: the lab installer was told to fail");
        String mac = machine.get("hardware").get("nics").get(0).get("macAddress").asText().toLowerCase();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(dhcp.find(mac)).isEmpty();
            assertThat(dns.lookup("fails-36.lab.metalflow.test.", DnsRecord.Type.A)).isEmpty();
            assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                    .get("items")).isEmpty();
        });
        // the machine's iPXE script no longer installs anything: its token was used
        assertThat(api().get().uri("/api/v1/boot/ipxe/mac/{mac}", mac).retrieve().body(String.class))
                .doesNotContain("kernel");
    }

    @Test
    void anInstallThatNeverReportsGoesToAnOperatorWhoRetriesThenAborts() {
        UUID id = available(FIRST + 5);
        assertThat(deploy(id, Map.of("hostname", "hangs-37"))).isEqualTo(HttpStatus.ACCEPTED);
        String processId = runtime.createProcessInstanceQuery().processDefinitionKey("deploy")
                .processInstanceBusinessKey(id.toString()).singleResult().getId();

        // the install timer (60 minutes) fires now; an operator gets the decision
        fireInstallTimer(processId);
        Task task = operatorTask(processId);
        assertThat(task.getName()).isEqualTo("Installer did not report: retry or abort?");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo("operators"));
        String firstScript = api().get().uri("/api/v1/machines/{id}/boot/ipxe", id).retrieve().body(String.class);
        assertThat(firstScript).contains("kernel");

        taskService.complete(task.getId(), Map.of("decision", "retry"));
        fireInstallTimer(processId);
        String secondScript = api().get().uri("/api/v1/machines/{id}/boot/ipxe", id).retrieve().body(String.class);
        assertThat(secondScript).as("a retry issues a new token").contains("kernel").isNotEqualTo(firstScript);

        taskService.complete(operatorTask(processId).getId(), Map.of("decision", "abort", "comment", "console dead"));
        JsonNode machine = awaitState(id, "deploy-failed");
        assertThat(machine.get("lastError").asText()).contains("did not report in time");
        String mac = machine.get("hardware").get("nics").get(0).get("macAddress").asText().toLowerCase();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(dhcp.find(mac)).isEmpty();
            assertThat(dns.lookup("hangs-37.lab.metalflow.test.", DnsRecord.Type.A)).isEmpty();
            assertThat(api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                    .get("items")).isEmpty();
        });
        assertThat(api().get().uri("/api/v1/boot/ipxe/mac/{mac}", mac).retrieve().body(String.class))
                .as("the revoked token is not handed out any more").doesNotContain("kernel");
    }

    /** Waits until the deploy waits for its installer, then runs the install timer's job at once. */
    private void fireInstallTimer(String processId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery()
                .processInstanceId(processId).timers().activityId("InstallTimeout").count() == 1);
        management.executeJob(management.createJobQuery().processInstanceId(processId).timers()
                .activityId("InstallTimeout").singleResult().getId());
    }

    private Task operatorTask(String processId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                taskService.createTaskQuery().processInstanceId(processId).count() == 1);
        return taskService.createTaskQuery().processInstanceId(processId).singleResult();
    }

    @Test
    void badDeployParametersAreRefusedNamingTheFieldAndStartNothing() {
        UUID id = available(FIRST + 3);
        JsonNode noOs = api().post().uri("/api/v1/machines/{id}/actions/deploy", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("os", "windows-95"))
                .retrieve().body(JsonNode.class);
        assertThat(noOs.get("status").asInt()).isEqualTo(400);
        assertThat(noOs.get("errors").get(0).get("field").asText()).isEqualTo("os");
        JsonNode badHost = api().post().uri("/api/v1/machines/{id}/actions/deploy", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("hostname", "bad_name;reboot"))
                .retrieve().body(JsonNode.class);
        assertThat(badHost.get("errors").get(0).get("field").asText()).isEqualTo("hostname");
        JsonNode badNetwork = api().post().uri("/api/v1/machines/{id}/actions/deploy", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("network", "nowhere"))
                .retrieve().body(JsonNode.class);
        assertThat(badNetwork.get("errors").get(0).get("field").asText()).isEqualTo("network");
        JsonNode unknown = api().post().uri("/api/v1/machines/{id}/actions/deploy", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("kernel", "evil"))
                .retrieve().body(JsonNode.class);
        assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("kernel");
        assertThat(machine(id).get("state").asText()).isEqualTo("available");
        assertThat(transitions(id)).doesNotContain("deploying");
    }

    private HttpStatus deploy(UUID id, Map<String, Object> parameters) {
        return HttpStatus.valueOf(api().post().uri("/api/v1/machines/{id}/actions/deploy", id)
                .contentType(MediaType.APPLICATION_JSON).body(parameters).retrieve().toBodilessEntity()
                .getStatusCode().value());
    }

    private UUID available(int labIndex) {
        JsonNode bmc = api().get().uri("/api/v1/lab/bmcs?page={p}&size=1", labIndex).retrieve().body(JsonNode.class)
                .get("items").get(0);
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body(bmc.get("registration")).retrieve().body(JsonNode.class);
        UUID id = UUID.fromString(created.get("id").asText());
        awaitState(id, "manageable");
        api().post().uri("/api/v1/machines/{id}/actions/prepare", id).retrieve().toBodilessEntity();
        awaitState(id, "available");
        return id;
    }

    private JsonNode allocation(UUID id) {
        JsonNode items = api().get().uri("/api/v1/allocations?machineId={id}", id).retrieve().body(JsonNode.class)
                .get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private List<String> transitions(UUID id) {
        List<String> path = new ArrayList<>();
        api().get().uri("/api/v1/machines/{id}/history?size=200", id).retrieve().body(JsonNode.class).get("items")
                .forEach(t -> path.add(t.get("to").asText()));
        return path;
    }

    private JsonNode awaitState(UUID id, String state) {
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(machine(id).get("state").asText()).as("%s", machine(id)).isEqualTo(state));
        return machine(id);
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }
}
