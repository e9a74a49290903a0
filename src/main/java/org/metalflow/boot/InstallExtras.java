package org.metalflow.boot;

import java.util.Map;
import java.util.UUID;

/**
 * Values other capabilities add to a machine's install templates, under their own key (configuration
 * management: {@code cm.*}, e.g. the Chef client key the installer writes). Empty when there are none.
 */
public interface InstallExtras {

    /** The template key the values appear under, e.g. {@code cm}. */
    String key();

    Map<String, Object> valuesFor(UUID machineId);
}
