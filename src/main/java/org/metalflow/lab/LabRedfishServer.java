package org.metalflow.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Serves the fleet over HTTPS on one port of the wildcard address; each BMC is reached at its own
 * loopback address. One listening socket and a small shared thread pool, whatever the fleet size.
 */
public final class LabRedfishServer implements AutoCloseable {

    private final LabFleet fleet;
    private final LabTls tls;
    private final ObjectMapper mapper;
    private HttpsServer server;
    private ExecutorService executor;

    public LabRedfishServer(LabFleet fleet, LabTls tls, ObjectMapper mapper) {
        this.fleet = fleet;
        this.tls = tls;
        this.mapper = mapper;
    }

    /** Binds {@code 0.0.0.0:port} (0 picks a free port) and starts answering. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        LabProperties properties = fleet.properties();
        try {
            HttpsServer created = HttpsServer.create(new InetSocketAddress("0.0.0.0", properties.port()), 256);
            SSLContext context = tls.serverContext();
            created.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    ssl.setNeedClientAuth(false);
                    parameters.setSSLParameters(ssl);
                }
            });
            created.createContext("/", new LabRedfishHandler(fleet, mapper));
            executor = Executors.newFixedThreadPool(properties.threads(), namedDaemonThreads());
            created.setExecutor(executor);
            created.start();
            server = created;
        } catch (IOException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            throw new UncheckedIOException("cannot listen on lab port " + properties.port(), e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (useful when configured as 0), or the configured one while stopped. */
    public synchronized int port() {
        return server == null ? fleet.properties().port() : server.getAddress().getPort();
    }

    public LabFleet fleet() {
        return fleet;
    }

    public LabTls tls() {
        return tls;
    }

    /** {@code https://127.1.0.1:8443} for the first BMC of a default fleet. */
    public String baseUrl(SimulatedBmc bmc) {
        return "https://" + fleet.addressOf(bmc).getHostAddress() + ":" + port();
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "lab-redfish-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
