package org.metalflow.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.metalflow.api.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/profiles")
@Tag(name = "profiles", description = "Hardware profiles: the ready state prepare brings machines to")
class ProfileController {

    private final ProfileService service;

    ProfileController(ProfileService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "All profiles, in the order matching tries them (highest priority first)")
    List<HardwareProfile> list() {
        return service.list();
    }

    @GetMapping("/{name}")
    HardwareProfile get(@PathVariable String name) {
        return service.get(name);
    }

    @PutMapping("/{name}")
    @Operation(summary = "Create or replace a profile; used by the next prepare of a matching machine")
    ResponseEntity<HardwareProfile> put(@PathVariable String name, @Valid @RequestBody HardwareProfile profile) {
        if (!name.equals(profile.name())) {
            throw new InvalidFieldException("name", "must equal the name in the path (" + name + ")");
        }
        boolean created = service.put(profile);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(profile);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        service.delete(name);
        return ResponseEntity.noContent().build();
    }
}
