package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.metalflow.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** API tokens: issued once, stored as a hash, scoped to one group, refused when revoked or expired. */
@ExtendWith(OutputCaptureExtension.class)
class ApiTokenTest extends IntegrationTest {

    private static final String ADMIN = "tokenAdmin";
    private static final String OPERATOR = "tokenOperator";
    private static final String PASSWORD = AuthorizationTableTest.PASSWORD;

    @Autowired
    private IdentityService identity;
    @Autowired
    private ObjectMapper json;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private ApiTokens tokens;

    @BeforeEach
    void users() {
        AuthorizationTableTest.ensureUser(identity, ADMIN, List.of(Groups.ADMINS));
        AuthorizationTableTest.ensureUser(identity, OPERATOR, List.of(Groups.OPERATORS));
    }

    @Test
    void anAdminsOperatorsTokenHasOperatorsRightsOnly(CapturedOutput output) {
        JsonNode created = create(ADMIN, Map.of("name", "ci deploys", "group", "operators"));
        String secret = created.get("token").asText();
        RestClient bearer = bearer(secret);

        assertThat(secret).matches("mft_[A-Za-z0-9_-]{43}");
        assertThat(created.get("owner").asText()).isEqualTo(ADMIN);
        assertThat(created.get("group").asText()).isEqualTo("operators");
        assertThat(status(bearer.get().uri("/api/v1/machines"))).isEqualTo(200);
        // operators create networks: an empty body is refused as invalid, not as forbidden
        assertThat(status(bearer.post().uri("/api/v1/networks").contentType(MediaType.APPLICATION_JSON).body("{}")))
                .isEqualTo(400);
        ResponseEntity<String> designersOnly = bearer.put().uri("/api/v1/profiles/x")
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
        assertThat(designersOnly.getStatusCode().value()).isEqualTo(403);
        assertThat(read(designersOnly.getBody()).get("detail").asText())
                .endsWith("; this API token carries only the group operators");
        // the engine gets the token's group, not the owner's admins and camunda-admin
        assertThat(Groups.of(tokens.authenticate(secret))).containsExactly("operators");
        assertThat(status(bearer.get().uri("/engine-rest/engine"))).isEqualTo(200);
        assertThat(output.getAll()).as("log output").doesNotContain(secret);
    }

