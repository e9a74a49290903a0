package org.metalflow.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalflow.inventory.MachineState;

/** The Modeler templates in processes/.camunda stay in step with the platform they describe. */
class ElementTemplatesTest {

    private static final Path TEMPLATES = Path.of("processes/.camunda/element-templates/metalflow.json");

    @Test
    void everyTemplateIsWellFormedAndItsChoicesAreRealStates() throws Exception {
        JsonNode templates = new ObjectMapper().readTree(TEMPLATES.toFile());
        assertThat(templates.isArray()).isTrue();
        List<String> topics = new ArrayList<>();
        for (JsonNode template : templates) {
            assertThat(template.get("$schema").asText()).contains("element-templates-json-schema");
            assertThat(template.get("id").asText()).startsWith("org.metalflow.");
            assertThat(template.get("appliesTo")).isNotEmpty();
            for (JsonNode property : template.get("properties")) {
                assertThat(property.get("binding").get("type").asText()).isNotBlank();
                String name = property.get("binding").path("name").asText();
                if ("camunda:topic".equals(name)) {
                    topics.add(property.get("value").asText());
                }
                if ("targetState".equals(name)) {
                    List<String> choices = new ArrayList<>();
                    property.get("choices").forEach(c -> choices.add(c.get("value").asText()));
                    assertThat(choices).containsExactlyInAnyOrderElementsOf(Arrays.stream(MachineState.values())
                            .map(MachineState::value).filter(s -> !s.equals("discovered")).toList());
                }
            }
        }
        assertThat(topics).as("one template per topic the processes use").containsExactlyInAnyOrderElementsOf(
                topicsUsedByProcesses());
    }

    private static java.util.Set<String> topicsUsedByProcesses() throws java.io.IOException {
        java.util.Set<String> topics = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.ServiceTask.class).stream()
                        .map(org.camunda.bpm.model.bpmn.instance.ServiceTask::getCamundaTopic)
                        .filter(java.util.Objects::nonNull).forEach(topics::add);
            }
        }
        return topics;
    }
}
