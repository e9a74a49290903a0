package org.metalflow.inventory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "machines", description = "Machines, their hardware, lifecycle actions and history")
class MachineController {

    private final MachineService service;

    MachineController(MachineService service) {
        this.service = service;
    }

    @PostMapping("/machines")
    @Operation(summary = "Register a machine by its BMC and start enrollment (then inspection)")
    ResponseEntity<MachineResponse> register(@Valid @RequestBody MachineRegistration registration,
                                             Principal principal) {
        Machine machine = service.register(registration, principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/machines/" + machine.id())).body(response(machine));
    }

    @GetMapping("/machines")
    @Operation(summary = "List machines, optionally in one state")
    PageResponse<MachineSummary> list(@RequestParam(required = false) String state,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        MachineState filter = state == null ? null : MachineState.parse(state).orElseThrow(
                () -> new InvalidFieldException("state", "is not a machine state; one of " + List.of(MachineState.values())));
        return service.list(filter, new PageRequestParams(page, size));
    }

    @GetMapping("/machines/{id}")
    @Operation(summary = "A machine with its hardware, last error and current process")
    MachineResponse get(@PathVariable UUID id) {
        return response(service.get(id));
    }

    @GetMapping("/machines/{id}/history")
    @Operation(summary = "The machine's state transitions: who, when, from, to, why")
    PageResponse<Transition> history(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        return service.history(id, new PageRequestParams(page, size));
    }

    @PostMapping("/machines/{id}/actions/{action}")
    @Operation(summary = "Start a lifecycle action (enroll, inspect, prepare, deploy, release); 409 when the state "
            + "does not allow it or a process runs already. deploy takes a body: {network, os, hostname}")
    ResponseEntity<MachineResponse> act(@PathVariable UUID id, @PathVariable String action,
                                        @RequestBody(required = false) Map<String, Object> parameters,
                                        Principal principal) {
        MachineAction parsed = MachineAction.parse(action).orElseThrow(() -> new InvalidFieldException("action",
                "'" + action + "' is not an action; one of " + List.of(MachineAction.values())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(response(service.startAction(id, parsed,
                parameters == null ? Map.of() : parameters, principal.getName())));
    }

    @PutMapping("/machines/{id}/bmc")
    @Operation(summary = "Give a discovered machine (or one whose enrollment failed) its BMC and enroll it")
    ResponseEntity<MachineResponse> bmc(@PathVariable UUID id, @Valid @RequestBody MachineRegistration.Bmc bmc,
                                        Principal principal) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(response(service.attachBmc(id, bmc, principal.getName())));
    }

    record MaintenanceRequest(boolean enabled, String reason) {
    }

    @PutMapping("/machines/{id}/maintenance")
    @Operation(summary = "Put a machine in or out of maintenance; no action starts while it is in maintenance")
    MachineResponse maintenance(@PathVariable UUID id, @RequestBody MaintenanceRequest request) {
        return response(service.setMaintenance(id, request.enabled(), request.reason()));
    }

    record TagsRequest(List<String> tags) {
    }

    @PutMapping("/machines/{id}/tags")
    @Operation(summary = "Replace a machine's tags (e.g. production); approval policies select machines by tag")
    MachineResponse tags(@PathVariable UUID id, @RequestBody TagsRequest request) {
        return response(service.setTags(id, request.tags()));
    }

    @GetMapping("/lifecycle")
    @Operation(summary = "The lifecycle table: which state may follow which, and where each action leads")
    Map<String, Object> lifecycle() {
        Map<String, Set<MachineState>> next = new TreeMap<>();
        Lifecycle.table().forEach((from, to) -> next.put(from.value(), to));
        Map<String, MachineState> actions = new TreeMap<>();
        Lifecycle.actions().forEach((action, target) -> actions.put(action.value(), target));
        return Map.of("initial", Lifecycle.initialStates(), "transitions", next, "actions", actions);
    }

    private MachineResponse response(Machine machine) {
        return MachineResponse.of(machine, service.currentProcess(machine).orElse(null));
    }
}
