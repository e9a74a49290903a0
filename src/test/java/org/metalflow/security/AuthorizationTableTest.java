package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Every operation of the OpenAPI document, called as a member of each group, anonymously, and by a user in no
 * group, is let through or refused exactly as {@link AccessRules} says; and every documented operation has a rule,
 * so an endpoint added without one fails here. Requests are harmless: random ids and empty bodies, which the
 * endpoints answer 400 or 404 ("let through": only 401 and an access-denied 403 count as refused). The two lab
 * operations without parameters (clear all faults, reset the observed counters) do run; no other test relies
 * on faults or counters across test classes.
 */
class AuthorizationTableTest extends IntegrationTest {

    static final String PASSWORD = "authz-test-password";
    /** One test user per group, and one in no group at all (engine user ids are letters and digits only). */
    static final Map<String, List<String>> USERS = Map.of(
            "authzOperator", List.of(Groups.OPERATORS),
            "authzApprover", List.of(Groups.CHANGE_APPROVERS),
            "authzDesigner", List.of(Groups.DESIGNERS),
            "authzAdmin", List.of(Groups.ADMINS),
            "authzPuppet", List.of(Groups.PUPPET_SERVERS),
            "authzNobody", List.of());

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @Autowired
    private IdentityService identity;
    @Autowired
    private ObjectMapper json;

    record Operation(HttpMethod method, String template, boolean hasBody) {

        /** The template with harmless values: ids nobody has. */
        String path() {
            Matcher variables = PATH_VARIABLE.matcher(template);
            StringBuilder path = new StringBuilder();
            while (variables.find()) {
                String value = variables.group(1).equals("action") ? "inspect" : UUID.randomUUID().toString();
                variables.appendReplacement(path, value);
            }
            variables.appendTail(path);
            return path.toString();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    record Answer(int status, JsonNode problem) {

        boolean refusedAsDenied() {
            return status == 403 && SecurityProblems.ACCESS_DENIED.equals(problem.path("type").asText());
        }

        boolean refused() {
            return status == 401 || refusedAsDenied();
        }
    }

    @BeforeEach
    void users() {
        USERS.forEach((id, groups) -> ensureUser(identity, id, groups));
    }

    static void ensureUser(IdentityService identity, String id, List<String> groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            groups.forEach(group -> identity.createMembership(id, group));
        }
    }

    @Test
    void everyDocumentedOperationHasAnAccessRule() {
        List<Operation> operations = operations();
        assertThat(operations).as("operations of /v3/api-docs").hasSizeGreaterThan(50)
                .contains(new Operation(HttpMethod.POST, "/api/v1/tokens", true));
        List<Operation> uncovered = operations.stream()
                .filter(o -> AccessRules.ruleFor(o.method().name(), o.path()).isEmpty()).toList();
        assertThat(uncovered).as("documented operations no rule of AccessRules covers: add them to the table "
                + "(and to docs/security.md)").isEmpty();
    }

    @Test
    void eachGroupIsLetThroughOrRefusedAsTheTableSays() {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            String path = operation.path();
            Optional<AccessRules.AccessRule> rule = AccessRules.ruleFor(operation.method().name(), path);
            if (rule.isEmpty()) {
                continue; // everyDocumentedOperationHasAnAccessRule names it
            }
            for (Map.Entry<String, List<String>> user : USERS.entrySet()) {
                boolean allowed = rule.get().allows(true, user.getValue());
                Answer answer = call(api(user.getKey(), PASSWORD), operation, path);
                if (allowed && answer.refused() || !allowed && !answer.refusedAsDenied()) {
                    wrong.add(operation + " as " + user.getKey() + ": expected " + (allowed ? "let through" : "403")
                            + ", got " + answer.status() + " " + answer.problem());
                }
            }
            boolean open = rule.get().who() == AccessRules.Who.ANYONE;
            Answer anonymous = call(anonymous(), operation, path);
            if (open ? anonymous.refused() : anonymous.status() != 401) {
                wrong.add(operation + " anonymously: expected " + (open ? "let through" : "401") + ", got "
                        + anonymous.status());
            }
        }
        assertThat(wrong).as("answers that disagree with AccessRules").isEmpty();
    }

