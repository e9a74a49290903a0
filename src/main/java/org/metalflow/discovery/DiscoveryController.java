package org.metalflow.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.metalflow.boot.BootProperties;
import org.metalflow.boot.MachineBody;
import org.metalflow.inventory.Hardware;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the discovery image reports a machine nobody knew: it becomes a {@code discovered} machine with its
 * NICs, which an operator then enrolls by giving it a BMC ({@code PUT /api/v1/machines/{id}/bmc}).
 * Unauthenticated (the image has no user), so the body is bounded and checked field by field.
 */
@RestController
@Tag(name = "discovery", description = "Machines reported by the discovery image")
class DiscoveryController {

    private final MachineService machines;
    private final BootProperties boot;
    private final ObjectMapper json;

    DiscoveryController(MachineService machines, BootProperties boot, ObjectMapper json) {
        this.machines = machines;
        this.boot = boot;
        this.json = json;
    }

    @PostMapping("/api/v1/discovery")
    @Operation(summary = "Report a machine (from the discovery image): 201 when new, 200 when its MAC is known")
    ResponseEntity<Map<String, Object>> report(HttpServletRequest request) {
        DiscoveryReport report = MachineBody.read(request, boot.maxCallbackBytes(), json, DiscoveryReport.class);
        report.check();
        List<Hardware.Nic> nics = IntStream.range(0, report.nics().size())
                .mapToObj(i -> {
                    DiscoveryReport.Nic nic = report.nics().get(i);
                    return new Hardware.Nic(nic.name() == null ? "nic" + i : nic.name(),
                            nic.mac().toLowerCase(Locale.ROOT), null, null);
                })
                .toList();
        Hardware hardware = new Hardware(report.cpuCount(), null, null, report.cpuModel(), report.memoryMiB(), null,
                null, nics, List.of(), List.of());
        Machine.SystemIdentity identity = new Machine.SystemIdentity(report.manufacturer(), report.model(),
                report.serialNumber(), report.uuid(), null);
        String name = "discovered-" + nics.get(0).macAddress().replace(":", "");
        MachineService.Discovered discovered = machines.discover(name, identity, hardware, "discovery");
        Machine machine = discovered.machine();
        Map<String, Object> body = Map.of("id", machine.id(), "name", machine.name(), "state", machine.state().toString());
        return discovered.created()
                ? ResponseEntity.created(URI.create("/api/v1/machines/" + machine.id())).body(body)
                : ResponseEntity.ok(body);
    }
}
