package org.metalflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** What a newcomer opens first: health, the API docs, and the Camunda webapps behind their login. */
class WebEntryPointsTest extends IntegrationTest {

    @Test
    void healthIsUpWithoutLogin() {
        JsonNode health = anonymous().get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theOpenApiDocumentDescribesTheMachineApi() {
        JsonNode doc = anonymous().get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(doc.get("paths").has("/api/v1/machines")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/machines/{id}/actions/{action}")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/lab/bmcs")).isTrue();
        HttpStatusCode ui = anonymous().get().uri("/swagger-ui/index.html").exchange((req, res) -> res.getStatusCode());
        assertThat(ui.value()).isEqualTo(200);
    }

    @Test
    void cockpitAndTasklistLogInWithThePlatformUsersOnly() {
        for (String app : new String[] {"cockpit", "tasklist"}) {
            assertThat(webappLogin(app, "admin", ADMIN_PASSWORD)).as(app).isEqualTo(200);
            assertThat(webappLogin(app, "nobody", "wrong")).as(app).isEqualTo(401);
        }
        HttpStatusCode page = anonymous().get().uri("/camunda/app/cockpit/default/")
                .exchange((req, res) -> res.getStatusCode());
        assertThat(page.value()).isEqualTo(200);
        HttpStatusCode data = anonymous().get().uri("/camunda/api/engine/engine/default/process-definition")
                .exchange((req, res) -> res.getStatusCode());
        assertThat(data.value()).as("webapp data needs a login").isEqualTo(401);
    }

    @Test
    void theEngineRestApiTakesWritesFromApiClientsWithoutCookiesOrCsrf() {
        int status = api().put().uri("/engine-rest/external-task/no-such-task/retries")
                .contentType(MediaType.APPLICATION_JSON).body("{\"retries\":1}")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).as("the engine answers, not the CSRF filter").isEqualTo(404);
        int anonymous = anonymous().put().uri("/engine-rest/external-task/no-such-task/retries")
                .contentType(MediaType.APPLICATION_JSON).body("{\"retries\":1}")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(anonymous).isEqualTo(401);
    }

    @Test
    void aWebappLoginWithoutTheCsrfTokenIsRefused() {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "admin");
        form.add("password", ADMIN_PASSWORD);
        int status = anonymous().post().uri("/camunda/api/admin/auth/user/default/login/cockpit")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(403);
    }

    private RestClient anonymous() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