    @Test
    void aMemberScopesTokensOnlyToTheirOwnGroups() {
        ResponseEntity<String> foreign = api(OPERATOR, PASSWORD).post().uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "x", "group", "designers"))
                .retrieve().toEntity(String.class);
        JsonNode own = create(OPERATOR, Map.of("name", "mine", "group", "operators"));

        assertThat(foreign.getStatusCode().value()).isEqualTo(403);
        assertThat(own.get("owner").asText()).isEqualTo(OPERATOR);
        assertThat(status(bearer(own.get("token").asText()).get().uri("/api/v1/networks"))).isEqualTo(200);
    }

    @Test
    void listsShowNoSecretAndOnlyOwnTokensToNonAdmins() {
        JsonNode adminToken = create(ADMIN, Map.of("name", "admin's", "group", "operators"));
        JsonNode operatorToken = create(OPERATOR, Map.of("name", "operator's", "group", "operators"));

        String adminList = api(ADMIN, PASSWORD).get().uri("/api/v1/tokens?size=500").retrieve().body(String.class);
        String operatorList = api(OPERATOR, PASSWORD).get().uri("/api/v1/tokens?size=500").retrieve().body(String.class);

        assertThat(read(adminList).get("items").findValuesAsText("id"))
                .contains(adminToken.get("id").asText(), operatorToken.get("id").asText());
        assertThat(read(operatorList).get("items").findValuesAsText("id"))
                .contains(operatorToken.get("id").asText()).doesNotContain(adminToken.get("id").asText());
        assertThat(read(operatorList).get("items").findValuesAsText("owner")).containsOnly(OPERATOR);
        assertThat(read(adminList).get("items").findValues("token")).isEmpty();
        assertThat(adminList).doesNotContain(adminToken.get("token").asText(), operatorToken.get("token").asText());
    }

    @Test
    void aRevokedTokenIsRefused() {
        JsonNode token = create(OPERATOR, Map.of("name", "short-lived", "group", "operators"));
        RestClient bearer = bearer(token.get("token").asText());
        assertThat(status(bearer.get().uri("/api/v1/machines"))).isEqualTo(200);

        int byOthers = status(api("nobodyAtAll", "x").delete().uri("/api/v1/tokens/{id}", token.get("id").asText()));
        int byAdminsToken = status(bearer(create(ADMIN, Map.of("name", "a", "group", "admins")).get("token").asText())
                .delete().uri("/api/v1/tokens/{id}", token.get("id").asText()));
        int revoked = status(api(OPERATOR, PASSWORD).delete().uri("/api/v1/tokens/{id}", token.get("id").asText()));
        ResponseEntity<String> after = bearer.get().uri("/api/v1/machines").retrieve().toEntity(String.class);

        assertThat(byOthers).isEqualTo(401);
        assertThat(byAdminsToken).as("a token cannot manage tokens").isEqualTo(403);
        assertThat(revoked).isEqualTo(204);
        assertThat(after.getStatusCode().value()).isEqualTo(401);
        assertThat(read(after.getBody()).get("type").asText()).isEqualTo(SecurityProblems.UNAUTHENTICATED);
        JsonNode listed = read(api(OPERATOR, PASSWORD).get().uri("/api/v1/tokens?size=500").retrieve().body(String.class));
        assertThat(listed.get("items").findParents("id").stream()
                .filter(t -> t.get("id").asText().equals(token.get("id").asText()))
                .map(t -> t.get("revokedAt").isNull()).toList()).containsExactly(false);
    }

    @Test
    void someoneElsesTokenIsNotFoundForThem() {
        JsonNode token = create(ADMIN, Map.of("name", "admin's", "group", "admins"));

        assertThat(status(api(OPERATOR, PASSWORD).delete().uri("/api/v1/tokens/{id}", token.get("id").asText())))
                .isEqualTo(404);
        assertThat(status(bearer(token.get("token").asText()).get().uri("/api/v1/machines"))).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonNode token = create(OPERATOR, Map.of("name", "expiring", "group", "operators",
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        RestClient bearer = bearer(token.get("token").asText());
        assertThat(status(bearer.get().uri("/api/v1/machines"))).isEqualTo(200);

        // as if the day had passed
        jdbc.sql("update api_token set expires_at = :past where id = :id")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .param("id", UUID.fromString(token.get("id").asText())).update();

        assertThat(status(bearer.get().uri("/api/v1/machines"))).isEqualTo(401);
        assertThat(status(api(OPERATOR, PASSWORD).post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x", "group", "operators", "expiresAt", "2001-01-01T00:00:00Z")))).isEqualTo(400);
    }

    @Test
    void aTokenLivesAtMostTheMaximumLifetime() {
        JsonNode unlimited = create(OPERATOR, Map.of("name", "no expiry asked", "group", "operators"));
        Instant expires = Instant.parse(unlimited.get("expiresAt").asText());
        assertThat(expires).as("365 days, the default maximum").isBetween(Instant.now().plus(364, ChronoUnit.DAYS),
                Instant.now().plus(366, ChronoUnit.DAYS));

        JsonNode tooLong = api(OPERATOR, PASSWORD).post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "forever", "group", "operators",
                        "expiresAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()))
                .retrieve().body(JsonNode.class);
        assertThat(tooLong.get("status").asInt()).isEqualTo(400);
        assertThat(tooLong.toString()).contains("expiresAt").contains("365 days")
                .contains("metalflow.security.tokens.max-lifetime");
    }

    @Test
    void onlyTheHashIsStored() {
        JsonNode token = create(OPERATOR, Map.of("name", "hashed", "group", "operators"));
        String secret = token.get("token").asText();
        status(bearer(secret).get().uri("/api/v1/machines"));

        Map<String, Object> row = jdbc.sql("select * from api_token where id = :id")
                .param("id", UUID.fromString(token.get("id").asText())).query().singleRow();

        assertThat(row.values()).noneSatisfy(v -> assertThat(String.valueOf(v)).contains(secret.substring(4)));
        assertThat(row).containsEntry(key(row, "token_hash"), ApiTokens.hash(secret));
        assertThat(row.get(key(row, "last_used_at"))).isNotNull();
    }

    @Test
    void anUnknownBearerTokenIsRefused() {
        ResponseEntity<String> answer = bearer("mft_" + "A".repeat(43)).get().uri("/api/v1/machines").retrieve()
                .toEntity(String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(401);
        assertThat(answer.getHeaders().get("WWW-Authenticate")).contains("Bearer realm=\"metalflow\"");
    }

    private JsonNode create(String user, Map<String, String> request) {
        ResponseEntity<String> answer = api(user, PASSWORD).post().uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON).body(request).retrieve().toEntity(String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
        return read(answer.getBody());
    }

    private RestClient bearer(String secret) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> {
                    h.setBearerAuth(secret);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }

    /** Column names come back upper case from H2 and lower case from PostgreSQL. */
    private static String key(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElseThrow();
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
