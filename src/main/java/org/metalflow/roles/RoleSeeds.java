package org.metalflow.roles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** Roles kept as YAML files ({@code metalflow.roles.seed}), stored at start unless a role of that name exists. */
@Component
class RoleSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RoleSeeds.class);

    private final RoleService roles;
    private final List<String> locations;
    private final ObjectMapper yaml;
    private final Validator validator;

    RoleSeeds(RoleService roles, @Value("${metalflow.roles.seed:}") List<String> locations, ObjectMapper json,
              Validator validator) {
        this.roles = roles;
        this.locations = locations;
        this.yaml = json.copyWith(new YAMLFactory());
        this.validator = validator;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations) {
            if (location.isBlank()) {
                continue;
            }
            for (Resource resource : resolver.getResources(location)) {
                Role role;
                try (InputStream in = resource.getInputStream()) {
                    role = yaml.readValue(in, Role.class);
                }
                Set<ConstraintViolation<Role>> violations = validator.validate(role);
                if (!violations.isEmpty()) {
                    throw new IllegalStateException("role " + resource.getDescription() + " is invalid: "
                            + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                            .collect(Collectors.joining(", ")));
                }
                if (roles.putIfAbsent(role)) {
                    log.info("Role {} loaded from {}", role.name(), resource.getDescription());
                }
            }
        }
    }
}
