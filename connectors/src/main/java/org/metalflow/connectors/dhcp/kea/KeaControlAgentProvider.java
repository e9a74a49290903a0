package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.metalflow.connectors.dhcp.BootFiles;
import org.metalflow.connectors.dhcp.DhcpCapability;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dhcp.DhcpReservation;

/**
 * Reservations in Kea's own configuration, through the Kea Control Agent: {@code config-get}, change the subnet's
 * {@code reservations}, {@code config-set}, {@code config-write} (Kea 2.2's free host_cmds hook does not exist,
 * so there is no {@code reservation-add}). Nothing is sent when the configuration already says what is asked.
 *
 * <p>{@code config-set} replaces the whole configuration and Kea 2.2 has no configuration hash to detect a
 * concurrent change, so this provider serializes its own writes with a lock, and <b>one platform node must own
 * the Kea configuration</b>: two platforms (or an operator editing at the same time) sharing one Kea in this mode
 * can silently undo each other's changes. Use {@link KeaHostsDatabaseProvider} when that cannot be guaranteed.
 *
 * <p>Boot files: for every distinct set of files this provider writes a {@link KeaBootProfile} named
 * {@code metalflow-boot-<hash>} into {@code client-classes} and names it in the reservation's
 * {@code client-classes}; profiles no reservation uses any more are deleted again. Leases need Kea's
 * {@code lease_cmds} hook.
 */
public final class KeaControlAgentProvider implements DhcpProvider {

    private final KeaControlAgentClient agent;
    private final KeaLeases leases;
    private final ReentrantLock writes = new ReentrantLock(true);
    /** A config-set went through but its config-write failed: write again even if nothing changes next time. */
    private boolean unwritten;

    /** @param agent Kea's control agent in front of dhcp4; closed with this provider */
    public KeaControlAgentProvider(KeaControlAgentClient agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.leases = new KeaLeases(agent, List.of());
    }

    @Override
    public String name() {
        return "kea-control-agent";
    }

    @Override
    public Set<DhcpCapability> capabilities() {
        return Collections.unmodifiableSet(EnumSet.allOf(DhcpCapability.class));
    }

    @Override
    public void reserve(DhcpReservation reservation) {
        Ipv4.Cidr cidr = ReservationRules.check(reservation, agent.where());
        KeaBootProfile profile = reservation.boot() == null ? null : KeaBootProfile.automatic(reservation.boot());
        ObjectNode wanted = reservationJson(reservation, profile);
        edit("reserve " + reservation.ipAddress() + " for " + reservation.mac(), config -> {
            ObjectNode subnet = config.subnet(cidr).orElseThrow(() -> new DhcpException(agent.where()
                    + " has no subnet " + cidr + " for the reservation of " + reservation.mac() + "; its subnets are "
                    + config.subnets().stream().map(s -> s.path("subnet").asText()).toList(), false));
            refuseIfHeldByAnother(subnet, reservation, cidr);
            boolean changed = false;
            for (ObjectNode other : config.subnets()) {
                if (other != subnet) {
                    changed |= removeFrom(other, reservation.mac());
                }
            }
            ArrayNode reservations = KeaDhcp4Config.reservations(subnet);
            int index = indexOf(reservations, reservation.mac());
            if (index < 0) {
                reservations.add(wanted);
                changed = true;
            } else if (!KeaDhcp4Config.withoutDefaults(reservations.get(index)).equals(wanted)) {
                reservations.set(index, wanted);
                changed = true;
            }
            return syncBootClasses(config, profile) | changed;
        });
    }

    @Override
    public void remove(String mac) {
        String normalized = ReservationRules.mac(mac, agent.where());
        edit("remove the reservation of " + normalized, config -> {
            boolean changed = false;
            for (ObjectNode subnet : config.subnets()) {
                changed |= removeFrom(subnet, normalized);
            }
            return syncBootClasses(config, null) | changed;
        });
    }

