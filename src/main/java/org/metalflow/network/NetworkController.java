package org.metalflow.network;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/networks")
@Tag(name = "networks", description = "IP address management: networks, address pools, reserved addresses")
class NetworkController {

    private final NetworkService service;

    NetworkController(NetworkService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create a network; 400 when its CIDR overlaps another network")
    ResponseEntity<NetworkDetails> create(@Valid @RequestBody NetworkRequest request) {
        NetworkDetails network = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/networks/" + network.name())).body(network);
    }

    @GetMapping
    @Operation(summary = "List networks by name, optionally of one site")
    PageResponse<Network> list(@RequestParam(required = false) String site,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        return service.list(site, new PageRequestParams(page, size));
    }

    @GetMapping("/{name}")
    @Operation(summary = "A network with its pools, reserved addresses and how many addresses are used and free")
    NetworkDetails get(@PathVariable String name) {
        return service.details(name);
    }

    @PutMapping("/{name}")
    @Operation(summary = "Replace a network's settings; 409 for a new CIDR while addresses are allocated")
    NetworkDetails update(@PathVariable String name, @Valid @RequestBody NetworkRequest request) {
        if (!name.equals(request.name())) {
            throw new InvalidFieldException("name", "must equal the name in the path (" + name + ")");
        }
        return service.update(name, request);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a network with its pools and reserved addresses; 409 while addresses are allocated")
    ResponseEntity<Void> delete(@PathVariable String name) {
        service.delete(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/pools")
    @Operation(summary = "Add an address pool (inclusive range inside the CIDR, not overlapping another pool)")
    ResponseEntity<Pool> addPool(@PathVariable String name, @Valid @RequestBody PoolRequest request) {
        Pool pool = service.addPool(name, request);
        return ResponseEntity.created(URI.create("/api/v1/networks/" + name + "/pools/" + pool.name())).body(pool);
    }

    @GetMapping("/{name}/pools")
    @Operation(summary = "The network's pools in the order allocation uses them (lowest range first)")
    List<Pool> pools(@PathVariable String name) {
        return service.pools(name);
    }

    @GetMapping("/{name}/pools/{pool}")
    Pool pool(@PathVariable String name, @PathVariable String pool) {
        return service.pool(name, pool);
    }

    @DeleteMapping("/{name}/pools/{pool}")
    @Operation(summary = "Delete a pool; 409 while addresses of it are allocated")
    ResponseEntity<Void> deletePool(@PathVariable String name, @PathVariable String pool) {
        service.deletePool(name, pool);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/reserved")
    @Operation(summary = "Reserve an address: allocation never hands it out; 409 when it is allocated")
    ResponseEntity<ReservedAddress> reserve(@PathVariable String name, @Valid @RequestBody ReservedRequest request) {
        ReservedAddress reserved = service.reserve(name, request);
        return ResponseEntity.created(URI.create("/api/v1/networks/" + name + "/reserved/" + reserved.address()))
                .body(reserved);
    }

    @GetMapping("/{name}/reserved")
    List<ReservedAddress> reserved(@PathVariable String name) {
        return service.reserved(name);
    }

    @DeleteMapping("/{name}/reserved/{address}")
    ResponseEntity<Void> unreserve(@PathVariable String name, @PathVariable String address) {
        service.unreserve(name, address);
        return ResponseEntity.noContent().build();
    }
}
