package org.metalflow.connectors.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;

import java.time.Duration;

/** Reads one resource from a test server, to change it and put it back. */
final class ResourceReaderFixture {

    private final MockupRedfishServer server;

    ResourceReaderFixture(MockupRedfishServer server) {
        this.server = server;
    }

    JsonNode read(String path) {
        try (RedfishTransport transport = new RedfishTransport(new RedfishSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1, Duration.ofMinutes(5)), new TlsClients(new OkHttpClient()))) {
            return transport.get(server.endpoint(), path).body();
        }
    }
}
