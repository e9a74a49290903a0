package org.metalflow.network;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.metalflow.api.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/allocations")
@Tag(name = "networks")
class AllocationController {

    private final NetworkService service;

    AllocationController(NetworkService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Allocated addresses by network and address, optionally of one network, machine or MAC")
    PageResponse<Allocation> list(@RequestParam(required = false) String network,
                                  @RequestParam(required = false) UUID machineId,
                                  @RequestParam(required = false) String mac,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return service.allocations(network, machineId, mac, new PageRequestParams(page, size));
    }

    @GetMapping("/{id}")
    Allocation get(@PathVariable UUID id) {
        return service.allocation(id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Release an allocated address")
    ResponseEntity<Void> release(@PathVariable UUID id) {
        if (!service.release(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, null, "no allocation " + id);
    }
}
