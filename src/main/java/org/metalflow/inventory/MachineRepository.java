package org.metalflow.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.api.PageRequestParams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for machines and their facts; no rules here, {@link MachineService} holds them. */
@Repository
class MachineRepository {

    private final JdbcClient jdbc;

    MachineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    void insert(UUID id, String name, MachineState state, String bmcAddress, String systemId, UUID credentialId,
                BmcTls tls, Instant now) {
        jdbc.sql("""
                insert into machine (id, name, state, bmc_address, bmc_system_id, bmc_credential_id, bmc_tls_mode,
                    bmc_tls_certificate_sha256, bmc_tls_ca_bundle, created_at, updated_at)
                values (:id, :name, :state, :address, :systemId, :credentialId, :tlsMode, :sha256, :ca, :now, :now)""")
                .param("id", id).param("name", name).param("state", state.value())
                .param("address", bmcAddress).param("systemId", systemId).param("credentialId", credentialId)
                .param("tlsMode", tls.mode().name()).param("sha256", tls.certificateSha256())
                .param("ca", tls.caBundle()).param("now", utc(now))
                .update();
    }

    /** A machine found by discovery: no BMC yet. */
    void insertDiscovered(UUID id, String name, Instant now) {
        jdbc.sql("""
                insert into machine (id, name, state, created_at, updated_at)
                values (:id, :name, :state, :now, :now)""")
                .param("id", id).param("name", name).param("state", MachineState.DISCOVERED.value())
                .param("now", utc(now))
                .update();
    }

    void attachBmc(UUID id, String bmcAddress, String systemId, UUID credentialId, BmcTls tls, Instant now) {
        jdbc.sql("""
                update machine set bmc_address = :address, bmc_system_id = :systemId, bmc_credential_id = :credentialId,
                    bmc_tls_mode = :tlsMode, bmc_tls_certificate_sha256 = :sha256, bmc_tls_ca_bundle = :ca,
                    updated_at = :now
                where id = :id""")
                .param("id", id).param("address", bmcAddress).param("systemId", systemId)
                .param("credentialId", credentialId).param("tlsMode", tls.mode().name())
                .param("sha256", tls.certificateSha256()).param("ca", tls.caBundle()).param("now", utc(now))
                .update();
    }

    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from machine where name = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    boolean bmcTaken(String address, String systemId) {
        return jdbc.sql("select count(*) from machine where bmc_address = :a and bmc_system_id = :s")
                .param("a", address).param("s", systemId).query(Long.class).single() > 0;
    }

    Optional<Machine> find(UUID id) {
        return jdbc.sql("select * from machine where id = :id").param("id", id)
                .query((rs, n) -> machine(rs)).optional()
                .map(m -> withHardwareLists(m));
    }

    /** Locks the machine row until the transaction ends, so state checks and changes do not interleave. */
    /** The machine that has a NIC with this MAC (lower-case, colon-separated). */
    Optional<UUID> idByMac(String mac) {
        // BMCs report MACs in either case; both spellings use the index
        return jdbc.sql("select machine_id from machine_nic where mac_address in (:lower, :upper) order by machine_id")
                .param("lower", mac.toLowerCase(java.util.Locale.ROOT))
                .param("upper", mac.toUpperCase(java.util.Locale.ROOT))
                .query(UUID.class).list().stream().findFirst();
    }

    Optional<MachineState> lockState(UUID id) {
        return jdbc.sql("select state from machine where id = :id for update").param("id", id)
                .query((rs, n) -> MachineState.parse(rs.getString(1)).orElseThrow()).optional();
    }

