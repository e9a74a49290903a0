package org.metalflow.lab;

import java.util.ArrayList;
import java.util.List;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The simulated BMCs, their credentials and the truth about their machines, for operators and tests;
 * and the faults injected into them.
 */
@RestController
@RequestMapping("/api/v1/lab")
@ConditionalOnProperty(prefix = "metalflow.lab", name = "enabled", havingValue = "true")
public class LabController {

    private final LabFleet fleet;
    private final LabRedfishServer server;

    public LabController(LabFleet fleet, LabRedfishServer server) {
        this.fleet = fleet;
        this.server = server;
    }

    @GetMapping("/bmcs")
    public PageResponse<LabBmcView> list(@RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        PageRequestParams paging = new PageRequestParams(page, size);
        int from = (int) Math.min(paging.offset(), fleet.size());
        int to = Math.min(from + paging.size(), fleet.size());
        List<LabBmcView> items = fleet.bmcs().subList(from, to).stream()
                .map(bmc -> LabBmcView.of(bmc, server))
                .toList();
        return new PageResponse<>(items, paging.page(), paging.size(), fleet.size());
    }

    @GetMapping("/bmcs/{id}")
    public LabBmcView one(@PathVariable String id) {
        return LabBmcView.of(bmc(id), server);
    }

    /** The body to POST to /api/v1/machines to register this BMC: lets a shell pipe one curl into another. */
    @GetMapping("/bmcs/{id}/registration")
    public LabBmcView.Registration registration(@PathVariable String id) {
        return one(id).registration();
    }

    @GetMapping("/bmcs/{id}/faults")
    public LabFaults faults(@PathVariable String id) {
        return bmc(id).faults();
    }

    /** Replaces the BMC's faults with these; fields left out mean no such fault. */
    @PostMapping("/bmcs/{id}/faults")
    public LabFaults setFaults(@PathVariable String id, @RequestBody LabFaultsRequest request) {
        SimulatedBmc bmc = bmc(id);
        bmc.setFaults(request.toFaults(fleet.now()));
        return bmc.faults();
    }

    @DeleteMapping("/bmcs/{id}/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void clearFaults(@PathVariable String id) {
        bmc(id).setFaults(LabFaults.NONE);
    }

    /** One fault set for the listed BMCs, or all of them; validated before any BMC changes. */
    @PostMapping("/faults")
    public LabFaultsApplied setFaults(@RequestBody LabFaultsBatch batch) {
        if (batch.faults() == null) {
            throw new InvalidFieldException("faults", "is required");
        }
        LabFaults faults = batch.faults().toFaults(fleet.now());
        List<SimulatedBmc> targets = targets(batch.bmcIds());
        targets.forEach(bmc -> bmc.setFaults(faults));
        return new LabFaultsApplied(targets.size());
    }

    @DeleteMapping("/faults")
    public LabFaultsApplied clearAllFaults() {
        fleet.bmcs().forEach(bmc -> bmc.setFaults(LabFaults.NONE));
        return new LabFaultsApplied(fleet.size());
    }

    /** Starts the observed maxima and request counts of every BMC again from now. */
    @PostMapping("/bmcs/observed/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void resetObserved() {
        fleet.bmcs().forEach(SimulatedBmc::resetObserved);
    }

    /** How many BMCs a fault change reached. */
    public record LabFaultsApplied(int bmcs) {
    }

    private List<SimulatedBmc> targets(List<String> ids) {
        if (ids == null) {
            return fleet.bmcs();
        }
        List<SimulatedBmc> targets = new ArrayList<>();
        for (String id : ids) {
            targets.add(fleet.bmcById(id == null ? "" : id)
                    .orElseThrow(() -> new InvalidFieldException("bmcIds", "names no lab BMC " + id)));
        }
        return targets;
    }

    private SimulatedBmc bmc(String id) {
        return fleet.bmcById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lab BMC with id " + id));
    }
}
