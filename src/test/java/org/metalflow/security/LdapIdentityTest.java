package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.metalflow.connectors.testsupport.RealServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

/**
 * Users and groups from a real OpenLDAP ({@code ldap-up.sh}: olivia in operators, rita in operators and
 * change-approvers, carl in change-approvers, ada in admins; no puppet-servers group) through the platform's real
 * surfaces: HTTP Basic on the API, the approval task and four eyes, API tokens, the webapps' login. The directory
 * is read-only to the platform, which creates no user or group, and its manager password shows up nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LdapIdentityTest extends IntegrationTest {

    /** Lab BMC 170 belongs to this test. */
    private static final int LAB_INDEX = 170;

    private static RealServer ldap;
    private static final List<String> answers = new ArrayList<>();

    @Autowired
    private IdentityService identity;

    @Autowired
    private HistoryService history;

    @DynamicPropertySource
    static void directory(DynamicPropertyRegistry registry) {
        ldap = RealServer.start("ldap-up.sh", tempDir("ldap"));
        registry.add("metalflow.identity.ldap.enabled", () -> "true");
        registry.add("metalflow.identity.ldap.server-url", () -> ldap.get("LDAP_URL"));
        registry.add("metalflow.identity.ldap.manager-dn", () -> ldap.get("MANAGER_DN"));
        registry.add("metalflow.identity.ldap.manager-password", () -> ldap.get("MANAGER_PASSWORD"));
        registry.add("metalflow.identity.ldap.base-dn", () -> ldap.get("BASE_DN"));
        registry.add("metalflow.identity.ldap.user-search-base", () -> ldap.get("USER_SEARCH_BASE"));
        registry.add("metalflow.identity.ldap.group-search-base", () -> ldap.get("GROUP_SEARCH_BASE"));
    }

    @AfterAll
    static void stop() {
        if (ldap != null) {
            ldap.close();
            FileSystemUtils.deleteRecursively(ldap.directory().toFile());
        }
    }

    @Test
    void directoryUsersCallWhatTheirGroupsAllowAndAWrongPasswordIsRefused() {
        assertThat(status(as("olivia").get().uri("/api/v1/machines"))).isEqualTo(200);
        assertThat(status(as("olivia").get().uri("/api/v1/lab/bmcs?size=1"))).as("operators only").isEqualTo(200);
        assertThat(status(as("olivia").put().uri("/api/v1/machines/{id}/tags", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tags", List.of()))))
                .as("tags are for admins only").isEqualTo(403);
        assertThat(status(as("carl").post().uri("/api/v1/machines").contentType(MediaType.APPLICATION_JSON)
                .body("{}"))).as("an approver enrolls no machine").isEqualTo(403);
        assertThat(status(as("carl").get().uri("/api/v1/lab/bmcs?size=1"))).isEqualTo(403);

        assertThat(status(api("olivia", "not-" + password()).get().uri("/api/v1/machines"))).isEqualTo(401);
        assertThat(status(api("nobody", password()).get().uri("/api/v1/machines"))).isEqualTo(401);
        assertThat(status(api("olivia", "").get().uri("/api/v1/machines"))).as("no anonymous bind").isEqualTo(401);

        assertThat(identity.isReadOnly()).isTrue();
        assertThat(identity.createUserQuery().userId("admin").count()).as("the platform created no admin user").isZero();
        assertThat(identity.createGroupQuery().groupMember("rita").list()).extracting(g -> g.getId())
                .containsExactlyInAnyOrder("operators", "change-approvers");
    }

    @Test
    void anApprovalGoesToDirectoryApproversAndTheRequesterCannotApproveIt() {
        LabMachines lab = new LabMachines(as("olivia"));
        UUID id = lab.registerOk(lab.registration(LAB_INDEX));
        lab.awaitState(id, "manageable", Duration.ofMinutes(3));
        assertThat(status(as("ada").put().uri("/api/v1/machines/{id}/tags", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tags", List.of("production"))))).isEqualTo(200);
        // rita is in operators and change-approvers: she may ask, and may approve others' changes but not her own
        assertThat(status(as("rita").post().uri("/api/v1/machines/{id}/actions/prepare", id))).isEqualTo(202);

        String task = approvalOf(id);
        JsonNode candidates = as("ada").get().uri("/engine-rest/task?candidateUser=carl").retrieve().body(JsonNode.class);
        answers.add(candidates.toString());
        assertThat(candidates.findValuesAsText("id")).as("carl is a candidate through his directory group").contains(task);
        assertThat(as("ada").get().uri("/engine-rest/task?candidateUser=olivia").retrieve().body(JsonNode.class)
                .findValuesAsText("id")).as("olivia is no approver").doesNotContain(task);

        JsonNode own = as("rita").post().uri("/api/v1/approvals/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "approve")).retrieve().body(JsonNode.class);
        assertThat(own.get("status").asInt()).isEqualTo(403);
        assertThat(own.get("detail").asText()).contains("rita requested this change").contains("four eyes");
        assertThat(status(as("olivia").post().uri("/api/v1/approvals/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "approve")))).isEqualTo(403);

        assertThat(status(as("carl").post().uri("/api/v1/approvals/{id}", task).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("decision", "approve", "comment", "fine by me")))).isEqualTo(204);
        lab.awaitState(id, "available", Duration.ofMinutes(3));
        String prepare = history.createHistoricProcessInstanceQuery().processDefinitionKey("prepare")
                .processInstanceBusinessKey(id.toString()).singleResult().getId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(prepare)
                .variableName("approvedBy").singleResult().getValue()).isEqualTo("carl");
    }

    @Test
    void apiTokensOfDirectoryUsersCarryTheirGroup() {
        String admins = token("ada", "admins");
        JsonNode users = bearer(admins).get().uri("/engine-rest/user?id=olivia").retrieve().body(JsonNode.class);
        answers.add(users.toString());
        assertThat(users.findValuesAsText("email")).as("an admin's token reads directory users").containsExactly(
                "olivia@metalflow.test");
        assertThat(status(bearer(admins).put().uri("/api/v1/machines/{id}/tags", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tags", List.of()))))
                .as("past the access rules: the machine does not exist").isEqualTo(404);

        String operators = token("olivia", "operators");
        assertThat(status(bearer(operators).get().uri("/api/v1/lab/bmcs?size=1"))).isEqualTo(200);
        assertThat(status(bearer(operators).put().uri("/api/v1/machines/{id}/tags", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("tags", List.of())))).isEqualTo(403);
        assertThat(status(as("olivia").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "not mine", "group", "change-approvers")))).isEqualTo(403);
        assertThat(status(as("ada").post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "wildcard", "group", "*")))).as("no LDAP filter as a group id").isEqualTo(400);
    }

    @Test
    void directoryAdminsUseAdminAndOperatorsDoNot() {
        assertThat(webappLogin("admin", "ada", password())).isEqualTo(200);
        assertThat(webappLogin("cockpit", "olivia", password())).isEqualTo(200);
        assertThat(webappLogin("admin", "olivia", password())).as("an operator has no Admin").isNotEqualTo(200);
        JsonNode authorizations = as("ada").get().uri("/engine-rest/authorization?groupIdIn=operators")
                .retrieve().body(JsonNode.class);
        assertThat(authorizations.size()).as("the grants of security.EngineAuthorizations").isPositive();
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void theManagerPasswordIsInNoLogAndNoAnswer(CapturedOutput output) {
        String manager = ldap.get("MANAGER_PASSWORD");
        assertThat(status(api(ldap.get("MANAGER_DN"), manager).get().uri("/api/v1/machines")))
                .as("the manager is no platform user").isEqualTo(401);
        assertThat(status(api("ada", manager).get().uri("/api/v1/machines"))).isEqualTo(401);
        for (String uri : List.of("/engine-rest/user", "/engine-rest/group", "/engine-rest/user/ada/profile",
                "/engine-rest/identity/groups?userId=ada", "/api/v1/audit?size=200", "/actuator/health")) {
            answers.add(as("ada").get().uri(uri).retrieve().body(String.class));
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(manager));
        assertThat(String.join("\n", answers)).as("the directory's groups were read").contains("change-approvers");
        assertThat(output.getAll()).doesNotContain(manager).doesNotContain(password())
                .contains("the directory has no group [puppet-servers]");
    }

    /** Stops the directory: runs last. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aLoginWhileTheDirectoryIsDownIsA503NotARefusal() {
        String operators = token("olivia", "operators");
        ldap.close();

        JsonNode basic = as("olivia").get().uri("/api/v1/machines").retrieve().body(JsonNode.class);
        assertThat(basic.get("status").asInt()).as("%s", basic).isEqualTo(503);
        assertThat(basic.get("type").asText()).isEqualTo(SecurityProblems.IDENTITY_UNAVAILABLE);
        assertThat(basic.get("detail").asText()).contains("user directory did not answer");
        ResponseEntity<Void> bearer = bearer(operators).get().uri("/api/v1/machines").retrieve().toBodilessEntity();
        assertThat(bearer.getStatusCode().value()).as("a token's group is checked in the directory").isEqualTo(503);
        assertThat(bearer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    }

    private String approvalOf(UUID id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> as("carl").get().uri("/api/v1/approvals")
                .retrieve().body(JsonNode.class).findValuesAsText("machineId").contains(id.toString()));
        for (JsonNode task : as("carl").get().uri("/api/v1/approvals").retrieve().body(JsonNode.class)) {
            if (id.toString().equals(task.path("machineId").asText())) {
                assertThat(task.get("requestedBy").asText()).isEqualTo("rita");
                return task.get("id").asText();
            }
        }
        throw new AssertionError("no approval for " + id);
    }

    private String token(String user, String group) {
        JsonNode created = as(user).post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", user + " automation", "group", group)).retrieve().body(JsonNode.class);
        assertThat(created.path("group").asText()).as("%s", created).isEqualTo(group);
        return created.get("token").asText();
    }

    private RestClient bearer(String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private RestClient as(String user) {
        return api(user, password());
    }

    private static String password() {
        return ldap.get("USER_PASSWORD");
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }
}
