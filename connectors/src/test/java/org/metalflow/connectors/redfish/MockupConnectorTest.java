package org.metalflow.connectors.redfish;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** Base of tests that drive one connector against one captured BMC served by {@link MockupRedfishServer}. */
abstract class MockupConnectorTest {

    protected MockupRedfishServer server;
    protected RedfishConnector connector;

    /** Serves the mockup (stopping any previous one) with short timeouts, and returns its pinned endpoint. */
    protected BmcEndpoint serve(String mockup) throws Exception {
        stop();
        server = new MockupRedfishServer(Mockups.mockup(mockup));
        connector = new RedfishConnector(
                new RedfishSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMinutes(5)));
        return server.endpoint();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.close();
        }
        connector = null;
        server = null;
    }
}
