package org.metalflow.records;

import java.util.Map;
import java.util.UUID;
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
 * retried, then raises an incident.
 */
@Configuration(proxyBeanMethods = false)
class RecordHandlers {

    static final String REJECTED = "RECORD_REJECTED";

    @Bean
    TaskHandler allocateAddress(NetworkService networks, InstallService installs, MachineService machines) {
        return handler("ipam.allocate", request -> {
            UUID id = request.machineId();
            Deployment deployment = installs.deployment(id);
            Machine machine = machines.get(id);
            String mac = BootNic.macOf(machine).orElseThrow(() -> new BusinessFailure(REJECTED, "machine "
                    + machine.name() + " has no NIC with a MAC address on record; inspect it first"));
            networks.allocate(deployment.network(), id, mac, deployment.hostname());
        });
    }

    @Bean
    TaskHandler releaseAddresses(NetworkService networks) {
        return handler("ipam.release", request -> networks.releaseAll(request.machineId()));
    }

    @Bean
    TaskHandler reserveDhcp(NetworkRecords records, DhcpProvider dhcp) {
        return handler("dhcp.reserve", request -> {
            for (Allocation allocation : records.allocationsOf(request.machineId())) {
                try {
                    dhcp.reserve(records.reservation(allocation));
                } catch (DhcpException e) {
                    throw e.transientFailure() ? e : new BusinessFailure(REJECTED, e.getMessage());
                }
            }
        });
    }

    @Bean
    TaskHandler removeDhcp(NetworkRecords records, DhcpProvider dhcp) {
        return handler("dhcp.remove", request -> records.allocationsOf(request.machineId())
                .forEach(allocation -> dhcp.remove(allocation.mac())));
    }

    @Bean
    TaskHandler upsertDns(NetworkRecords records, DnsProvider dns, DnsSettings settings) {
        return handler("dns.upsert", request -> {
            DnsRecord.Type type = recordType(request);
            for (Allocation allocation : records.allocationsOf(request.machineId())) {
                try {
                    dns.upsert(records.record(allocation, type), settings.overwrite());
                } catch (DnsException e) {
                    throw e.transientFailure() ? e : new BusinessFailure(REJECTED, e.getMessage());
                }
            }
        });
    }

    @Bean
    TaskHandler deleteDns(NetworkRecords records, DnsProvider dns) {
        return handler("dns.delete", request -> {
            DnsRecord.Type type = recordType(request);
            records.allocationsOf(request.machineId()).forEach(allocation -> dns.delete(records.record(allocation, type)));
        });
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
