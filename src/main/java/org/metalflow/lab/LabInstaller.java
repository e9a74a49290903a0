package org.metalflow.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metalflow.boot.PlatformUrl;
import org.metalflow.connectors.dhcp.DhcpProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Plays the PXE firmware and the OS installer of the lab's machines. When a machine comes up from a
 * network-boot override, it does what a real one does against the platform: takes the DHCP reservation of
 * one of its MACs (no reservation, no boot: it then sits there like a machine without a lease), fetches the
 * iPXE script DHCP points at and the script of its MAC, fetches the install file the kernel line names, and
 * after the configured install time posts the outcome to the callback URL in that file. When the install file
 * hands the machine to Chef, its first chef-client run follows ({@link LabChefClient}). One scheduler thread
 * and asynchronous HTTP: no thread per machine.
 */
final class LabInstaller implements LabFleet.NetbootListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LabInstaller.class);
    private static final Pattern CHAIN = Pattern.compile("chain --autofree (\\S+)");
    private static final Pattern INSTALL_URL = Pattern.compile("(https?://\\S+?/api/v1/boot/install/[A-Za-z0-9_-]+/)([A-Za-z0-9.-]*)");
    private static final Pattern CALLBACK = Pattern.compile("https?://\\S+?/api/v1/boot/callbacks/[A-Za-z0-9_-]+");

    private final DhcpProvider dhcp;
    private final PlatformUrl platform;
    private final LabInstallerProperties properties;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lab-installer");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LabChefClient chef = new LabChefClient();

    LabInstaller(DhcpProvider dhcp, PlatformUrl platform, LabInstallerProperties properties) {
        this.dhcp = dhcp;
        this.platform = platform;
        this.properties = properties;
    }

    @Override
    public void netbooting(SimulatedBmc bmc, Duration untilBooted) {
        scheduler.schedule(() -> boot(bmc), untilBooted.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void boot(SimulatedBmc bmc) {
        String name = bmc.id();
        if (!"Pxe".equals(bmc.lastBootSource())) {
            return;
        }
        Optional<String> mac = bmc.spec().macs().stream()
                .map(m -> m.toLowerCase(java.util.Locale.ROOT))
                .filter(m -> dhcp.find(m).isPresent())
                .findFirst();
        if (mac.isEmpty()) {
            log.warn("Lab: {} network-booted but DHCP has no reservation for its MACs {}; it gets no boot file",
                    name, bmc.spec().macs());
            return;
        }
        get(platform.base() + "/api/v1/boot/ipxe")
                .thenCompose(chain -> {
                    Matcher next = CHAIN.matcher(chain);
                    if (!next.find()) {
                        throw new IllegalStateException("the iPXE script DHCP points at does not chain: " + chain);
                    }
                    return get(next.group(1).replace("${netX/mac}", mac.get()));
                })
                .thenCompose(script -> {
                    Matcher install = INSTALL_URL.matcher(script);
                    if (!install.find()) {
                        throw new IllegalStateException("the iPXE script of " + mac.get() + " installs nothing:\n" + script);
                    }
                    String file = install.group(2).isEmpty() ? "user-data" : install.group(2);
                    return get(install.group(1) + file);
                })
                .thenAccept(config -> {
                    Matcher callback = CALLBACK.matcher(config);
                    if (!callback.find()) {
                        throw new IllegalStateException("the install file names no callback URL");
                    }
                    String url = callback.group();
                    String outcome = properties.outcomeOf(name);
                    if ("silent".equals(outcome)) {
                        log.info("Lab: {} installer hangs (told to stay silent); it never calls back", name);
                        return;
                    }
                    Optional<LabChefClient.Node> chefNode = LabChefClient.nodeIn(config);
                    scheduler.schedule(() -> report(name, url, outcome, chefNode), properties.duration().toMillis(),
                            TimeUnit.MILLISECONDS);
                })
                .exceptionally(failure -> {
                    log.warn("Lab: {} network boot went wrong: {}", name, failure.getMessage());
                    return null;
                });
    }

    private void report(String name, String callbackUrl, String outcome, Optional<LabChefClient.Node> chefNode) {
        String body = "installed".equals(outcome)
                ? "{\"outcome\":\"installed\"}"
                : "{\"outcome\":\"failed\",\"reason\":\"the lab installer was told to fail\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> {
                    log.info("Lab: {} installer reported {}: HTTP {}", name, outcome, response.statusCode());
                    if (response.statusCode() == 202 && "installed".equals(outcome) && chefNode.isPresent()) {
                        // the installed system boots and chef-client runs for the first time
                        scheduler.schedule(() -> chefRun(name, chefNode.get()), properties.duration().toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                })
                .exceptionally(failure -> {
                    log.warn("Lab: {} installer could not report: {}", name, failure.getMessage());
                    return null;
                });
    }

    private void chefRun(String name, LabChefClient.Node node) {
        try {
            chef.run(node);
            log.info("Lab: {} chef-client run saved node {}", name, node.name());
        } catch (Exception e) {
            log.warn("Lab: {} chef-client run failed: {}", name, e.getMessage());
        }
    }

    private CompletableFuture<String> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        });
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
