package org.metalflow.connectors.dhcp.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpLease;

/** IPv4 leases through the {@code lease_cmds} hook: {@code lease4-get-all} and {@code lease4-del}. */
final class KeaLeases {

    private final KeaControlAgentClient agent;
    private final List<Long> subnetIds;

    /** @param subnetIds the subnets to list, or empty for all of them */
    KeaLeases(KeaControlAgentClient agent, Collection<Long> subnetIds) {
        this.agent = agent;
        this.subnetIds = List.copyOf(subnetIds);
    }

    List<DhcpLease> list() {
        ObjectNode arguments = null;
        if (!subnetIds.isEmpty()) {
            arguments = KeaControlAgentClient.arguments();
            ArrayNode subnets = arguments.putArray("subnets");
            subnetIds.forEach(subnets::add);
        }
        KeaAnswer answer = agent.command("lease4-get-all", arguments, KeaAnswer.EMPTY);
        List<DhcpLease> leases = new ArrayList<>();
        for (JsonNode lease : answer.arguments().path("leases")) {
            String hostname = lease.path("hostname").asText("");
            Instant expires = null;
            if (lease.path("cltt").canConvertToLong() && lease.path("valid-lft").canConvertToLong()) {
                expires = Instant.ofEpochSecond(lease.get("cltt").asLong() + lease.get("valid-lft").asLong());
            }
            leases.add(new DhcpLease(lease.path("hw-address").asText("").toLowerCase(Locale.ROOT),
                    lease.path("ip-address").asText(), hostname.isEmpty() ? null : hostname, expires));
        }
        return List.copyOf(leases);
    }

    void remove(String ipAddress) {
        if (!Ipv4.isDotted(ipAddress)) {
            throw new DhcpException(agent.where() + ": cannot remove the lease of '" + ipAddress
                    + "', which is not an IPv4 address", false);
        }
        ObjectNode arguments = KeaControlAgentClient.arguments();
        arguments.put("ip-address", ipAddress);
        agent.command("lease4-del", arguments, KeaAnswer.EMPTY);
    }
}
