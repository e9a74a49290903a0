package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a non-admin may deploy: the rules on their own, on hand-written BPMN and on the platform's processes. */
class SafeDeploymentRulesTest {

    private static final Set<String> BEANS = Set.of("machineTransition", "installReport", "fourEyes",
            "deploySettings", "dataSource", "credentialVault");

    private final SafeDeploymentRules rules = new SafeDeploymentRules(new SafeExpressions(
            Set.of("machineTransition", "installReport", "fourEyes", "deploySettings", "approvalDefaults",
                    "approvalRejection", "approvalReminder", "approvalEscalation"), BEANS::contains));

    @Test
    void thePlatformsOwnProcessesPass() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            List<Path> models = files.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".form"))
                    .toList();
            assertThat(models).isNotEmpty();
            for (Path model : models) {
                assertThat(rules.problems(model.getFileName().toString(), Files.readAllBytes(model)))
                        .as(model.toString()).isEmpty();
            }
        }
    }

    @Test
    void anExternalTaskProcessWithVariablesAndTimePasses() {
        assertThat(problems("""
                <bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="redfish.power"
                    camunda:asyncBefore="true">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="due">${dateTime().plusMinutes(5).toDate()}</camunda:inputParameter>
                    <camunda:inputParameter name="target">${retire ? 'off' : machine.power}</camunda:inputParameter>
                    <camunda:inputParameter name="key">#{execution.processBusinessKey}</camunda:inputParameter>
                    <camunda:inputParameter name="interval">${deploySettings.runCheckInterval()}</camunda:inputParameter>
                  </camunda:inputOutput>
                  <camunda:executionListener delegateExpression="${machineTransition}" event="start"/>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="Flow" sourceRef="Work" targetRef="Work">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${not empty x and x.count > 2 and x['a'] == 'b'}</bpmn:conditionExpression>
                </bpmn:sequenceFlow>""")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<bpmn:scriptTask id=\"S\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>",
            "<bpmn:task id=\"S\"><bpmn:extensionElements><camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">1</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:task>",
            "<bpmn:serviceTask id=\"S\" camunda:class=\"com.example.Evil\"/>",
            "<bpmn:serviceTask id=\"S\" camunda:expression=\"${machineTransition}\"/>",
            "<bpmn:task id=\"S\"><bpmn:extensionElements><camunda:executionListener class=\"com.example.Evil\" event=\"start\"/></bpmn:extensionElements></bpmn:task>",
            "<bpmn:userTask id=\"S\"><bpmn:extensionElements><camunda:taskListener expression=\"${x}\" event=\"create\"/></bpmn:extensionElements></bpmn:userTask>",
            "<bpmn:serviceTask id=\"S\" camunda:delegateExpression=\"${credentialVault}\"/>",
            "<bpmn:serviceTask id=\"S\" camunda:delegateExpression=\"${machineTransition.foo()}\"/>",
            "<bpmn:callActivity id=\"S\" calledElement=\"x\" camunda:variableMappingClass=\"com.example.Evil\"/>",
            "<bpmn:sequenceFlow id=\"S\" sourceRef=\"a\" targetRef=\"b\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"groovy\">true</bpmn:conditionExpression></bpmn:sequenceFlow>",
            "<bpmn:serviceTask id=\"S\"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>"
    })
    void codeIsRefused(String element) {
        assertThat(problems(element)).as(element).isNotEmpty().allSatisfy(p -> assertThat(p).contains("element 'S'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${execution.getProcessEngineServices().getRuntimeService()}",
            "${execution.processEngineServices.identityService}",
            "${task.execution}",
            "${execution.processBusinessKey()}",
            "${T(java.lang.Runtime).getRuntime().exec('id')}",
            "${''.getClass().forName('java.lang.Runtime')}",
            "${x.class.classLoader}",
            "${x['class']}",
            "${dataSource.connection}",
            "${machineId.toUpperCase()}",
            "${deploySettings.getClass()}",
            "${dateTime().getClass()}",
            "${fn:escape(x)}",
            "#{execution}",
            "before ${ok} and ${execution} after",
            "${execution.getVariable('x').getBytes()}",
            "${execution.setVariable('approved', true)}",
            "${execution.hasVariable}",
            "${''.concat(x).getClass()}",
            "${x['concat']('y')}"
    })
    void expressionsThatReachJavaAreRefused(String expression) {
        assertThat(problems("<bpmn:task id=\"S\" name=\"" + expression.replace("'", "&apos;") + "\"/>"))
                .as(expression).hasSize(1);
    }

    @Test
    void whetherAVariableExistsMayBeAsked() {
        assertThat(problems("<bpmn:task id=\"S\" name=\"${execution.hasVariable(&apos;approvalRequired&apos;) and "
                + "not approvalRequired}\"/>")).isEmpty();
        assertThat(problems("<bpmn:task id=\"S\" name=\"${&apos;approved by &apos;.concat(approvedBy).trim()}\"/>"))
                .as("a string literal's methods").isEmpty();
    }

    @Test
    void theReasonNamesTheExpressionAndWhy() {
        assertThat(problems("<bpmn:task id=\"S\" name=\"${execution.getProcessEngineServices()}\"/>"))
                .singleElement().asString()
                .contains("element 'S'", "${execution.getProcessEngineServices()}", "engine's own object");
    }

    @Test
    void onlyBpmnAndFormsMayBeDeployed() {
        assertThat(rules.problems("approval.form", "{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(rules.problems("form.html", "<script>".getBytes(StandardCharsets.UTF_8))).singleElement()
                .asString().contains("only BPMN models");
        assertThat(rules.problems("rules.dmn", "<x/>".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void externalEntitiesAreNotRead() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<bpmn:definitions xmlns:bpmn=\"" + SafeDeploymentRules.BPMN + "\">&e;</bpmn:definitions>";
        assertThat(rules.problems("x.bpmn", xml.getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .contains("not readable as XML");
    }

    private List<String> problems(String elements) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="t">
                  <bpmn:process id="P" isExecutable="true" camunda:historyTimeToLive="P1D">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(elements);
        return rules.problems("test.bpmn", xml.getBytes(StandardCharsets.UTF_8));
    }
}
