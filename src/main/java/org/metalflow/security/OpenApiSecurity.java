package org.metalflow.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Writes {@link AccessRules} into the OpenAPI document, so Swagger UI logs in (HTTP Basic or an API token) and every
 * operation says who may call it: open operations carry no security requirement, the others name their groups in
 * {@value #GROUPS} and in their description.
 */
@Component
class OpenApiSecurity implements OpenApiCustomizer {

    static final String BASIC = "basic";
    static final String TOKEN = "apiToken";
    static final String GROUPS = "x-metalflow-groups";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("user and password of the identity service"))
                .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("mft_...").description("an API token (POST /api/v1/tokens)"));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(method, path, operation)));
    }

    private static void describe(PathItem.HttpMethod method, String path, Operation operation) {
        Optional<AccessRules.AccessRule> rule = AccessRules.ruleFor(method.name(), path);
        if (rule.isPresent() && rule.get().who() == AccessRules.Who.ANYONE) {
            operation.setSecurity(List.of());
            return;
        }
        operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(TOKEN)));
        List<String> groups = rule.map(r -> r.who() == AccessRules.Who.ANY_USER ? List.of("any user")
                : r.groupsWithAdmins()).orElse(List.of(Groups.ADMINS));
        operation.addExtension(GROUPS, groups);
        String who = "Who may call it: " + String.join(", ", groups) + ".";
        operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank() ? who
                : operation.getDescription() + "\n\n" + who);
    }
}
