package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The webapps and the engine REST API with engine authorizations on: each group gets exactly its applications
 * and permissions, session cookies are HttpOnly and SameSite, and the webapps' CSRF filter refuses a
 * state-changing call without the X-XSRF-TOKEN header.
 */
class WebappSecurityTest extends IntegrationTest {

    @Autowired
    private IdentityService identity;

    @BeforeEach
    void users() {
        user("olga", "operators");
        user("abel", "change-approvers");
        user("dina", "designers");
    }

    @Test
    void eachGroupReachesExactlyItsWebapps() {
        assertThat(allowed("olga", "ACCESS", 0, "application", "cockpit")).isTrue();
        assertThat(allowed("olga", "ACCESS", 0, "application", "tasklist")).isTrue();
        assertThat(allowed("olga", "ACCESS", 0, "application", "admin")).isFalse();
        assertThat(allowed("abel", "ACCESS", 0, "application", "tasklist")).isTrue();
        assertThat(allowed("abel", "ACCESS", 0, "application", "cockpit")).isFalse();
        assertThat(allowed("dina", "ACCESS", 0, "application", "cockpit")).isTrue();
        assertThat(allowed("dina", "ACCESS", 0, "application", "tasklist")).isFalse();
        assertThat(login("tasklist", "abel").status()).isEqualTo(200);
        assertThat(login("cockpit", "abel").status()).as("an approver has no Cockpit").isNotEqualTo(200);
        assertThat(login("admin", "olga").status()).as("an operator has no Admin").isNotEqualTo(200);
    }

    @Test
    void operatorsReadAndRetryProcessesButNeitherDeployNorChangeDefinitions() {
        assertThat(allowed("olga", "READ", 6, "process-definition", "*")).isTrue();
        assertThat(allowed("olga", "READ_HISTORY", 6, "process-definition", "*")).isTrue();
        assertThat(allowed("olga", "RETRY_JOB", 6, "process-definition", "*")).isTrue();
        assertThat(allowed("olga", "UPDATE", 8, "process-instance", "*")).isTrue();
        assertThat(allowed("olga", "DELETE", 8, "process-instance", "*")).isFalse();
        assertThat(allowed("olga", "CREATE", 9, "deployment", "*")).isFalse();
        assertThat(allowed("olga", "UPDATE", 6, "process-definition", "*")).isFalse();
        JsonNode definitions = as("olga").get().uri("/engine-rest/process-definition?key=release")
                .retrieve().body(JsonNode.class);
        assertThat(definitions.findValuesAsText("key")).contains("release");
    }

    @Test
    void approversAndDesignersSeeDefinitionsOnly() {
        assertThat(allowed("abel", "READ", 6, "process-definition", "*")).isTrue();
        assertThat(allowed("abel", "READ", 8, "process-instance", "*")).isFalse();
        assertThat(allowed("abel", "CREATE", 9, "deployment", "*")).isFalse();
        assertThat(allowed("dina", "CREATE", 9, "deployment", "*")).isTrue();
        assertThat(allowed("dina", "READ", 6, "process-definition", "*")).isTrue();
        assertThat(allowed("dina", "READ", 8, "process-instance", "*")).isFalse();
        JsonNode instances = as("dina").get().uri("/engine-rest/process-instance").retrieve()
                .body(JsonNode.class);
        assertThat(instances.isArray()).isTrue();
        assertThat(instances).as("a designer reads no process instances").isEmpty();
    }

    @Test
    void adminsIsAnEngineAdminGroup() {
        assertThat(allowed("admin", "ALL", 4, "authorization", "*")).isTrue();
        assertThat(login("admin", "admin").status()).isEqualTo(200);
    }

    @Test
    void sessionCookiesAreHttpOnlyAndSameSite() {
        List<String> cookies = RestClient.create("http://127.0.0.1:" + port).get().uri("/camunda/app/tasklist/default/")
                .exchange((req, res) -> res.getHeaders().get(HttpHeaders.SET_COOKIE));
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(xsrf).containsIgnoringCase("SameSite");
    }

    @Test
    void aStateChangingWebappCallWithoutTheCsrfHeaderIsRefused() {
        Session session = login("tasklist", "admin");
        assertThat(session.status()).isEqualTo(200);
        String claim = "/camunda/api/engine/engine/default/task/no-such-task/claim";
        int without = RestClient.create("http://127.0.0.1:" + port).post().uri(claim)
                .header("Cookie", session.cookies()).contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"admin\"}")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(without).isEqualTo(403);
        int with = RestClient.create("http://127.0.0.1:" + port).post().uri(claim)
                .header("Cookie", session.cookies()).header("X-XSRF-TOKEN", session.token())
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"admin\"}")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(with).as("with the header the engine answers (no such task)").isNotEqualTo(403);
    }

    private boolean allowed(String user, String permission, int resourceType, String resourceName, String resourceId) {
        JsonNode answer = as(user).get().uri("/engine-rest/authorization/check?permissionName={p}&resourceType={t}"
                        + "&resourceName={n}&resourceId={id}", permission, resourceType, resourceName, resourceId)
                .retrieve().body(JsonNode.class);
        assertThat(answer.has("authorized")).as("%s", answer).isTrue();
        return answer.get("authorized").asBoolean();
    }

    private RestClient as(String user) {
        return "admin".equals(user) ? api() : api(user, password(user));
    }

    private record Session(int status, String cookies, String token) {
    }

    /** Logs in to a webapp as the browser does: the page sets the session and XSRF cookies, the login echoes the token. */
    private Session login(String app, String user) {
        RestClient anonymous = RestClient.create("http://127.0.0.1:" + port);
        List<String> cookies = anonymous.get().uri("/camunda/app/" + app + "/default/")
                .exchange((req, res) -> res.getHeaders().get(HttpHeaders.SET_COOKIE));
        String token = cookie(cookies, "XSRF-TOKEN");
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", "admin".equals(user) ? ADMIN_PASSWORD : password(user));
        String cookieHeader = "XSRF-TOKEN=" + token + "; JSESSIONID=" + cookie(cookies, "JSESSIONID");
        var answer = anonymous.post().uri("/camunda/api/admin/auth/user/default/login/" + app)
                .header("X-XSRF-TOKEN", token).header("Cookie", cookieHeader)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((req, res) -> new Object[] {res.getStatusCode().value(), res.getHeaders().get(HttpHeaders.SET_COOKIE)});
        int status = (int) answer[0];
        @SuppressWarnings("unchecked")
        List<String> renewed = (List<String>) answer[1];
        // the login renews the session id (session fixation), and with it the XSRF token
        if (renewed != null && renewed.stream().anyMatch(c -> c.startsWith("JSESSIONID="))) {
            String newToken = renewed.stream().anyMatch(c -> c.startsWith("XSRF-TOKEN=")) ? cookie(renewed, "XSRF-TOKEN") : token;
            return new Session(status, "XSRF-TOKEN=" + newToken + "; JSESSIONID=" + cookie(renewed, "JSESSIONID"), newToken);
        }
        return new Session(status, cookieHeader, token);
    }

    private static String cookie(List<String> setCookies, String name) {
        String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow();
        return cookie.substring(name.length() + 1, cookie.indexOf(';'));
    }

    private static String password(String user) {
        return user + "-secret-password";
    }

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(password(id));
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }
}
