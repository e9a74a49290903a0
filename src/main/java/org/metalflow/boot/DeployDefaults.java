package org.metalflow.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code metalflow.deploy.*}: what a deploy request that names no network or OS uses (the lab sets both). */
@ConfigurationProperties("metalflow.deploy")
record DeployDefaults(@DefaultValue("") String network, @DefaultValue("") String os) {
}
