package org.metalflow.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.inventory.MachineService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What booting machines and their installers call. These endpoints carry no user credentials (machines have
 * none): the install files and the callback need a live one-time token, the scripts reveal only what a MAC
 * on the provisioning network is meant to boot.
 */
@RestController
@Tag(name = "boot", description = "Network boot: iPXE scripts, install files, installer callbacks")
class BootController {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}([:-][0-9a-f]{2}){5}");
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final BootScripts scripts;
    private final InstallService installs;
    private final MachineService machines;
    private final BootProperties properties;
    private final ObjectMapper json;
    private final InstallEvents events;

    BootController(BootScripts scripts, InstallService installs, MachineService machines, BootProperties properties,
                   ObjectMapper json, InstallEvents events) {
        this.events = events;
        this.scripts = scripts;
        this.installs = installs;
        this.machines = machines;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/api/v1/boot/ipxe")
    @Operation(summary = "The iPXE script DHCP points iPXE at: chains to the script of the booting MAC")
    ResponseEntity<String> chain() {
        return text(scripts.chain());
    }

    @GetMapping("/api/v1/boot/ipxe/mac/{mac}")
    @Operation(summary = "The iPXE script of a MAC: installer while deploying, local boot, or discovery if unknown")
    ResponseEntity<String> byMac(@PathVariable String mac) {
        String normalized = mac.toLowerCase(Locale.ROOT);
        if (!MAC.matcher(normalized).matches()) {
            throw new InvalidFieldException("mac", "must be six hex pairs separated by ':' or '-'");
        }
        return text(scripts.forMac(normalized.replace('-', ':')));
    }

    @GetMapping("/api/v1/machines/{id}/boot/ipxe")
    @Operation(summary = "The iPXE script the machine would get now (for operators; needs a login)")
    ResponseEntity<String> byMachine(@PathVariable UUID id) {
        return text(scripts.forMachine(machines.get(id)));
    }

    @GetMapping("/api/v1/boot/install/{token}/{file}")
    @Operation(summary = "An install file (preseed.cfg, user-data, meta-data, ks.cfg) for a live install token")
    ResponseEntity<String> installFile(@PathVariable String token, @PathVariable String file) {
        return text(scripts.installFile(token, file));
    }

    @PostMapping("/api/v1/machines/{id}/deploy/abort")
    @Operation(summary = "Abort the machine's running deploy: its records are removed, it ends deploy-failed")
    ResponseEntity<Void> abort(@PathVariable UUID id, java.security.Principal principal) {
        machines.get(id);
        if (!events.abortDeploy(id, principal.getName())) {
            throw new org.metalflow.api.ProblemException(HttpStatus.CONFLICT, null, "machine " + id
                    + " runs no deploy that can be aborted");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    record Callback(String outcome, String reason) {
    }

    @PostMapping("/api/v1/boot/callbacks/{token}")
    @Operation(summary = "The installer's last step: {outcome: installed|failed, reason}; a token works once")
    ResponseEntity<Void> callback(@PathVariable String token, HttpServletRequest request) {
        Callback callback = MachineBody.read(request, properties.maxCallbackBytes(), json, Callback.class);
        installs.report(token, callback.outcome(), callback.reason());
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok().contentType(TEXT).body(body);
    }
}
