package org.metalflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.springframework.web.client.RestClient;

/** The OpenAPI document says how to log in and, for every operation, who may call it, as AccessRules does. */
class OpenApiSecurityTest extends IntegrationTest {

    @Test
    void swaggerUiCanLogInWithAPasswordOrAnApiToken() {
        JsonNode schemes = document().path("components").path("securitySchemes");
        assertThat(schemes.path(OpenApiSecurity.BASIC).path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path(OpenApiSecurity.TOKEN).path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void everyOperationSaysWhoMayCallItAsTheAccessRulesDo() {
        JsonNode paths = document().get("paths");
        assertThat(operation(paths, "post", "/api/v1/discovery").get("security")).as("machines have no login")
                .isEmpty();
        assertThat(operation(paths, "put", "/api/v1/machines/{id}/tags").get(OpenApiSecurity.GROUPS))
                .extracting(JsonNode::asText).containsExactly("admins");
        assertThat(operation(paths, "get", "/api/v1/machines").get(OpenApiSecurity.GROUPS)).extracting(JsonNode::asText)
                .containsExactly("operators", "change-approvers", "designers", "admins");
        assertThat(operation(paths, "put", "/api/v1/machines/{id}/tags").path("description").asText())
                .endsWith("Who may call it: admins.");

        List<String> wrong = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                return;
            }
            boolean open = AccessRules.ruleFor(method, path.getKey())
                    .map(rule -> rule.who() == AccessRules.Who.ANYONE).orElse(false);
            JsonNode security = op.getValue().get("security");
            boolean documentedOpen = security != null && security.isEmpty();
            if (open != documentedOpen || !open && !op.getValue().has(OpenApiSecurity.GROUPS)) {
                wrong.add(method + " " + path.getKey() + ": security " + security);
            }
        }));
        assertThat(wrong).as("operations whose documented login disagrees with AccessRules").isEmpty();
    }

    private static JsonNode operation(JsonNode paths, String method, String path) {
        JsonNode operation = paths.path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
        return operation;
    }

    private JsonNode document() {
        return RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
    }
}
