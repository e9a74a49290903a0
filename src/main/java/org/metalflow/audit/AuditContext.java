package org.metalflow.audit;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who and which request the current thread works for: bound by the API's request filter (request id, the
 * authenticated caller) and by the task worker around each handler (its worker id), so that a record made deep
 * inside (a state change, an approval) carries the request id without every method passing it along. It also
 * collects the machines recorded during the request, so the API request's own entry can name its machine.
 */
public final class AuditContext {

    private static final ThreadLocal<AuditContext> CURRENT = new ThreadLocal<>();

    private final String requestId;
    private volatile String actor;
    private final Set<UUID> machines = new LinkedHashSet<>();

    private AuditContext(String requestId, String actor) {
        this.requestId = requestId;
        this.actor = actor;
    }

    /** Binds a context to this thread until the returned scope is closed; the previous one is restored then. */
    public static Scope bind(String requestId, String actor) {
        AuditContext previous = CURRENT.get();
        CURRENT.set(new AuditContext(requestId, actor));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static Optional<AuditContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public String requestId() {
        return requestId;
    }

    public String actor() {
        return actor;
    }

    void actor(String authenticated) {
        this.actor = authenticated;
    }

    synchronized void touched(UUID machineId) {
        machines.add(machineId);
    }

    /** The one machine this request's records concerned, if exactly one. */
    synchronized Optional<UUID> onlyMachine() {
        return machines.size() == 1 ? Optional.of(machines.iterator().next()) : Optional.empty();
    }

    /** Ends a binding; closing does not throw. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
