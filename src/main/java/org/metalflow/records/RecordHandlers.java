package org.metalflow.records;

import java.util.Map;
import java.util.UUID;
import org.metalflow.audit.AuditEvent;
import org.metalflow.audit.AuditLog;
import org.metalflow.boot.BootNic;
import org.metalflow.boot.Deployment;
import org.metalflow.boot.InstallService;
import org.metalflow.connectors.dhcp.DhcpException;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.metalflow.connectors.dns.DnsException;
import org.metalflow.connectors.dns.DnsProvider;
import org.metalflow.connectors.dns.DnsRecord;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.network.Allocation;
import org.metalflow.network.NetworkService;
import org.metalflow.workflow.BusinessFailure;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps that write and remove a deploy's records, one side effect each, all converging:
 * {@code ipam.allocate} / {@code ipam.release}, {@code dhcp.reserve} / {@code dhcp.remove},
 * {@code dns.upsert} / {@code dns.delete} (input {@code recordType} A or PTR). A server that refuses (a
 * conflicting reservation or record) fails the deploy with {@value #REJECTED}; one that does not answer is
 * retried, then raises an incident. Each record written or removed goes on the audit trail.
 */
@Configuration(proxyBeanMethods = false)
class RecordHandlers {

    static final String REJECTED = "RECORD_REJECTED";

    @Bean
    TaskHandler allocateAddress(NetworkService networks, InstallService installs, MachineService machines,
                                AuditLog audit) {
        return handler("ipam.allocate", request -> {
            UUID id = request.machineId();
            Deployment deployment = installs.deployment(id);
            Machine machine = machines.get(id);
            String mac = BootNic.macOf(machine).orElseThrow(() -> new BusinessFailure(REJECTED, "machine "
                    + machine.name() + " has no NIC with a MAC address on record; inspect it first"));
            Allocation allocation = networks.allocate(deployment.network(), id, mac, deployment.hostname());
            audit.record(request.sideEffect("ip.allocate").on("ip-address", allocation.address())
                    .detail("network", allocation.network()).detail("mac", allocation.mac())
                    .detail("hostname", allocation.hostname()));
        });
    }

    @Bean
    TaskHandler releaseAddresses(NetworkService networks, NetworkRecords records, AuditLog audit) {
        return handler("ipam.release", request -> {
            for (Allocation allocation : records.allocationsOf(request.machineId())) {
                audit.record(request.sideEffect("ip.release").on("ip-address", allocation.address())
                        .detail("network", allocation.network()).detail("mac", allocation.mac()));
            }
            networks.releaseAll(request.machineId());
        });
    }

    @Bean
    TaskHandler reserveDhcp(NetworkRecords records, DhcpProvider dhcp, AuditLog audit) {
        return handler("dhcp.reserve", request -> {
            for (Allocation allocation : records.allocationsOf(request.machineId())) {
                try {
                    dhcp.reserve(records.reservation(allocation));
                } catch (DhcpException e) {
                    throw e.transientFailure() ? e : new BusinessFailure(REJECTED, e.getMessage());
                }
                audit.record(request.sideEffect("dhcp.reserve").on("dhcp-reservation", allocation.mac())
                        .detail("provider", dhcp.name()).detail("address", allocation.address())
                        .detail("hostname", allocation.hostname()));
            }
        });
    }

    @Bean
    TaskHandler removeDhcp(NetworkRecords records, DhcpProvider dhcp, AuditLog audit) {
        return handler("dhcp.remove", request -> records.allocationsOf(request.machineId()).forEach(allocation -> {
            dhcp.remove(allocation.mac());
            audit.record(request.sideEffect("dhcp.remove").on("dhcp-reservation", allocation.mac())
                    .detail("provider", dhcp.name()).detail("address", allocation.address()));
        }));
    }

    @Bean
    TaskHandler upsertDns(NetworkRecords records, DnsProvider dns, DnsSettings settings, AuditLog audit) {
        return handler("dns.upsert", request -> {
            DnsRecord.Type type = recordType(request);
            for (Allocation allocation : records.allocationsOf(request.machineId())) {
                DnsRecord record = records.record(allocation, type);
                try {
                    dns.upsert(record, settings.overwrite());
                } catch (DnsException e) {
                    throw e.transientFailure() ? e : new BusinessFailure(REJECTED, e.getMessage());
                }
                audit.record(dnsEvent("dns.upsert", request, dns, record));
            }
        });
    }

    @Bean
    TaskHandler deleteDns(NetworkRecords records, DnsProvider dns, AuditLog audit) {
        return handler("dns.delete", request -> {
            DnsRecord.Type type = recordType(request);
            records.allocationsOf(request.machineId()).forEach(allocation -> {
                DnsRecord record = records.record(allocation, type);
                dns.delete(record);
                audit.record(dnsEvent("dns.delete", request, dns, record));
            });
        });
    }

    private static AuditEvent dnsEvent(String action, TaskRequest request, DnsProvider dns, DnsRecord record) {
        return request.sideEffect(action).on("dns-record", record.name()).detail("provider", dns.name())
                .detail("type", record.type().name()).detail("zone", record.zone()).detail("value", record.value());
    }

    private static DnsRecord.Type recordType(TaskRequest request) {
        String type = request.variable("recordType");
        try {
            return DnsRecord.Type.valueOf(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("BPMN task " + request.activityId() + " has recordType '" + type
                    + "'; use A or PTR");
        }
    }

    private static TaskHandler handler(String topic, java.util.function.Consumer<TaskRequest> work) {
        return new TaskHandler() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public Map<String, Object> handle(TaskRequest request) {
                work.accept(request);
                return Map.of();
            }
        };
    }
}
