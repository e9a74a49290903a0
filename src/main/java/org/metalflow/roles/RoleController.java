package org.metalflow.roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.inventory.MachineService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "roles", description = "Roles: what a machine is for, as Puppet classes and a Chef run list")
class RoleController {

    private final RoleService roles;
    private final MachineService machines;

    RoleController(RoleService roles, MachineService machines) {
        this.roles = roles;
        this.machines = machines;
    }

    @GetMapping("/api/v1/roles")
    List<Role> list() {
        return roles.list();
    }

    @GetMapping("/api/v1/roles/{name}")
    Role get(@PathVariable String name) {
        return roles.get(name);
    }

    @PutMapping("/api/v1/roles/{name}")
    @Operation(summary = "Create or replace a role; machines carrying it get the change at their next run")
    ResponseEntity<Role> put(@PathVariable String name, @Valid @RequestBody Role role) {
        if (!name.equals(role.name())) {
            throw new InvalidFieldException("name", "must equal the name in the path (" + name + ")");
        }
        return ResponseEntity.status(roles.put(role) ? HttpStatus.CREATED : HttpStatus.OK).body(role);
    }

    @DeleteMapping("/api/v1/roles/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        roles.delete(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/machines/{id}/roles")
    Map<String, Object> machineRoles(@PathVariable UUID id) {
        machines.get(id);
        return Map.of("roles", roles.rolesOf(id), "puppetClasses", roles.puppetClasses(id),
                "chefRunList", roles.chefRunList(id));
    }

    record Assignment(List<String> roles) {
    }

    @PutMapping("/api/v1/machines/{id}/roles")
    @Operation(summary = "Give the machine exactly these roles (also a deploy parameter)")
    Map<String, Object> assign(@PathVariable UUID id, @RequestBody Assignment assignment) {
        machines.get(id);
        if (assignment.roles() == null) {
            throw new InvalidFieldException("roles", "is required (an empty list takes every role off)");
        }
        roles.assign(id, assignment.roles(), "roles");
        return machineRoles(id);
    }
}
