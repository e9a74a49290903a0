package org.metalflow.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One simulated BMC: its position in the fleet and the little state that changes (power, boot
 * override, sessions). The hardware is regenerated from the seed when asked for. Power transitions
 * are computed from timestamps whenever the state is read, so nothing runs per machine.
 */
public final class SimulatedBmc {

    private enum Transition { POWER_ON, POWER_OFF, RESTART }

    private final int index;
    private final Vendor vendor;
    private final MachineSpecGenerator generator;
    private final BmcBehaviour behaviour;

    private boolean poweredOn;
    private Transition transition;
    private long transitionStartMillis;
    private BootOverride boot = BootOverride.NONE;
    private String lastBootSource;
    private int bootCount;
    private long version;
    private SessionTable sessions;

    SimulatedBmc(int index, Vendor vendor, MachineSpecGenerator generator, BmcBehaviour behaviour, boolean poweredOn) {
        this.index = index;
        this.vendor = vendor;
        this.generator = generator;
        this.behaviour = behaviour;
        this.poweredOn = poweredOn;
    }

    public int index() {
        return index;
    }

    public Vendor vendor() {
        return vendor;
    }

    public String id() {
        return String.format(Locale.ROOT, "lab-%04d", index + 1);
    }

    public MachineSpec spec() {
        return generator.generate(index, vendor);
    }

    // ---- power ----

    /** On, Off, PoweringOn or PoweringOff. */
    public synchronized String powerState() {
        long now = behaviour.nowMillis();
        settle(now);
        if (transition == null) {
            return poweredOn ? "On" : "Off";
        }
        return switch (transition) {
            case POWER_ON -> "PoweringOn";
            case POWER_OFF -> "PoweringOff";
            case RESTART -> now - transitionStartMillis < delayMillis() ? "PoweringOff" : "PoweringOn";
        };
    }

    /** Applies a reset type the caller has already checked against the vendor's allowable values. */
    public synchronized void reset(String resetType) {
        long now = behaviour.nowMillis();
        settle(now);
        boolean headingOn = transition == null ? poweredOn : transition != Transition.POWER_OFF;
        switch (resetType) {
            case "On", "ForceOn" -> {
                if (!headingOn) {
                    start(Transition.POWER_ON, now);
                }
            }
            case "ForceOff", "GracefulShutdown" -> {
                if (headingOn) {
                    start(Transition.POWER_OFF, now);
                }
            }
            case "PushPowerButton" -> start(headingOn ? Transition.POWER_OFF : Transition.POWER_ON, now);
            case "ForceRestart", "GracefulRestart", "PowerCycle" ->
                    start(headingOn ? Transition.RESTART : Transition.POWER_ON, now);
            case "Nmi" -> {
                // a diagnostic interrupt to the OS; the power state stays
            }
            default -> throw new IllegalArgumentException("unknown reset type " + resetType);
        }
        settle(now); // a zero delay completes at once
    }

    private void start(Transition next, long now) {
        transition = next;
        transitionStartMillis = now;
        version++;
    }

    private void settle(long now) {
        if (transition == null) {
            return;
        }
        long elapsed = now - transitionStartMillis;
        long delay = delayMillis();
        switch (transition) {
            case POWER_ON -> {
                if (elapsed >= delay) {
                    bootCompleted();
                }
            }
            case POWER_OFF -> {
                if (elapsed >= delay) {
                    poweredOn = false;
                    transition = null;
                    version++;
                }
            }
            case RESTART -> {
                if (elapsed >= 2 * delay) {
                    bootCompleted();
                }
            }
        }
    }

    /** The host came up: it booted from the override if one was set, and a Once override is used up. */
    private void bootCompleted() {
        poweredOn = true;
        transition = null;
        bootCount++;
        lastBootSource = boot.isActive() ? boot.target() : "Hdd";
        if ("Once".equals(boot.enabled())) {
            boot = new BootOverride("None", "Disabled", boot.mode());
        }
        version++;
    }

    private long delayMillis() {
        return behaviour.powerTransitionDelay().toMillis();
    }

    // ---- boot override ----

    public synchronized BootOverride bootOverride() {
        settle(behaviour.nowMillis());
        return boot;
    }

    public synchronized void setBootOverride(BootOverride override) {
        settle(behaviour.nowMillis());
        boot = override;
        version++;
    }

    /** What the host booted from last time it came up ("Pxe", "Hdd", ...), or null if it has not booted here. */
    public synchronized String lastBootSource() {
        settle(behaviour.nowMillis());
        return lastBootSource;
    }

    public synchronized int bootCount() {
        settle(behaviour.nowMillis());
        return bootCount;
    }

    /** A weak ETag of the system resource; it changes whenever power or boot state does. */
    public synchronized String etag() {
        String power = powerState();
        int hash = java.util.Objects.hash(index, version, power, boot);
        return String.format(Locale.ROOT, "W/\"%08X\"", hash);
    }

    // ---- sessions ----

    synchronized Optional<LabSession> openSession(String username) {
        if (sessions == null) {
            sessions = new SessionTable();
        }
        return sessions.open(username, behaviour.sessionLimit(), idleMillis(), behaviour.nowMillis(), vendor.personality());
    }

    synchronized Optional<LabSession> sessionByToken(String token) {
        return sessions == null ? Optional.empty() : sessions.byToken(token, idleMillis(), behaviour.nowMillis());
    }

    synchronized Optional<LabSession> sessionById(String id) {
        return sessions == null ? Optional.empty() : sessions.byId(id, idleMillis(), behaviour.nowMillis());
    }

    synchronized boolean closeSession(String id) {
        if (sessions == null) {
            return false;
        }
        boolean closed = sessions.close(id);
        if (sessions.isEmpty()) {
            sessions = null; // most BMCs have no session most of the time: keep them small
        }
        return closed;
    }

    synchronized List<LabSession> sessions() {
        return sessions == null ? List.of() : sessions.list(idleMillis(), behaviour.nowMillis());
    }

    long sessionIdleTimeoutSeconds() {
        return behaviour.sessionIdleTimeout().toSeconds();
    }

    private long idleMillis() {
        return behaviour.sessionIdleTimeout().toMillis();
    }
}
