package org.metalflow.lab;

import java.util.List;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The simulated BMCs, their credentials and the truth about their machines, for operators and tests. */
@RestController
@RequestMapping("/api/v1/lab/bmcs")
@ConditionalOnProperty(prefix = "metalflow.lab", name = "enabled", havingValue = "true")
public class LabController {

    private final LabFleet fleet;
    private final LabRedfishServer server;

    public LabController(LabFleet fleet, LabRedfishServer server) {
        this.fleet = fleet;
        this.server = server;
    }

    @GetMapping
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

    @GetMapping("/{id}")
    public LabBmcView one(@PathVariable String id) {
        return fleet.bmcById(id)
                .map(bmc -> LabBmcView.of(bmc, server))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lab BMC with id " + id));
    }

    /** The body to POST to /api/v1/machines to register this BMC: lets a shell pipe one curl into another. */
    @GetMapping("/{id}/registration")
    public LabBmcView.Registration registration(@PathVariable String id) {
        return one(id).registration();
    }
}
