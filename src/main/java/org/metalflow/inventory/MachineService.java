package org.metalflow.inventory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.metalflow.api.InvalidFieldException;
import org.metalflow.api.PageRequestParams;
import org.metalflow.api.PageResponse;
import org.metalflow.audit.AuditEvent;
import org.metalflow.audit.AuditLog;
import org.metalflow.security.CredentialVault;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the inventory: registration, the lifecycle guard (every state change goes through
 * {@link #transition}), at most one lifecycle process per machine, and recording what processes learn.
 */
@Service
public class MachineService {

    private static final String PENDING_PROCESS = "starting";

    private static final Pattern TAG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_TAGS = 32;

    private final MachineRepository machines;
    private final CredentialVault vault;
    private final LifecycleProcesses processes;
    private final Clock clock;
    private final List<ActionParameters> actionParameters;
    private final ApprovalPolicy approvals;
    private final AuditLog audit;

    public MachineService(MachineRepository machines, CredentialVault vault, LifecycleProcesses processes,
                          Clock clock, List<ActionParameters> actionParameters, ApprovalPolicy approvals,
                          AuditLog audit) {
        this.machines = machines;
        this.vault = vault;
        this.processes = processes;
        this.clock = clock;
        this.actionParameters = List.copyOf(actionParameters);
        this.approvals = approvals;
        this.audit = audit;
    }

    /** Creates the machine in {@code enrolling} and starts its enrollment; all or nothing. */
    @Transactional
    public Machine register(MachineRegistration registration, String actor) {
        MachineRegistration.Bmc bmc = registration.bmc();
        String address = BmcAddress.normalise(bmc.address());
        String systemId = bmc.systemId() == null ? "" : bmc.systemId().trim();
        BmcTls tls = tls(bmc.tls(), address);
        if (machines.nameTaken(registration.name())) {
            throw new ConflictException("name", "a machine named " + registration.name() + " exists already");
        }
        if (machines.bmcTaken(address, systemId)) {
            throw duplicateBmc(address, systemId);
        }
        UUID credentialId = vault.store(bmc.username(), bmc.password());
        UUID id = UUID.randomUUID();
        try {
            machines.insert(id, registration.name(), MachineState.ENROLLING, address, systemId, credentialId, tls,
                    clock.instant());
        } catch (DuplicateKeyException e) {
            // a concurrent registration of the same name or BMC won the race
            throw duplicateBmc(address, systemId);
        }
        // the BMC's address, never its credentials
        audit.record(AuditEvent.of("machine.register").by(actor).machine(id).detail("name", registration.name())
                .detail("bmcAddress", address).detail("bmcSystemId", systemId).detail("tls", tls.mode().name()));
        recordTransition(id, null, MachineState.ENROLLING, actor, "registered", null);
        startProcess(id, MachineAction.ENROLL, null, actor);
        return get(id);
    }

    /**
     * Records a machine that network-booted the discovery image: state {@code discovered}, no BMC, the NICs
     * and identity it reported. A machine with one of these MACs is the same machine: its facts are refreshed
     * while it is still discovered, and it is left alone otherwise. Returns the machine and whether it is new.
     */
    @Transactional
    public Discovered discover(String name, Machine.SystemIdentity identity, Hardware hardware, String actor) {
        for (Hardware.Nic nic : hardware.nics()) {
            Optional<Machine> known = findByMac(nic.macAddress());
            if (known.isPresent()) {
                if (known.get().state() == MachineState.DISCOVERED) {
                    machines.replaceHardware(known.get().id(), identity, null, hardware, clock.instant());
                }
                return new Discovered(get(known.get().id()), false);
            }
        }
        UUID id = UUID.randomUUID();
        machines.insertDiscovered(id, name, clock.instant());
        machines.replaceHardware(id, identity, null, hardware, clock.instant());
        recordTransition(id, null, MachineState.DISCOVERED, actor, "reported by the discovery image", null);
        return new Discovered(get(id), true);
    }

    public record Discovered(Machine machine, boolean created) {
    }

    /** Gives a discovered machine its BMC and starts its enrollment, as registering does for a new one. */
    @Transactional
    public Machine attachBmc(UUID id, MachineRegistration.Bmc bmc, String actor) {
        MachineState state = machines.lockState(id).orElseThrow(() -> new MachineNotFoundException(id));
        if (state != MachineState.DISCOVERED && state != MachineState.ENROLL_FAILED) {
            throw new IllegalTransitionException("machine " + id + " is " + state
                    + "; a BMC is given to discovered machines (or ones whose enrollment failed)");
        }
        String address = BmcAddress.normalise(bmc.address());
        String systemId = bmc.systemId() == null ? "" : bmc.systemId().trim();
        Machine machine = get(id);
        boolean sameBmc = machine.bmc() != null && address.equals(machine.bmc().address())
                && systemId.equals(machine.bmc().systemId());
        if (!sameBmc && machines.bmcTaken(address, systemId)) {
            throw duplicateBmc(address, systemId);
        }
        UUID credentialId = vault.store(bmc.username(), bmc.password());
        BmcTls bmcTls = tls(bmc.tls(), address);
        machines.attachBmc(id, address, systemId, credentialId, bmcTls, clock.instant());
        audit.record(AuditEvent.of("machine.attach-bmc").by(actor).machine(id).detail("bmcAddress", address)
                .detail("bmcSystemId", systemId).detail("tls", bmcTls.mode().name()));
        return startAction(id, MachineAction.ENROLL, actor);
    }

    /**
     * Starts the process of an action. Refused with 409 when the machine is in maintenance, already runs a
     * process, or its state does not allow the action. The row lock makes concurrent requests queue, so the
     * second one sees the first one's process and is refused.
     */
    public Machine startAction(UUID id, MachineAction action, String actor) {
        return startAction(id, action, Map.of(), actor);
    }

    /**
     * As {@link #startAction(UUID, MachineAction, String)}, with the action's parameters (deploy: network, OS,
     * host name), which the capability that owns them checks and stores in the same transaction.
     */
    @Transactional
    public Machine startAction(UUID id, MachineAction action, Map<String, Object> parameters, String actor) {
        MachineState state = machines.lockState(id).orElseThrow(() -> new MachineNotFoundException(id));
        Machine machine = get(id);
        if (machine.maintenance()) {
            throw new MachineBusyException("machine " + machine.name() + " is in maintenance ("
                    + machine.maintenanceReason() + "); end maintenance first");
        }
        String holder = machine.processInstanceId();
        if (holder != null && processes.isRunning(holder)) {
            throw new MachineBusyException("machine " + machine.name() + " already runs process " + holder
                    + "; wait for it to end or resolve its incident");
        }
        if (holder != null && state.transitional()) {
            // the process that held the machine ended without finishing (deleted or cancelled in Cockpit):
            // the machine would otherwise stay "working" for ever
            state = state.failedTwin().orElseThrow();
            transition(id, state, actor, "process " + holder + " ended before the machine left " + machine.state(),
                    holder);
        }
        if (!Lifecycle.allows(state, action)) {
            throw new IllegalTransitionException("machine " + machine.name() + " is " + state + "; " + action
                    + " needs one of " + statesAllowing(action));
        }
        Map<String, Object> variables = new java.util.HashMap<>();
        boolean accepted = false;
        for (ActionParameters handler : actionParameters) {
            if (handler.action() == action) {
                variables.putAll(handler.accept(machine, parameters, actor));
                accepted = true;
            }
        }
        if (!accepted && !parameters.isEmpty()) {
            throw new InvalidFieldException(parameters.keySet().iterator().next(), "is not a parameter of " + action
                    + "; it takes none");
        }
        // judged now, while the machine is locked, so the approver sees what the requester saw
        variables.putAll(approvals.assess(machine, action, Map.copyOf(variables)).variables());
        startProcess(id, action, holder, actor, variables);
        return get(id);
    }

    private void startProcess(UUID id, MachineAction action, String staleHolder, String actor) {
        startProcess(id, action, staleHolder, actor, Map.of());
    }

    private void startProcess(UUID id, MachineAction action, String staleHolder, String actor,
                              Map<String, Object> variables) {
        if (!machines.claimProcess(id, staleHolder, PENDING_PROCESS)) {
            throw new MachineBusyException("machine " + id + " is being claimed by another request");
        }
        String processInstanceId = processes.start(id, action, actor, variables);
        machines.claimProcess(id, PENDING_PROCESS, processInstanceId);
    }

    /**
     * Moves the machine to {@code to} if the lifecycle table allows it. Moving to the state it is in already
     * changes nothing, so a repeated process step converges. A failed state keeps {@code reason} as the
     * machine's last error; any other state clears it.
     */
    @Transactional
    public void transition(UUID id, MachineState to, String actor, String reason, String processInstanceId) {
        MachineState from = machines.lockState(id).orElseThrow(() -> new MachineNotFoundException(id));
        if (from == to) {
            return;
        }
        if (!Lifecycle.allows(from, to)) {
            throw new IllegalTransitionException(id, from, to);
        }
        String lastError = to.value().endsWith("-failed") ? reason : null;
        machines.updateState(id, to, lastError, clock.instant());
        recordTransition(id, from, to, actor, reason, processInstanceId);
    }

    /** The machine's history and the audit trail, in the transaction of the change itself. */
    private void recordTransition(UUID id, MachineState from, MachineState to, String actor, String reason,
                                  String processInstanceId) {
        machines.insertTransition(id, from, to, actor, reason, processInstanceId, clock.instant());
        audit.record(AuditEvent.of("machine.state").by(actor).machine(id).process(processInstanceId)
                .detail("from", from == null ? null : from.value()).detail("to", to.value()).detail("reason", reason));
    }

    /** Keeps the latest error a process hit (an incident, a refused BMC call) without changing the state. */
    @Transactional
    public void recordError(UUID id, String message) {
        machines.setLastError(id, truncate(message), clock.instant());
    }

    @Transactional
    public void recordProfile(UUID id, String profileName) {
        machines.setProfile(id, profileName, clock.instant());
    }

    @Transactional
    public void recordBmcIdentity(UUID id, String systemUri, String vendor, String redfishVersion,
                                  Machine.SystemIdentity identity) {
        machines.updateBmcIdentity(id, systemUri, vendor, redfishVersion, identity, clock.instant());
    }

    @Transactional
    public void recordHardware(UUID id, Machine.SystemIdentity identity, String powerState, Hardware hardware) {
        machines.replaceHardware(id, identity, powerState, hardware, clock.instant());
    }

    /** Replaces the machine's tags; each is an RFC 1123 label ({@code production}, {@code rack-12}). */
    @Transactional
    public Machine setTags(UUID id, List<String> tags) {
        machines.lockState(id).orElseThrow(() -> new MachineNotFoundException(id));
        if (tags == null) {
            throw new InvalidFieldException("tags", "is required (an empty list removes every tag)");
        }
        SortedSet<String> unique = new TreeSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw new InvalidFieldException("tags[" + i + "]", "must be an RFC 1123 label: lower-case letters, "
                        + "digits and '-', at most 63");
            }
            unique.add(tag);
        }
        if (unique.size() > MAX_TAGS) {
            throw new InvalidFieldException("tags", "at most " + MAX_TAGS + " tags");
        }
        machines.replaceTags(id, unique, clock.instant());
        return get(id);
    }

    @Transactional
    public Machine setMaintenance(UUID id, boolean on, String reason) {
        machines.lockState(id).orElseThrow(() -> new MachineNotFoundException(id));
        if (on && (reason == null || reason.isBlank())) {
            throw new InvalidFieldException("reason", "is required when entering maintenance");
        }
        machines.setMaintenance(id, on, reason, clock.instant());
        return get(id);
    }

    @Transactional(readOnly = true)
    /** The machine one of whose NICs has this MAC, as inspection recorded it. */
    public Optional<Machine> findByMac(String mac) {
        return machines.idByMac(mac.toLowerCase(java.util.Locale.ROOT)).flatMap(machines::find);
    }

    public Machine get(UUID id) {
        return machines.find(id).orElseThrow(() -> new MachineNotFoundException(id));
    }

    @Transactional(readOnly = true)
    public Optional<LifecycleProcesses.ProcessStatus> currentProcess(Machine machine) {
        String holder = machine.processInstanceId();
        return holder == null || holder.equals(PENDING_PROCESS) ? Optional.empty() : processes.status(holder);
    }

    @Transactional(readOnly = true)
    public PageResponse<MachineSummary> list(MachineState state, PageRequestParams page) {
        return new PageResponse<>(machines.page(state, page), page.page(), page.size(), machines.count(state));
    }

    @Transactional(readOnly = true)
    public PageResponse<Transition> history(UUID id, PageRequestParams page) {
        get(id);
        return new PageResponse<>(machines.history(id, page), page.page(), page.size(), machines.historyCount(id));
    }

    private static BmcTls tls(MachineRegistration.Tls tls, String address) {
        if (tls == null) {
            return new BmcTls(BmcTls.Mode.system, null, null);
        }
        boolean insecure = Boolean.TRUE.equals(tls.insecure());
        boolean pinned = tls.certificateSha256() != null && !tls.certificateSha256().isBlank();
        boolean ca = tls.caBundle() != null && !tls.caBundle().isBlank();
        int chosen = (insecure ? 1 : 0) + (pinned ? 1 : 0) + (ca ? 1 : 0);
        if (chosen > 1) {
            throw new InvalidFieldException("bmc.tls", "must set only one of certificateSha256, caBundle, insecure");
        }
        if (chosen == 1 && address.startsWith("http://")) {
            throw new InvalidFieldException("bmc.tls", "applies to https addresses only");
        }
        if (pinned) {
            return new BmcTls(BmcTls.Mode.pinned, tls.certificateSha256().replace(":", "").toLowerCase(), null);
        }
        if (ca) {
            if (!tls.caBundle().contains("-----BEGIN CERTIFICATE-----")) {
                throw new InvalidFieldException("bmc.tls.caBundle", "must hold PEM certificates");
            }
            return new BmcTls(BmcTls.Mode.ca_bundle, null, tls.caBundle());
        }
        return new BmcTls(insecure ? BmcTls.Mode.insecure : BmcTls.Mode.system, null, null);
    }

    private static ConflictException duplicateBmc(String address, String systemId) {
        return new ConflictException("bmc.address", "BMC " + address
                + (systemId.isEmpty() ? "" : " system " + systemId) + " is registered already");
    }

    private static List<String> statesAllowing(MachineAction action) {
        return Lifecycle.table().keySet().stream().filter(s -> Lifecycle.allows(s, action))
                .map(MachineState::value).toList();
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 1997) + "...";
    }
}
