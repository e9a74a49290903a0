package org.metalflow.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens: create (the secret is in this one answer), list without secrets, revoke. Managing tokens needs a
 * password login: a token cannot mint or extend tokens, so a leaked token dies with its expiry or revocation.
 */
@RestController
@Tag(name = "tokens", description = "API tokens for automation, each scoped to one group")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(String name, String group, Instant expiresAt, String owner) {
    }

    record CreatedToken(UUID id, String name, String owner, String group, Instant createdAt, Instant expiresAt,
                        String token) {
    }

    @PostMapping("/api/v1/tokens")
    @Operation(summary = "Create a token scoped to one of your groups (admins: any group, any owner); "
            + "the answer is the only time the token is shown")
    ResponseEntity<CreatedToken> create(@RequestBody TokenRequest request, Authentication caller) {
        List<String> groups = passwordCaller(caller);
        ApiTokens.Issued issued = tokens.issue(caller.getName(), groups, request.name(), request.group(),
                request.expiresAt(), request.owner());
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
                .body(new CreatedToken(token.id(), token.name(), token.owner(), token.group(), token.createdAt(),
                        token.expiresAt(), issued.secret()));
    }

    @GetMapping("/api/v1/tokens")
    @Operation(summary = "Your tokens (admins: all tokens), newest first, without their secrets")
    PageResponse<ApiToken> list(@RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size, Authentication caller) {
        return tokens.list(caller.getName(), passwordCaller(caller), new PageRequestParams(page, size));
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @Operation(summary = "Revoke a token (yours; admins: any); it is refused from the next request on")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Authentication caller) {
        tokens.revoke(id, caller.getName(), passwordCaller(caller));
        return ResponseEntity.noContent().build();
    }

    private static List<String> passwordCaller(Authentication caller) {
        if (caller instanceof ApiTokenAuthentication) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null,
                    "API tokens cannot manage API tokens: log in with your user name and password");
        }
        return Groups.of(caller);
    }
}
