package org.metalflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The in-process worker: retries come from the BPMN task, the last failure becomes an incident an operator
 * can act on, and tasks a crashed run left locked are picked up at once when the worker starts again.
 */
class WorkerRetriesAndIncidentsTest extends IntegrationTest {

    @Autowired
    private ExternalTaskService externalTasks;
    @Autowired
    private RuntimeService runtime;
    @Autowired
    private InProcessTaskWorker worker;
    @Autowired
    private WorkflowProperties properties;

    @Test
    void anUnreachableBmcIsRetriedAsTheModelSaysThenBecomesAnIncidentWithAnActionableMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UUID id = register("unreachable-bmc", "https://127.0.0.1:" + closedPort);

        ExternalTask task = awaitTask(id, t -> t.getErrorMessage() != null);
        assertThat(task.getRetries()).as("retries property of VerifyBmc in enroll.bpmn").isEqualTo(5);
        assertThat(task.getErrorMessage()).contains("127.0.0.1:" + closedPort).contains("/redfish/v1");

        // skip the modelled backoff: one retry left, run it now
        externalTasks.setRetries(task.getId(), 1);
        externalTasks.unlock(task.getId());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !runtime.createIncidentQuery().processInstanceId(task.getProcessInstanceId()).list().isEmpty());
        Incident incident = runtime.createIncidentQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
        assertThat(incident.getIncidentMessage()).contains("BMC https://127.0.0.1:" + closedPort);

        JsonNode machine = api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
        assertThat(machine.get("state").asText()).isEqualTo("enrolling");
        assertThat(machine.get("lastError").asText()).isEqualTo(incident.getIncidentMessage());
        assertThat(machine.get("process").get("incidents").get(0).asText()).isEqualTo(incident.getIncidentMessage());
        assertThat(machine.get("process").get("activities").get(0).asText())
                .isEqualTo("Verify BMC and identify system");
    }

    @Test
    void tasksLeftLockedByACrashedRunAreReleasedWhenTheWorkerStarts() {
        worker.stop();
        UUID id;
        try {
            id = register("crashed-mid-task", "https://127.0.0.1:1");
            ExternalTask waiting = awaitTask(id, t -> true);
            // what a run that died in the middle of this task leaves behind: the task locked under our id
            LockedExternalTask locked = externalTasks.fetchAndLock(1, properties.workerId())
                    .topic(waiting.getTopicName(), Duration.ofHours(1).toMillis())
                    .businessKey(id.toString()).execute().get(0);
            assertThat(externalTasks.createExternalTaskQuery().externalTaskId(locked.getId()).locked().count())
                    .isEqualTo(1);
        } finally {
            worker.start();
        }
        // the task runs again at once, not after the hour-long lock: it fails on the closed port
        ExternalTask retried = awaitTask(id, t -> t.getErrorMessage() != null);
        assertThat(retried.getWorkerId()).isEqualTo(properties.workerId());
    }

    private UUID register(String name, String address) {
        String body = """
                {"name":"%s","bmc":{"address":"%s","username":"root","password":"x","tls":{"insecure":true}}}"""
                .formatted(name, address);
        JsonNode created = api().post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(JsonNode.class);
        return UUID.fromString(created.get("id").asText());
    }

    private ExternalTask awaitTask(UUID machineId, java.util.function.Predicate<ExternalTask> condition) {
        ExternalTask[] found = new ExternalTask[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ExternalTask task = externalTasks.createExternalTaskQuery()
                    .processInstanceId(runtime.createProcessInstanceQuery()
                            .processInstanceBusinessKey(machineId.toString()).singleResult().getId())
                    .singleResult();
            found[0] = task;
            return task != null && condition.test(task);
        });
        return found[0];
    }
}