    @Override
    public Optional<DhcpReservation> find(String mac) {
        String normalized = ReservationRules.mac(mac, agent.where());
        KeaDhcp4Config config = fetch();
        Map<String, JsonNode> classes = config.classesByName();
        for (ObjectNode subnet : config.subnets()) {
            ArrayNode reservations = KeaDhcp4Config.reservations(subnet);
            int index = indexOf(reservations, normalized);
            Ipv4.Cidr cidr = KeaDhcp4Config.cidrOf(subnet);
            if (index >= 0 && cidr != null && reservations.get(index).path("ip-address").isTextual()) {
                JsonNode found = reservations.get(index);
                return Optional.of(new DhcpReservation(normalized, found.get("ip-address").asText(), cidr.toString(),
                        found.path("hostname").asText(""), bootOf(found, classes)));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<DhcpLease> leases() {
        return leases.list();
    }

    @Override
    public void removeLease(String ipAddress) {
        leases.remove(ipAddress);
    }

    @Override
    public void close() {
        agent.close();
    }

    private interface Edit {
        /** @return true when the configuration was changed and must be set and written */
        boolean apply(KeaDhcp4Config config);
    }

    private void edit(String what, Edit edit) {
        writes.lock();
        try {
            KeaDhcp4Config config = fetch();
            if (edit.apply(config)) {
                agent.command("config-set", config.whole());
                unwritten = true;
            }
            if (unwritten) {
                agent.command("config-write", null);
                unwritten = false;
            }
        } catch (DhcpException e) {
            throw new DhcpException("could not " + what + ": " + e.getMessage(), e.transientFailure(), e);
        } finally {
            writes.unlock();
        }
    }

    private KeaDhcp4Config fetch() {
        KeaDhcp4Config config = KeaDhcp4Config.of(agent.command("config-get", null).arguments());
        if (config == null) {
            throw new DhcpException(agent.where() + " answered config-get without a Dhcp4 configuration", false);
        }
        return config;
    }

    private void refuseIfHeldByAnother(ObjectNode subnet, DhcpReservation reservation, Ipv4.Cidr cidr) {
        for (JsonNode other : KeaDhcp4Config.reservations(subnet)) {
            if (reservation.ipAddress().equals(other.path("ip-address").asText())
                    && !reservation.mac().equals(hwAddress(other))) {
                String hostname = other.path("hostname").asText("");
                throw new DhcpException(agent.where() + ": " + reservation.ipAddress() + " in " + cidr
                        + " is already reserved for " + identifier(other) + (hostname.isEmpty() ? "" : " (" + hostname + ")")
                        + "; not reserving it for " + reservation.mac() + " (" + reservation.hostname() + ")", false);
            }
        }
    }

    /**
     * Makes {@code client-classes} hold exactly the automatic boot profiles some reservation names, plus
     * {@code added}; the operator's own classes stay as they are, where they are.
     */
    private static boolean syncBootClasses(KeaDhcp4Config config, KeaBootProfile added) {
        Map<String, JsonNode> existing = config.classesByName();
        Map<String, KeaBootProfile> used = new TreeMap<>();
        for (JsonNode reservation : config.allReservations()) {
            for (JsonNode name : reservation.path("client-classes")) {
                String marker = name.asText();
                if (marker.startsWith(KeaBootProfile.AUTOMATIC_PREFIX)) {
                    if (added != null && added.name().equals(marker)) {
                        used.put(marker, added);
                    } else {
                        KeaBootProfile.fromClasses(marker, existing).ifPresent(profile -> used.put(marker, profile));
                    }
                }
            }
        }
        ArrayNode classes = config.classes();
        List<JsonNode> wanted = new ArrayList<>();
        for (JsonNode definition : classes) {
            if (!definition.path("name").asText().startsWith(KeaBootProfile.AUTOMATIC_PREFIX)) {
                wanted.add(definition);
            }
        }
        used.values().forEach(profile -> profile.clientClasses().forEach(wanted::add));
        if (normalized(classes).equals(normalized(wanted))) {
            return false;
        }
        classes.removeAll();
        classes.addAll(wanted);
        if (classes.isEmpty()) {
            config.removeClasses();
        }
        return true;
    }

    private static List<JsonNode> normalized(Iterable<JsonNode> classes) {
        List<JsonNode> list = new ArrayList<>();
        classes.forEach(definition -> list.add(KeaDhcp4Config.withoutDefaults(definition)));
        return list;
    }

    private static BootFiles bootOf(JsonNode reservation, Map<String, JsonNode> classes) {
        for (JsonNode name : reservation.path("client-classes")) {
            Optional<KeaBootProfile> profile = KeaBootProfile.fromClasses(name.asText(), classes);
            if (profile.isPresent()) {
                String nextServer = reservation.path("next-server").asText("");
                return profile.get().withNextServer(nextServer.isEmpty() ? "0.0.0.0" : nextServer);
            }
        }
        return null;
    }

    private static ObjectNode reservationJson(DhcpReservation reservation, KeaBootProfile profile) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("hw-address", reservation.mac());
        json.put("ip-address", reservation.ipAddress());
        json.put("hostname", reservation.hostname());
        if (profile != null) {
            if (!"0.0.0.0".equals(reservation.boot().nextServer())) {
                json.put("next-server", reservation.boot().nextServer());
            }
            json.putArray("client-classes").add(profile.name());
        }
        return json;
    }

    private static boolean removeFrom(ObjectNode subnet, String mac) {
        JsonNode reservations = subnet.get("reservations");
        if (!(reservations instanceof ArrayNode array)) {
            return false;
        }
        boolean removed = false;
        for (int i = array.size() - 1; i >= 0; i--) {
            if (mac.equals(hwAddress(array.get(i)))) {
                array.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    private static int indexOf(ArrayNode reservations, String mac) {
        for (int i = 0; i < reservations.size(); i++) {
            if (mac.equals(hwAddress(reservations.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String hwAddress(JsonNode reservation) {
        return reservation.path("hw-address").asText("").toLowerCase(Locale.ROOT);
    }

    private static String identifier(JsonNode reservation) {
        for (String type : new String[] {"hw-address", "client-id", "duid", "circuit-id", "flex-id"}) {
            if (reservation.path(type).isTextual()) {
                return type + " " + reservation.get(type).asText();
            }
        }
        return "another host";
    }
}
