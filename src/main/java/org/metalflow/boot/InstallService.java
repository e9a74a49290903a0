package org.metalflow.boot;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.ProblemException;
import org.metalflow.security.SecretCipher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Install tokens and what installers report with them. A deploy issues a token before the machine boots;
 * the iPXE script and the install files carry it; the installer's last step posts the outcome with it, once.
 */
@Service
public class InstallService {

    public static final String INSTALLED = "installed";
    public static final String FAILED = "failed";
    private static final Set<String> OUTCOMES = Set.of(INSTALLED, FAILED);

    private final DeploymentRepository deployments;
    private final SecretCipher cipher;
    private final InstallEvents events;
    private final BootProperties properties;
    private final Clock clock;

    InstallService(DeploymentRepository deployments, SecretCipher cipher, InstallEvents events,
                   BootProperties properties, Clock clock) {
        this.deployments = deployments;
        this.cipher = cipher;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Issues a new token for the machine's deployment; an earlier token stops working. */
    @Transactional
    public void issueToken(UUID machineId) {
        deployment(machineId);
        String token = InstallTokens.newToken();
        deployments.storeToken(machineId, InstallTokens.sha256(token), cipher.seal(token, machineId.toString()),
                cipher.keyId(), clock.instant().plus(properties.tokenTtl()));
    }

    @Transactional
    public void revokeToken(UUID machineId) {
        deployments.clearToken(machineId);
    }

    /** The token of a deployment that waits for its installer, for the boot script; empty otherwise. */
    Optional<String> liveToken(UUID machineId) {
        return deployments.liveSealedToken(machineId, clock.instant())
                .map(sealed -> cipher.open(sealed, machineId.toString()));
    }

    public Deployment deployment(UUID machineId) {
        return deployments.find(machineId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, null,
                "machine " + machineId + " has no deployment; start deploy with a network and an OS"));
    }

    public Optional<Deployment> findDeployment(UUID machineId) {
        return deployments.find(machineId);
    }

    /** The deployment a live token belongs to: 404 for an unknown token, 410 for a used or expired one. */
    Deployment deploymentOfToken(String token) {
        UUID machineId = machineOf(token, false);
        Deployment deployment = deployment(machineId);
        refuseUsedOrExpired(deployment);
        return deployment;
    }

    /**
     * Records what the installer reported and tells the waiting process. The token's row stays locked until
     * the transaction ends, so the process's own check ({@link #lockedOutcome}) sees either the outcome or
     * a waiting process gets the message, never neither.
     */
    @Transactional
    public void report(String token, String outcome, String reason) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new InvalidFieldException("outcome", "must be one of " + OUTCOMES);
        }
        if (reason != null && reason.length() > 500) {
            throw new InvalidFieldException("reason", "must be at most 500 characters");
        }
        UUID machineId = machineOf(token, true);
        Deployment deployment = deployment(machineId);
        refuseUsedOrExpired(deployment);
        deployments.recordOutcome(machineId, outcome, reason, clock.instant());
        events.installFinished(machineId, outcome, reason);
    }

    /**
     * Whether {@code token} is the machine's current install token and has not expired, used or not: the
     * installed system proves with it that it is the machine the platform installed (Puppet autosign).
     */
    public boolean isCurrentToken(UUID machineId, String token) {
        return InstallTokens.wellFormed(token) && deployments.unexpiredTokenHash(machineId, clock.instant())
                .map(hash -> java.security.MessageDigest.isEqual(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        InstallTokens.sha256(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /** Called by the deploy process inside its transaction: the outcome the installer reported, if any. */
    @Transactional
    public Optional<String> lockedOutcome(UUID machineId) {
        return deployments.lock(machineId).map(Deployment::installOutcome);
    }

    private UUID machineOf(String token, boolean lock) {
        if (!InstallTokens.wellFormed(token)) {
            throw unknownToken();
        }
        String hash = InstallTokens.sha256(token);
        Optional<UUID> machine = lock ? deployments.lockByToken(hash) : deployments.findByToken(hash);
        return machine.orElseThrow(InstallService::unknownToken);
    }

    private void refuseUsedOrExpired(Deployment deployment) {
        if (deployment.installOutcome() != null) {
            throw new ProblemException(HttpStatus.GONE, null, "this install token was used at "
                    + deployment.installReportedAt() + "; a new deploy issues a new one");
        }
        Instant expires = deployment.tokenExpiresAt();
        if (expires == null || !expires.isAfter(clock.instant())) {
            throw new ProblemException(HttpStatus.GONE, null, "this install token expired at " + expires);
        }
    }

    private static ProblemException unknownToken() {
        return new ProblemException(HttpStatus.NOT_FOUND, null, "unknown install token");
    }
}
