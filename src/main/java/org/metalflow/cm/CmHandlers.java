package org.metalflow.cm;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.audit.AuditLog;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration-management steps of deploy and release, all converging:
 * {@code cm.register} (before the install), {@code cm.admit} (after the installer reported),
 * {@code cm.check-run} (one look for the first successful run; sets {@code cmRunSeen}, counts
 * {@code cmRunChecks} and fails past {@code maxRunChecks}, default 120), {@code cm.deregister} (release).
 * Registering, admitting and deregistering go on the audit trail (never what registering returned: a client key).
 */
@Configuration(proxyBeanMethods = false)
class CmHandlers {

    @Bean
    TaskHandler registerWithCm(ConfigurationManagement cm, Certnames certnames, CmRegistrations registrations,
                               AuditLog audit) {
        return handler("cm.register", request -> {
            UUID id = request.machineId();
            String certname = certname(certnames, id);
            registrations.store(id, cm.register(id, certname));
            record(audit, "cm.register", request, cm, certname);
            return Map.of();
        });
    }

    @Bean
    TaskHandler admitToCm(ConfigurationManagement cm, Certnames certnames, CmRegistrations registrations, Clock clock,
                          AuditLog audit) {
        return handler("cm.admit", request -> {
            String certname = certname(certnames, request.machineId());
            cm.admit(request.machineId(), certname);
            record(audit, "cm.admit", request, cm, certname);
            // the installer has what it needed: the client key leaves the platform's database
            registrations.forget(request.machineId());
            return Map.of("cmRunChecks", 0, "cmAdmittedAt", clock.instant().toString());
        });
    }

    @Bean
    TaskHandler checkCmRun(ConfigurationManagement cm, Certnames certnames) {
        return handler("cm.check-run", request -> {
            String admitted = request.variable("cmAdmittedAt");
            Instant since = admitted == null ? Instant.EPOCH : Instant.parse(admitted);
            Optional<Instant> run = cm.successfulRunSince(request.machineId(),
                    certname(certnames, request.machineId()), since);
            int checks = request.variable("cmRunChecks") == null ? 0 : Integer.parseInt(request.variable("cmRunChecks"));
            int max = request.variable("maxRunChecks") == null ? 120 : Integer.parseInt(request.variable("maxRunChecks"));
            if (run.isEmpty() && checks >= max) {
                throw new IllegalStateException("no successful configuration-management run of "
                        + certname(certnames, request.machineId()) + " since " + since + " after " + checks
                        + " checks; look at the node's agent log");
            }
            Map<String, Object> result = new HashMap<>();
            result.put("cmRunSeen", run.isPresent());
            result.put("cmRunChecks", checks + 1);
            return result;
        });
    }

    @Bean
    TaskHandler deregisterFromCm(ConfigurationManagement cm, Certnames certnames, AuditLog audit) {
        return handler("cm.deregister", request -> {
            certnames.of(request.machineId()).ifPresent(name -> {
                cm.deregister(request.machineId(), name);
                record(audit, "cm.deregister", request, cm, name);
            });
            return Map.of();
        });
    }

    /** With no configuration management, the steps change nothing, so nothing is audited. */
    private static void record(AuditLog audit, String action, TaskRequest request, ConfigurationManagement cm,
                               String certname) {
        if (cm instanceof NoConfigurationManagement) {
            return;
        }
        audit.record(request.sideEffect(action).on("cm-node", certname).detail("system", cm.getClass().getSimpleName()
                        .replace("ConfigurationManagement", "").toLowerCase(java.util.Locale.ROOT)));
    }

    private static String certname(Certnames certnames, UUID machineId) {
        return certnames.of(machineId).orElseThrow(() -> new IllegalStateException("machine " + machineId
                + " has no deployment with an address, so no certname"));
    }

    private static TaskHandler handler(String topic, java.util.function.Function<TaskRequest, Map<String, Object>> work) {
        return new TaskHandler() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public Map<String, Object> handle(TaskRequest request) {
                return work.apply(request);
            }
        };
    }
}
