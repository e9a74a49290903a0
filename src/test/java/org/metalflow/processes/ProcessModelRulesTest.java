package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The house rules for every BPMN file in processes/ (docs/processes.md): a history TTL, names a human
 * reads on every step, explicit retries on every external task, and transitions after external tasks
 * that run as their own job.
 */
class ProcessModelRulesTest {

    static Stream<Path> processFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.list(Path.of("processes"))) {
            files = paths.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("processFiles")
    void followsTheHouseRules(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);

        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as("%s: history TTL", file).isNotBlank();
            assertThat(process.getName()).as("%s: process name", file).isNotBlank();
            assertThat(process.isExecutable()).isTrue();
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as("%s: name of %s", file, node.getId()).isNotBlank();
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if ("external".equals(task.getCamundaType())) {
                assertThat(task.getCamundaTopic()).as("%s: topic of %s", file, task.getId()).isNotBlank();
                List<String> properties = task.getExtensionElements() == null ? List.of()
                        : task.getExtensionElements().getElementsQuery().filterByType(
                                        org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
                                .list().stream().flatMap(p -> p.getCamundaProperties().stream())
                                .map(CamundaProperty::getCamundaName).toList();
                assertThat(properties).as("%s: %s sets its retries explicitly", file, task.getId())
                        .contains("retries", "retryBackoff");
                task.getOutgoing().forEach(flow -> {
                    if (flow.getTarget() instanceof ServiceTask next && "${machineTransition}".equals(
                            next.getCamundaDelegateExpression())) {
                        assertThat(next.isCamundaAsyncBefore()).as("%s: %s runs as its own job", file, next.getId())
                                .isTrue();
                    }
                });
            }
        }
    }
}
