package org.metalflow.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The operating systems machines can be deployed with, read once from {@code metalflow.boot.os-catalog}. */
@Component
public class OsCatalog {

    private final Map<String, OsImage> images = new TreeMap<>();

    OsCatalog(BootProperties properties, ObjectMapper json, Validator validator) {
        ObjectMapper yaml = json.copyWith(new YAMLFactory());
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            for (String location : properties.osCatalog()) {
                if (location.isBlank()) {
                    continue;
                }
                for (Resource resource : resolver.getResources(location)) {
                    OsImage image;
                    try (InputStream in = resource.getInputStream()) {
                        image = yaml.readValue(in, OsImage.class);
                    }
                    Set<ConstraintViolation<OsImage>> violations = validator.validate(image);
                    if (!violations.isEmpty()) {
                        throw new IllegalStateException("OS image " + resource.getDescription() + " is invalid: "
                                + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                                .collect(Collectors.joining(", ")));
                    }
                    images.put(image.name(), image);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OS catalog " + properties.osCatalog(), e);
        }
    }

    public Optional<OsImage> find(String name) {
        return Optional.ofNullable(images.get(name));
    }

    public Collection<OsImage> all() {
        return images.values();
    }
}
