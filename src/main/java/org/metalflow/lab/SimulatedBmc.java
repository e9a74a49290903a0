package org.metalflow.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.metalflow.lab.FirmwareImage.Component;
import org.metalflow.lab.VendorPersonality.MediaSlotSpec;

/**
 * One simulated BMC: its position in the fleet and the little state that changes (power, boot
 * override, sessions, BIOS, volumes, drive erases, tasks, firmware, media, faults). The hardware is
 * regenerated from the seed when asked for; each kind of change is held in an object made only when the
 * first such change happens, so an untouched BMC stays a few fields. Power transitions and tasks are
 * computed from timestamps whenever the state is read, so nothing runs per machine.
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
    private String lastBootImage;
    private long version;
    private long operations;
    private SessionTable sessions;
    private BiosState bios;
    private StorageState storage;
    private EraseState erases;
    private TaskLog tasks;
    private FirmwareState firmware;
    private MediaState media;
    private Boolean secureBootEnable;
    private Boolean secureBootCurrent;
    private FaultState faults;
    private LoadCounters load;

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

    /** The machine as it is now: generated, with any firmware updates in place. */
    public MachineSpec spec() {
        MachineSpec generated = generator.generate(index, vendor);
        synchronized (this) {
            if (firmware == null) {
                return generated;
            }
            long now = behaviour.nowMillis();
            settle(now);
            return firmware.applyTo(generated, now);
        }
    }

    public synchronized long nowMillis() {
        return behaviour.nowMillis();
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
                    bootCompleted(transitionStartMillis + delay);
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
                    bootCompleted(transitionStartMillis + 2 * delay);
                }
            }
        }
    }

    /**
     * The host came up: pending BIOS settings, a staged BIOS image and a Secure Boot change took effect,
     * it booted from the override if one was set (from virtual media only if media is inserted, else it
     * falls through to the disk), and a Once override is used up.
     */
    private void bootCompleted(long atMillis) {
        poweredOn = true;
        transition = null;
        bootCount++;
        if (bios != null) {
            bios.boot(atMillis);
        }
        if (firmware != null) {
            firmware.boot(atMillis);
        }
        if (secureBootEnable != null) {
            secureBootCurrent = secureBootEnable;
        }
        String source = boot.isActive() ? boot.target() : "Hdd";
        lastBootImage = null;
        for (MediaSlotSpec slot : vendor.personality().virtualMedia()) {
            if (slot.bootTarget().equals(source)) {
                MediaState.Slot inserted = media == null ? MediaState.Slot.EMPTY : media.slot(slot.id());
                if (inserted.inserted()) {
                    lastBootImage = inserted.image();
                    break;
                }
            }
        }
        boolean fromMedia = vendor.personality().virtualMedia().stream().anyMatch(m -> m.bootTarget().equals(source));
        lastBootSource = fromMedia && lastBootImage == null ? "Hdd" : source;
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

    /** The virtual media image the host booted from last time, or null. */
    public synchronized String lastBootImage() {
        settle(behaviour.nowMillis());
        return lastBootImage;
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
        if (faults != null && faults.faults().sessionExhaustion()) {
            return Optional.empty();
        }
        if (sessions == null) {
            sessions = new SessionTable();
        }
        Optional<LabSession> opened = sessions.open(username, behaviour.sessionLimit(), idleMillis(),
                behaviour.nowMillis(), vendor.personality());
        if (opened.isPresent()) {
            load().sessions(sessions.size());
        }
        return opened;
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

    // ---- BIOS ----

    /** The attributes in effect: the generated ones with applied changes over them. */
    public synchronized Map<String, Object> biosAttributes() {
        MachineSpec current = spec();
        Map<String, Object> attributes = new LinkedHashMap<>(vendor.personality().biosAttributes(current));
        if (bios != null) {
            attributes.putAll(bios.applied());
        }
        return attributes;
    }

    /** The changes waiting for the next boot. */
    public synchronized Map<String, Object> biosPending() {
        settle(behaviour.nowMillis());
        return bios == null ? Map.of() : Map.copyOf(bios.pending());
    }

    synchronized boolean biosJobScheduled() {
        settle(behaviour.nowMillis());
        return bios != null && bios.hasScheduledJob();
    }

    /** Stages changes for the next boot; where changes are iDRAC jobs, returns the job created. */
    synchronized Optional<BiosState.DellJob> stageBios(Map<String, Object> changes) {
        long now = behaviour.nowMillis();
        settle(now);
        if (bios == null) {
            bios = new BiosState();
        }
        bios.stage(changes);
        if (!vendor.personality().biosChangesAreJobs()) {
            return Optional.empty();
        }
        BiosState.DellJob job = new BiosState.DellJob(vendor.personality().taskId(++operations, now),
                "Configure: BIOS.Setup.1-1", "Scheduled", now, 0);
        bios.addJob(job);
        return Optional.of(job);
    }

    synchronized List<BiosState.DellJob> dellJobs() {
        settle(behaviour.nowMillis());
        return bios == null ? List.of() : bios.jobs();
    }

    synchronized boolean deleteDellJob(String jobId) {
        settle(behaviour.nowMillis());
        return bios != null && bios.deleteJob(jobId);
    }

    // ---- volumes and tasks ----

    synchronized List<LabVolume> volumes(String storageId) {
        return storage == null ? List.of() : storage.visible(storageId, behaviour.nowMillis());
    }

    synchronized Optional<LabVolume> volume(String storageId, String volumeId) {
        return storage == null ? Optional.empty() : storage.visible(storageId, volumeId, behaviour.nowMillis());
    }

    synchronized boolean driveTaken(String storageId, String driveId) {
        return storage != null && storage.driveTaken(storageId, driveId, behaviour.nowMillis());
    }

    /** A volume that appears when its creation task ends, and that task. */
    synchronized LabTask createVolume(VendorPersonality.StorageGroup group, String name, String raidType,
                                      long capacityBytes, List<String> driveIds) {
        if (storage == null) {
            storage = new StorageState();
        }
        long now = behaviour.nowMillis();
        long ready = now + behaviour.volumeDelay().toMillis();
        String id = vendor.personality().volumeId(group, storage.nextNumber());
        storage.add(new LabVolume(group.id(), id, name, raidType, capacityBytes, driveIds, ready, Long.MAX_VALUE));
        return addTask("Create volume " + id, now, ready, null);
    }

    /** Deletes a volume at once, or when the returned task ends where the vendor makes it a task. */
    synchronized Optional<LabTask> deleteVolume(LabVolume volume) {
        long now = behaviour.nowMillis();
        if (!vendor.personality().volumeDeletionIsTask()) {
            storage.remove(volume, now);
            return Optional.empty();
        }
        long gone = now + behaviour.volumeDelay().toMillis();
        storage.remove(volume, gone);
        return Optional.of(addTask("Delete volume " + volume.id(), now, gone, null));
    }

    /**
     * Starts the secure erase of a drive as a task that ends after the volume delay; empty while an erase of
     * the same drive still runs. Volumes on the drive stay: the lab models the erase of the data only.
     */
    synchronized Optional<LabTask> secureErase(String driveId) {
        long now = behaviour.nowMillis();
        if (erases == null) {
            erases = new EraseState();
        }
        if (erases.running(driveId, now)) {
            return Optional.empty();
        }
        long end = now + behaviour.volumeDelay().toMillis();
        erases.start(driveId, end);
        return Optional.of(addTask("Secure erase " + driveId, now, end, null));
    }

    /** How many secure erases of each drive (by its id) have completed; drives never erased are absent. */
    public synchronized Map<String, Integer> erasedDrives() {
        return erases == null ? Map.of() : erases.completed(behaviour.nowMillis());
    }

    /** A firmware update task; a recognised image is staged to run when the task ends. */
    synchronized LabTask simpleUpdate(String imageUri) {
        long now = behaviour.nowMillis();
        long end = now + behaviour.firmwareUpdateDuration().toMillis();
        Optional<FirmwareImage> image = FirmwareImage.parse(imageUri);
        if (image.isEmpty()) {
            return addTask("Firmware update " + imageUri, now, end,
                    "The image " + imageUri + " is not a valid firmware image for this system.");
        }
        if (firmware == null) {
            firmware = new FirmwareState();
        }
        firmware.stage(image.get().component(), image.get().version(), end);
        String what = image.get().component() == Component.BIOS ? "BIOS" : "BMC firmware";
        return addTask("Update " + what + " to " + image.get().version(), now, end, null);
    }

    private LabTask addTask(String name, long start, long end, String failure) {
        if (tasks == null) {
            tasks = new TaskLog();
        }
        LabTask task = new LabTask(vendor.personality().taskId(++operations, start), name, start, end, failure == null,
                failure);
        tasks.add(task);
        return task;
    }

    synchronized Optional<LabTask> task(String id) {
        return tasks == null ? Optional.empty() : tasks.byId(id);
    }

    synchronized List<LabTask> tasks() {
        return tasks == null ? List.of() : tasks.all();
    }

    // ---- virtual media and secure boot ----

    synchronized MediaState.Slot media(String slotId) {
        return media == null ? MediaState.Slot.EMPTY : media.slot(slotId);
    }

    synchronized void setMedia(String slotId, MediaState.Slot slot) {
        if (media == null) {
            media = new MediaState();
        }
        media.set(slotId, slot);
        if (media.isEmpty()) {
            media = null;
        }
    }

    /** Secure Boot as requested; it takes effect at the next boot. */
    synchronized boolean secureBootEnable() {
        return Boolean.TRUE.equals(secureBootEnable);
    }

    /** Whether the running host booted with Secure Boot. */
    synchronized boolean secureBootCurrent() {
        settle(behaviour.nowMillis());
        return Boolean.TRUE.equals(secureBootCurrent);
    }

    synchronized void setSecureBootEnable(boolean enable) {
        settle(behaviour.nowMillis());
        secureBootEnable = enable;
    }

    // ---- faults and observed load ----

    public synchronized LabFaults faults() {
        return faults == null ? LabFaults.NONE : faults.faults();
    }

    public synchronized void setFaults(LabFaults newFaults) {
        faults = newFaults == null || newFaults.isNone() ? null
                : new FaultState(newFaults, behaviour.seed() * 31 + index);
    }

    /** What to do with the request that has just arrived; counts it as in flight until {@link #requestEnded()}. */
    synchronized FaultState.Decision requestStarted() {
        load().started();
        if (faults == null) {
            return FaultState.Decision.PROCEED;
        }
        long now = behaviour.nowMillis();
        if (faults.faults().downUntil() != null && !faults.faults().isDown(now)) {
            LabFaults f = faults.faults();
            setFaults(new LabFaults(f.latencyMs(), f.errorRate(), f.errorStatus(), f.dropConnectionRate(),
                    f.sessionExhaustion(), null));
            if (faults == null) {
                return FaultState.Decision.PROCEED;
            }
        }
        return faults.decide(now);
    }

    synchronized void requestEnded() {
        load().ended();
    }

    public synchronized LabBmcView.Observed observed() {
        return load == null ? new LabBmcView.Observed(0, 0, 0) : load.view();
    }

    public synchronized void resetObserved() {
        if (load != null) {
            load.reset(sessions == null ? 0 : sessions.size());
        }
    }

    private LoadCounters load() {
        if (load == null) {
            load = new LoadCounters();
        }
        return load;
    }
}
