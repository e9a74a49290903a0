package org.metalflow.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalflow.api.ProblemException;
import org.metalflow.inventory.Machine;
import org.metalflow.inventory.MachineService;
import org.metalflow.inventory.MachineState;
import org.metalflow.network.Allocation;
import org.metalflow.network.Cidr;
import org.metalflow.network.NetworkService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What a network-booting machine is sent. iPXE asks {@code /api/v1/boot/ipxe} (the URL DHCP gives it), which
 * chains to its own MAC's script: the installer when the machine is being deployed, local boot when it is a
 * known machine with nothing to install, the discovery image when nobody knows the MAC. The installer then
 * fetches its install file with the token.
 */
@Service
public class BootScripts {

    private final MachineService machines;
    private final InstallService installs;
    private final NetworkService networks;
    private final OsCatalog catalog;
    private final Templates templates;
    private final PlatformUrl platform;
    private final BootProperties properties;
    private final List<InstallExtras> extras;

    BootScripts(MachineService machines, InstallService installs, NetworkService networks, OsCatalog catalog,
                Templates templates, PlatformUrl platform, BootProperties properties, List<InstallExtras> extras) {
        this.extras = List.copyOf(extras);
        this.machines = machines;
        this.installs = installs;
        this.networks = networks;
        this.catalog = catalog;
        this.templates = templates;
        this.platform = platform;
        this.properties = properties;
    }

    String chain() {
        return templates.render("chain.ipxe", Map.of("platform", Map.of("baseUrl", platform.base())));
    }

    /** The iPXE script for a MAC (lower-case, colon-separated). */
    String forMac(String mac) {
        Optional<Machine> machine = machines.findByMac(mac);
        if (machine.isEmpty()) {
            return templates.render("discovery.ipxe", Map.of(
                    "mac", mac,
                    "platform", Map.of("baseUrl", platform.base()),
                    "discovery", Map.of("kernel", properties.discoveryKernel(), "initrd", properties.discoveryInitrd())));
        }
        return forMachine(machine.get());
    }

    /** The iPXE script for a known machine. */
    public String forMachine(Machine machine) {
        Optional<String> token = machine.state() == MachineState.DEPLOYING
                ? installs.liveToken(machine.id()) : Optional.empty();
        if (token.isEmpty()) {
            return templates.render("local.ipxe", Map.of("machine", Map.of("name", machine.name(),
                    "state", machine.state().toString())));
        }
        Map<String, Object> model = model(machine, installs.deployment(machine.id()), token.get());
        OsImage os = image(installs.deployment(machine.id()));
        Map<String, Object> withBoot = new LinkedHashMap<>(model);
        withBoot.put("kernelUrl", templates.renderInline(os.kernel(), model));
        withBoot.put("initrdUrl", templates.renderInline(os.initrd(), model));
        withBoot.put("kernelArgs", templates.renderInline(os.kernelArgs(), model));
        return templates.render("install.ipxe", withBoot);
    }

    /** An install file (preseed.cfg, user-data, meta-data, ks.cfg) for the deployment the token belongs to. */
    String installFile(String token, String file) {
        Deployment deployment = installs.deploymentOfToken(token);
        OsImage os = image(deployment);
        if (!filesOf(os.installer()).contains(file)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, null, "the " + os.installer() + " installer of "
                    + os.name() + " has no file " + file + "; it reads " + filesOf(os.installer()));
        }
        Machine machine = machines.get(deployment.machineId());
        return templates.render(os.installer() + "-" + file, model(machine, deployment, token));
    }

    static List<String> filesOf(OsImage.Installer installer) {
        return switch (installer) {
            case preseed -> List.of("preseed.cfg");
            case autoinstall -> List.of("user-data", "meta-data", "vendor-data");
            case kickstart -> List.of("ks.cfg");
        };
    }

    private OsImage image(Deployment deployment) {
        return catalog.find(deployment.os()).orElseThrow(() -> new IllegalStateException("the deployment of "
                + deployment.machineId() + " names OS " + deployment.os() + ", which is no longer in the catalog"));
    }

    private Map<String, Object> model(Machine machine, Deployment deployment, String token) {
        UUID id = machine.id();
        Allocation allocation = networks.allocationsOf(id).stream()
                .filter(a -> a.network().equals(deployment.network()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("machine " + machine.name() + " has no address in "
                        + deployment.network() + " yet"));
        OsImage os = image(deployment);
        String base = platform.base();
        String installBase = base + "/api/v1/boot/install/" + token;
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("platform", Map.of("baseUrl", base));
        model.put("machine", Map.of(
                "id", id.toString(),
                "name", machine.name(),
                "hostname", deployment.hostname(),
                "fqdn", deployment.hostname() + "." + allocation.domain(),
                "mac", allocation.mac(),
                "serial", machine.identity() == null || machine.identity().serialNumber() == null
                        ? "" : machine.identity().serialNumber()));
        model.put("network", Map.of(
                "address", allocation.address(),
                "prefixLength", allocation.prefixLength(),
                "netmask", Cidr.parse(allocation.cidr()).netmask().toString(),
                "gateway", allocation.gateway() == null ? "" : allocation.gateway(),
                "dnsServers", allocation.dnsServers(),
                "nameservers", String.join(" ", allocation.dnsServers()),
                "domain", allocation.domain()));
        java.net.URI mirror = java.net.URI.create(os.mirror());
        model.put("os", Map.of("name", os.name(), "mirror", os.mirror(), "installer", os.installer().name(),
                "mirrorHost", mirror.getPort() < 0 ? mirror.getHost() : mirror.getHost() + ":" + mirror.getPort(),
                "mirrorPath", mirror.getPath().isEmpty() ? "/" : mirror.getPath()));
        model.put("install", Map.of(
                "token", token,
                "directoryUrl", installBase + "/",
                "configUrl", installBase + "/" + os.installer().configFile(),
                "callbackUrl", base + "/api/v1/boot/callbacks/" + token));
        model.put("sshAuthorizedKeys", properties.sshAuthorizedKeys().stream().filter(k -> !k.isBlank()).toList());
        for (InstallExtras extra : extras) {
            model.put(extra.key(), extra.valuesFor(id));
        }
        return model;
    }
}