    List<MachineSummary> page(MachineState state, PageRequestParams page) {
        return jdbc.sql("""
                select id, name, state, last_error, maintenance, bmc_address, manufacturer, model, serial_number,
                       cpu_count, memory_mib, power_state, updated_at
                from machine""" + (state == null ? "" : " where state = :state")
                + " order by name limit :limit offset :offset")
                .params(state == null ? Map.of() : Map.of("state", state.value()))
                .param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> new MachineSummary(rs.getObject("id", UUID.class), rs.getString("name"),
                        state(rs), rs.getString("last_error"), rs.getBoolean("maintenance"),
                        rs.getString("bmc_address"), rs.getString("manufacturer"), rs.getString("model"),
                        rs.getString("serial_number"), (Integer) rs.getObject("cpu_count"),
                        (Long) rs.getObject("memory_mib"), rs.getString("power_state"),
                        instant(rs, "updated_at")))
                .list();
    }

    long count(MachineState state) {
        return state == null
                ? jdbc.sql("select count(*) from machine").query(Long.class).single()
                : jdbc.sql("select count(*) from machine where state = :state").param("state", state.value())
                        .query(Long.class).single();
    }

    void updateState(UUID id, MachineState to, String lastError, Instant now) {
        jdbc.sql("update machine set state = :state, last_error = :err, updated_at = :now where id = :id")
                .param("state", to.value()).param("err", lastError).param("now", utc(now)).param("id", id)
                .update();
    }

    void setProfile(UUID id, String profileName, Instant now) {
        jdbc.sql("update machine set profile_name = :p, updated_at = :now where id = :id")
                .param("p", profileName).param("now", utc(now)).param("id", id).update();
    }

    void setLastError(UUID id, String lastError, Instant now) {
        jdbc.sql("update machine set last_error = :err, updated_at = :now where id = :id")
                .param("err", lastError).param("now", utc(now)).param("id", id).update();
    }

    void setMaintenance(UUID id, boolean on, String reason, Instant now) {
        jdbc.sql("update machine set maintenance = :on, maintenance_reason = :reason, updated_at = :now where id = :id")
                .param("on", on).param("reason", on ? reason : null).param("now", utc(now)).param("id", id)
                .update();
    }

    /**
     * Claims the machine for a new process. Succeeds only when no process holds it, or when the holder
     * recorded is {@code staleHolder} (a process that has ended). Concurrent claims serialise on the row.
     */
    boolean claimProcess(UUID id, String staleHolder, String newHolder) {
        return jdbc.sql("""
                update machine set process_instance_id = :holder
                where id = :id and (process_instance_id is null or process_instance_id = :stale)""")
                .param("holder", newHolder).param("id", id).param("stale", staleHolder)
                .update() == 1;
    }

    void insertTransition(UUID machineId, MachineState from, MachineState to, String actor, String reason,
                          String processInstanceId, Instant now) {
        jdbc.sql("""
                insert into machine_transition (machine_id, from_state, to_state, actor, reason, process_instance_id,
                    occurred_at)
                values (:m, :from, :to, :actor, :reason, :pid, :now)""")
                .param("m", machineId).param("from", from == null ? null : from.value()).param("to", to.value())
                .param("actor", actor).param("reason", reason).param("pid", processInstanceId)
                .param("now", utc(now))
                .update();
    }

    List<Transition> history(UUID machineId, PageRequestParams page) {
        return jdbc.sql("""
                select * from machine_transition where machine_id = :m order by id
                limit :limit offset :offset""")
                .param("m", machineId).param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> new Transition(rs.getLong("id"),
                        MachineState.parse(rs.getString("from_state")).orElse(null),
                        MachineState.parse(rs.getString("to_state")).orElseThrow(),
                        rs.getString("actor"), rs.getString("reason"), rs.getString("process_instance_id"),
                        instant(rs, "occurred_at")))
                .list();
    }

    long historyCount(UUID machineId) {
        return jdbc.sql("select count(*) from machine_transition where machine_id = :m").param("m", machineId)
                .query(Long.class).single();
    }

    void updateBmcIdentity(UUID id, String systemUri, String vendor, String redfishVersion,
                           Machine.SystemIdentity identity, Instant now) {
        jdbc.sql("""
                update machine set system_uri = :uri, bmc_vendor = :vendor, redfish_version = :rv,
                    manufacturer = :mf, model = :model, serial_number = :serial, system_uuid = :uuid, sku = :sku,
                    updated_at = :now
                where id = :id""")
                .param("uri", systemUri).param("vendor", vendor).param("rv", redfishVersion)
                .param("mf", identity.manufacturer()).param("model", identity.model())
                .param("serial", identity.serialNumber()).param("uuid", identity.uuid())
                .param("sku", identity.sku()).param("now", utc(now)).param("id", id)
                .update();
    }

    /** Replaces every hardware fact of the machine with what inspection just read. */
    void replaceHardware(UUID id, Machine.SystemIdentity identity, String powerState, Hardware hw, Instant now) {
        jdbc.sql("""
                update machine set manufacturer = :mf, model = :model, serial_number = :serial, system_uuid = :uuid,
                    sku = :sku, power_state = :power, bios_version = :bios, boot_mode = :boot, cpu_count = :cpus,
                    cpu_cores = :cores, cpu_threads = :threads, cpu_model = :cpuModel, memory_mib = :mem,
                    inspected_at = :now, updated_at = :now
                where id = :id""")
                .param("mf", identity.manufacturer()).param("model", identity.model())
                .param("serial", identity.serialNumber()).param("uuid", identity.uuid())
                .param("sku", identity.sku()).param("power", powerState).param("bios", hw.biosVersion())
                .param("boot", hw.bootMode()).param("cpus", hw.cpuCount()).param("cores", hw.cpuCores())
                .param("threads", hw.cpuThreads()).param("cpuModel", hw.cpuModel()).param("mem", hw.memoryMiB())
                .param("now", utc(now)).param("id", id)
                .update();
        for (String table : List.of("machine_nic", "machine_drive", "machine_firmware")) {
            jdbc.sql("delete from " + table + " where machine_id = :id").param("id", id).update();
        }
        for (Hardware.Nic nic : hw.nics()) {
            jdbc.sql("""
                    insert into machine_nic (machine_id, nic_id, mac_address, link_status, speed_mbps)
                    values (:m, :id, :mac, :link, :speed)""")
                    .param("m", id).param("id", nic.id()).param("mac", nic.macAddress())
                    .param("link", nic.linkStatus()).param("speed", nic.speedMbps()).update();
        }
        for (Hardware.Drive d : hw.drives()) {
            jdbc.sql("""
                    insert into machine_drive (machine_id, drive_id, name, capacity_bytes, media_type, protocol, model,
                        serial_number)
                    values (:m, :id, :name, :cap, :media, :proto, :model, :serial)""")
                    .param("m", id).param("id", d.id()).param("name", d.name()).param("cap", d.capacityBytes())
                    .param("media", d.mediaType()).param("proto", d.protocol()).param("model", d.model())
                    .param("serial", d.serialNumber()).update();
        }
        for (Hardware.Firmware f : hw.firmware()) {
            jdbc.sql("""
                    insert into machine_firmware (machine_id, firmware_id, name, version, updateable)
                    values (:m, :id, :name, :version, :up)""")
                    .param("m", id).param("id", f.id()).param("name", f.name()).param("version", f.version())
                    .param("up", f.updateable()).update();
        }
    }

    private Machine withHardwareLists(Machine m) {
        List<Hardware.Nic> nics = jdbc.sql("select * from machine_nic where machine_id = :id order by nic_id")
                .param("id", m.id())
                .query((rs, n) -> new Hardware.Nic(rs.getString("nic_id"), rs.getString("mac_address"),
                        rs.getString("link_status"), (Integer) rs.getObject("speed_mbps")))
                .list();
        List<Hardware.Drive> drives = jdbc.sql("select * from machine_drive where machine_id = :id order by drive_id")
                .param("id", m.id())
                .query((rs, n) -> new Hardware.Drive(rs.getString("drive_id"), rs.getString("name"),
                        (Long) rs.getObject("capacity_bytes"), rs.getString("media_type"), rs.getString("protocol"),
                        rs.getString("model"), rs.getString("serial_number")))
                .list();
        List<Hardware.Firmware> firmware = jdbc.sql(
                        "select * from machine_firmware where machine_id = :id order by firmware_id")
                .param("id", m.id())
                .query((rs, n) -> new Hardware.Firmware(rs.getString("firmware_id"), rs.getString("name"),
                        rs.getString("version"), (Boolean) rs.getObject("updateable")))
                .list();
        Hardware h = m.hardware();
        return new Machine(m.id(), m.name(), m.state(), m.lastError(), m.maintenance(), m.maintenanceReason(),
                m.bmc(), m.identity(), m.powerState(),
                new Hardware(h.cpuCount(), h.cpuCores(), h.cpuThreads(), h.cpuModel(), h.memoryMiB(),
                        h.biosVersion(), h.bootMode(), nics, drives, firmware),
                m.inspectedAt(), m.profileName(), m.processInstanceId(), m.createdAt(), m.updatedAt(), tags(m.id()));
    }

    private List<String> tags(UUID id) {
        return jdbc.sql("select tag from machine_tag where machine_id = :id order by tag").param("id", id)
                .query(String.class).list();
    }

    /** Replaces the machine's tags with {@code tags}. */
    void replaceTags(UUID id, java.util.Collection<String> tags, Instant now) {
        jdbc.sql("delete from machine_tag where machine_id = :id").param("id", id).update();
        for (String tag : tags) {
            jdbc.sql("insert into machine_tag (machine_id, tag) values (:id, :tag)").param("id", id).param("tag", tag)
                    .update();
        }
        jdbc.sql("update machine set updated_at = :now where id = :id").param("now", utc(now)).param("id", id).update();
    }

    private static Machine machine(ResultSet rs) throws SQLException {
        return new Machine(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                state(rs),
                rs.getString("last_error"),
                rs.getBoolean("maintenance"),
                rs.getString("maintenance_reason"),
                rs.getString("bmc_address") == null ? null : new Machine.Bmc(rs.getString("bmc_address"),
                        rs.getString("bmc_system_id"), rs.getObject("bmc_credential_id", UUID.class),
                        new BmcTls(BmcTls.Mode.valueOf(rs.getString("bmc_tls_mode")),
                                rs.getString("bmc_tls_certificate_sha256"), rs.getString("bmc_tls_ca_bundle")),
                        rs.getString("system_uri"), rs.getString("bmc_vendor"), rs.getString("redfish_version")),
                new Machine.SystemIdentity(rs.getString("manufacturer"), rs.getString("model"),
                        rs.getString("serial_number"), rs.getString("system_uuid"), rs.getString("sku")),
                rs.getString("power_state"),
                new Hardware((Integer) rs.getObject("cpu_count"), (Integer) rs.getObject("cpu_cores"),
                        (Integer) rs.getObject("cpu_threads"), rs.getString("cpu_model"),
                        (Long) rs.getObject("memory_mib"), rs.getString("bios_version"), rs.getString("boot_mode"),
                        null, null, null),
                instant(rs, "inspected_at"),
                rs.getString("profile_name"),
                rs.getString("process_instance_id"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                List.of());
    }

    private static MachineState state(ResultSet rs) throws SQLException {
        return MachineState.parse(rs.getString("state")).orElseThrow();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
