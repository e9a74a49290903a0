package org.metalflow.roles;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * What a machine is for, and what that means to configuration management: Puppet classes with their
 * parameters (the ENC answer) and a Chef run list.
 *
 * @param puppetClasses class name to its parameters, e.g. {@code nginx: {worker_processes: 4}}
 * @param chefRunList   run list items, e.g. {@code role[web]}, {@code recipe[nginx::default]}
 */
public record Role(
        @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?") String name,
        @Size(max = 500) String description,
        Map<@Pattern(regexp = "[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*") String, Map<String, Object>> puppetClasses,
        List<@Pattern(regexp = "(role|recipe)\\[[A-Za-z0-9_:.@-]+\\]") String> chefRunList) {

    public Role {
        puppetClasses = puppetClasses == null ? Map.of() : puppetClasses;
        chefRunList = chefRunList == null ? List.of() : List.copyOf(chefRunList);
    }
}