    /** The intent of the table, independent of how it is written down. */
    @Test
    void groupsDoWhatTheirRoleSays() {
        String machine = "/api/v1/machines/" + UUID.randomUUID();
        assertThat(call("authzOperator", HttpMethod.POST, "/api/v1/machines").refused()).isFalse();
        assertThat(call("authzOperator", HttpMethod.POST, machine + "/actions/inspect").refused()).isFalse();
        assertThat(call("authzOperator", HttpMethod.PUT, "/api/v1/profiles/x").refusedAsDenied()).isTrue();
        assertThat(call("authzOperator", HttpMethod.POST, "/api/v1/approvals/x").refusedAsDenied()).isTrue();
        assertThat(call("authzApprover", HttpMethod.POST, "/api/v1/approvals/x").refused()).isFalse();
        assertThat(call("authzApprover", HttpMethod.GET, "/api/v1/machines").status()).isEqualTo(200);
        assertThat(call("authzApprover", HttpMethod.POST, "/api/v1/machines").refusedAsDenied()).isTrue();
        assertThat(call("authzDesigner", HttpMethod.PUT, "/api/v1/roles/x").refused()).isFalse();
        assertThat(call("authzDesigner", HttpMethod.POST, machine + "/actions/inspect").refusedAsDenied()).isTrue();
        assertThat(call("authzPuppet", HttpMethod.POST, "/api/v1/puppet/reports").refused()).isFalse();
        assertThat(call("authzPuppet", HttpMethod.GET, "/api/v1/machines").refusedAsDenied()).isTrue();
        assertThat(call("authzNobody", HttpMethod.GET, "/api/v1/machines").refusedAsDenied()).isTrue();
        assertThat(call("authzAdmin", HttpMethod.PUT, "/api/v1/profiles/x").refused()).isFalse();
        // the engine REST API: any user; what they see there is the engine's authorizations' business
        assertThat(call("authzNobody", HttpMethod.GET, "/engine-rest/engine").status()).isEqualTo(200);
    }

    @Test
    void aRefusalIsAProblemNamingTheGroupsNeeded() {
        ResponseEntity<String> answer = api("authzOperator", PASSWORD).put().uri("/api/v1/profiles/x")
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = read(answer.getBody());
        assertThat(problem.path("type").asText()).isEqualTo(SecurityProblems.ACCESS_DENIED);
        assertThat(problem.path("detail").asText()).isEqualTo(
                "PUT /api/v1/profiles/x needs membership of one of the groups designers, admins");
        assertThat(problem.path("requiredGroups").toString()).isEqualTo("[\"designers\",\"admins\"]");
    }

    @Test
    void anEndpointWithoutARuleIsForAdminsOnly() {
        Answer operator = call("authzOperator", HttpMethod.GET, "/api/v1/no-such-endpoint");
        Answer admin = call("authzAdmin", HttpMethod.GET, "/api/v1/no-such-endpoint");

        assertThat(operator.refusedAsDenied()).isTrue();
        assertThat(operator.problem().path("detail").asText())
                .isEqualTo("GET /api/v1/no-such-endpoint is covered by no access rule, so only members of admins may call it");
        assertThat(admin.status()).isEqualTo(404);
    }

    @Test
    void aFailedLoginIsAProblemToo() {
        // a user nobody created: a wrong password for a real one would lock them for the other tests
        ResponseEntity<String> answer = api("authzNoSuchUser", "wrong").get().uri("/api/v1/machines").retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().get("WWW-Authenticate")).contains("Basic realm=\"metalflow\"");
        assertThat(read(answer.getBody()).path("type").asText()).isEqualTo(SecurityProblems.UNAUTHENTICATED);
    }

    private List<Operation> operations() {
        JsonNode paths = read(anonymous().get().uri("/v3/api-docs").retrieve().body(String.class)).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = o.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    operations.add(new Operation(HttpMethod.valueOf(method), path.getKey(),
                            operation.getValue().has("requestBody")));
                }
            }
        }
        return operations;
    }

    private Answer call(String user, HttpMethod method, String path) {
        return call(api(user, PASSWORD), new Operation(method, path, method != HttpMethod.GET), path);
    }

    private Answer call(RestClient client, Operation operation, String path) {
        RestClient.RequestBodySpec request = client.method(operation.method()).uri(path);
        if (operation.hasBody()) {
            request.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        ResponseEntity<String> answer = request.retrieve().toEntity(String.class);
        return new Answer(answer.getStatusCode().value(), problem(answer));
    }

    private JsonNode problem(ResponseEntity<String> answer) {
        MediaType type = answer.getHeaders().getContentType();
        if (type == null || answer.getBody() == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            return json.createObjectNode();
        }
        return read(answer.getBody());
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private RestClient anonymous() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
