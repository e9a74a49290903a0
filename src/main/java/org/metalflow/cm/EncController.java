package org.metalflow.cm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.metalflow.roles.RoleService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puppet's external node classifier: Puppet Server runs {@code docs/puppet/enc.sh CERTNAME}, which asks here.
 * The answer is the YAML Puppet expects: the classes of the machine's roles with their parameters, the
 * environment, and top-scope parameters naming the machine. An unknown certname is 404, which makes the
 * script fail and Puppet refuse the node.
 */
@RestController
@Tag(name = "puppet", description = "Puppet: external node classifier, autosign check, reports")
class EncController {

    private final Certnames certnames;
    private final RoleService roles;
    private final CmSettings settings;
    private final ObjectMapper yaml;

    EncController(Certnames certnames, RoleService roles, CmSettings settings, ObjectMapper json) {
        this.certnames = certnames;
        this.roles = roles;
        this.settings = settings;
        this.yaml = json.copyWith(new YAMLFactory());
    }

    @GetMapping("/api/v1/enc/{certname}")
    @Operation(summary = "Puppet ENC: classes with parameters and environment of a deployed machine, as YAML")
    ResponseEntity<String> classify(@PathVariable String certname) throws JsonProcessingException {
        UUID machineId = certnames.machineOf(certname).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                null, "no deployed machine has the certname " + certname));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("classes", roles.puppetClasses(machineId));
        node.put("environment", settings.puppet().environment());
        node.put("parameters", Map.of("metalflow_machine_id", machineId.toString(),
                "metalflow_roles", roles.rolesOf(machineId)));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/yaml")).body(yaml.writeValueAsString(node));
    }
}
