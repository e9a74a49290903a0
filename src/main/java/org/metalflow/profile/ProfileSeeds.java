package org.metalflow.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Profiles kept as YAML files ({@code metalflow.profiles.seed}, e.g. {@code file:/etc/metalflow/profiles/*.yaml}):
 * each one is stored at start-up unless a profile of that name exists already, so edits made through the API
 * are not overwritten.
 */
@Component
class ProfileSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProfileSeeds.class);

    private final ProfileService profiles;
    private final List<String> locations;
    private final ObjectMapper yaml;
    private final Validator validator;

    ProfileSeeds(ProfileService profiles, @Value("${metalflow.profiles.seed:}") List<String> locations,
                 ObjectMapper json, Validator validator) {
        this.profiles = profiles;
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
                HardwareProfile profile = read(resource);
                if (profiles.putIfAbsent(profile)) {
                    log.info("Hardware profile {} loaded from {}", profile.name(), resource.getDescription());
                }
            }
        }
    }

    private HardwareProfile read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            HardwareProfile profile = yaml.readValue(in, HardwareProfile.class);
            Set<ConstraintViolation<HardwareProfile>> violations = validator.validate(profile);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("hardware profile " + resource.getDescription() + " is not valid: "
                        + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                        .collect(Collectors.joining("; ")));
            }
            return profile;
        } catch (IOException e) {
            throw new UncheckedIOException("hardware profile " + resource.getDescription() + " is not valid: "
                    + e.getMessage(), e);
        }
    }
}
