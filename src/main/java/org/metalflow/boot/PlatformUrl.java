package org.metalflow.boot;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The platform's base URL as booting machines reach it: configured, or the local port for the lab. */
@Component
public class PlatformUrl {

    private final String configured;
    private volatile String local = "http://127.0.0.1:8080";

    PlatformUrl(BootProperties properties) {
        String url = properties.baseUrl();
        this.configured = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            local = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    public String base() {
        return configured != null ? configured : local;
    }
}
