package org.metalflow.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the audit trail. There is no route that changes or deletes an entry: other verbs answer 405. */
@RestController
@Tag(name = "audit", description = "The append-only audit trail: state changes, approvals, API mutations, side effects")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "Audit entries, newest first; action matches as a prefix (dns.), from/to are ISO instants")
    PageResponse<AuditEntry> list(@RequestParam(required = false) String machineId,
                                  @RequestParam(required = false) String actor,
                                  @RequestParam(required = false) String action,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String processInstanceId,
                                  @RequestParam(required = false) String requestId,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        AuditQuery query = AuditQuery.parse(machineId, actor, action, from, to, processInstanceId, requestId);
        return audit.find(query, new PageRequestParams(page, size));
    }
}
