package org.metalflow.cm;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.metalflow.boot.InstallService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puppet's policy-based autosigning ({@code autosign = docs/puppet/autosign.sh}): Puppet Server asks whether to
 * sign a certificate request; the platform says yes (204) only when the request's challengePassword is the
 * install token of the deployed machine with that certname (the installer put it into csr_attributes.yaml).
 */
@RestController
class AutosignController {

    private final Certnames certnames;
    private final InstallService installs;

    AutosignController(Certnames certnames, InstallService installs) {
        this.certnames = certnames;
        this.installs = installs;
    }

    record Check(String challengePassword) {
    }

    @PostMapping("/api/v1/puppet/autosign/{certname}")
    @Operation(summary = "Puppet autosign check: 204 when the challenge password is the machine's install token")
    ResponseEntity<Void> check(@PathVariable String certname, @RequestBody Check check) {
        Optional<UUID> machine = certnames.machineOf(certname);
        if (machine.isEmpty() || check.challengePassword() == null
                || !installs.isCurrentToken(machine.get(), check.challengePassword())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null, "not signing " + certname
                    + ": no deployed machine with that certname presents this challenge password");
        }
        return ResponseEntity.noContent().build();
    }
}
