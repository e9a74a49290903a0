package org.metalflow.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.metalflow.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Networks kept as YAML files ({@code metalflow.networks.seed}, e.g. {@code file:/etc/metalflow/networks/*.yaml}):
 * each one is created at start-up with its pools and reserved addresses unless a network of that name exists
 * already, so changes made through the API are never overwritten.
 */
@Component
class NetworkSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(NetworkSeeds.class);

    private final NetworkService networks;
    private final List<String> locations;
    private final ObjectMapper yaml;
    private final Validator validator;
    private final TransactionTemplate transaction;

    NetworkSeeds(NetworkService networks, @Value("${metalflow.networks.seed:}") List<String> locations,
                 ObjectMapper json, Validator validator, PlatformTransactionManager transactions) {
        this.networks = networks;
        this.locations = locations;
        this.yaml = json.copyWith(new YAMLFactory());
        this.validator = validator;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations) {
            if (location.isBlank()) {
                continue;
            }
            for (Resource resource : resolver.getResources(location)) {
                NetworkSeed seed = read(resource);
                if (create(seed, resource)) {
                    log.info("Network {} ({}) loaded from {}", seed.name(), seed.cidr(), resource.getDescription());
                }
            }
        }
    }

    /** The network, its pools and reserved addresses, all or nothing; false when the network exists. */
    private boolean create(NetworkSeed seed, Resource resource) {
        try {
            return Boolean.TRUE.equals(transaction.execute(tx -> {
                if (!networks.createIfAbsent(seed.network())) {
                    return false;
                }
                seed.pools().forEach(pool -> networks.addPool(seed.name(), pool));
                seed.reserved().forEach(reserved -> networks.reserve(seed.name(), reserved));
                return true;
            }));
        } catch (ProblemException e) {
            if (exists(seed.name())) {
                // another node starting at the same time created it first
                return false;
            }
            throw new IllegalStateException("network " + resource.getDescription() + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    private boolean exists(String name) {
        try {
            networks.network(name);
            return true;
        } catch (NetworkNotFoundException e) {
            return false;
        }
    }

    private NetworkSeed read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            NetworkSeed seed = yaml.readValue(in, NetworkSeed.class);
            Set<ConstraintViolation<NetworkSeed>> violations = validator.validate(seed);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("network " + resource.getDescription() + " is not valid: "
                        + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                        .collect(Collectors.joining("; ")));
            }
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException("network " + resource.getDescription() + " is not valid: "
                    + e.getMessage(), e);
        }
    }
}
