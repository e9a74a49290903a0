package org.metalflow.cm;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.metalflow.connectors.puppet.PuppetReport;
import org.metalflow.connectors.puppet.PuppetReports;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Puppet Server's {@code http} report processor posts each run's report ({@code reports = http},
 * {@code reporturl = https://USER:PASSWORD@platform/api/v1/puppet/reports}). A successful run of a deployed
 * machine is recorded; that is what the deploy's "first successful run" waits for.
 */
@RestController
class ReportsController {

    private static final int MAX_REPORT_BYTES = 16 * 1024 * 1024;

    private final Certnames certnames;
    private final CmRuns runs;
    private final Clock clock;

    ReportsController(Certnames certnames, CmRuns runs, Clock clock) {
        this.certnames = certnames;
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping("/api/v1/puppet/reports")
    @Operation(summary = "A Puppet run report (YAML or JSON) from Puppet Server's http report processor")
    ResponseEntity<Void> report(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REPORT_BYTES + 1);
        }
        if (body.length > MAX_REPORT_BYTES) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, null, "a report larger than 16 MiB is not read");
        }
        PuppetReport report;
        try {
            report = PuppetReports.parse(body, request.getContentType());
        } catch (RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, null, "not a Puppet report: " + e.getMessage());
        }
        Optional<UUID> machine = certnames.machineOf(report.host());
        if (machine.isPresent() && report.successful()) {
            runs.record(machine.get(), report.host(), report.status(),
                    report.time() == null ? clock.instant() : report.time(), clock.instant());
        }
        return ResponseEntity.noContent().build();
    }
}
