package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Deployments through the engine REST API (the Camunda Modeler's route): a designer deploys plain BPMN, but BPMN
 * that runs code of its own (a script, an expression reaching into Java) is refused with the reason and nothing
 * is stored; an admin may deploy it; an operator may not deploy at all.
 */
class DeploymentGuardTest extends IntegrationTest {

    private static final String DESIGNER = "dora";
    private static final String DESIGNER_PASSWORD = "dora-designs-processes";
    private static final String OPERATOR = "oscar";
    private static final String OPERATOR_PASSWORD = "oscar-operates-machines";

    @Autowired
    private IdentityService identity;

    @Autowired
    private RepositoryService repository;

    @BeforeEach
    void users() {
        user(DESIGNER, DESIGNER_PASSWORD, "designers");
        user(OPERATOR, OPERATOR_PASSWORD, "operators");
    }

    @Test
    void aDesignerDeploysPlainBpmn() {
        String key = key();
        ResponseEntity<JsonNode> answer = deploy(designer(), key, externalTask());
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
        JsonNode definitions = designer().get().uri("/engine-rest/process-definition?key={k}", key).retrieve()
                .body(JsonNode.class);
        assertThat(definitions.findValuesAsText("key")).containsExactly(key);
    }

    @Test
    void aDesignersScriptTaskIsRefusedWithTheReasonAndNothingIsDeployed() {
        String key = key();
        long deployments = repository.createDeploymentQuery().count();
        ResponseEntity<JsonNode> answer = deploy(designer(), key,
                "<bpmn:scriptTask id=\"Run\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(403);
        assertThat(answer.getBody().get("message").asText()).contains(DESIGNER, "element 'Run' is a script task");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    @Test
    void anAdminMayDeployAScript() {
        String key = key();
        ResponseEntity<JsonNode> answer = deploy(api(), key,
                "<bpmn:scriptTask id=\"Run\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
    }

    @Test
    void aDesignersExpressionsThatReachJavaAreRefused() {
        long deployments = repository.createDeploymentQuery().count();
        for (String expression : new String[] {"${execution.getProcessEngineServices().getRuntimeService()}",
                "${T(java.lang.Runtime).getRuntime().exec('id')}", "${''.getClass().forName('java.lang.Runtime')}"}) {
            String task = "<bpmn:serviceTask id=\"Work\" camunda:type=\"external\" camunda:topic=\"x\">"
                    + "<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"p\">"
                    + expression.replace("'", "&apos;") + "</camunda:inputParameter></camunda:inputOutput>"
                    + "</bpmn:extensionElements></bpmn:serviceTask>";
            ResponseEntity<JsonNode> answer = deploy(designer(), key(), task);
            assertThat(answer.getStatusCode().value()).as(expression).isEqualTo(403);
            assertThat(answer.getBody().get("message").asText()).as(expression).contains("element 'Work' expression");
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void anOperatorMayNotDeployAtAll() {
        String key = key();
        ResponseEntity<JsonNode> answer = deploy(api(OPERATOR, OPERATOR_PASSWORD), key, externalTask());
        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getBody().get("message").asText()).contains(OPERATOR, "CREATE", "Deployment");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    private RestClient designer() {
        return api(DESIGNER, DESIGNER_PASSWORD);
    }

    private ResponseEntity<JsonNode> deploy(RestClient client, String key, String elements) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions" targetNamespace="test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start"/>
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, elements);
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", key);
        form.add("deployment-source", "camunda-modeler");
        form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return key + ".bpmn";
            }
        });
        return client.post().uri("/engine-rest/deployment/create").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().toEntity(JsonNode.class);
    }

    private static String externalTask() {
        return "<bpmn:serviceTask id=\"Work\" camunda:type=\"external\" camunda:topic=\"redfish.power\"/>";
    }

    private static String key() {
        return "designed-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void user(String id, String password, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }
}
