package org.metalflow.connectors.chef;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as the Chef server holds it.
 *
 * @param runList     e.g. {@code [role[web], recipe[base]]}, as the server normalised it
 * @param environment {@code chef_environment}; {@code _default} when none was set
 * @param normal      the node's normal attributes (JSON values: maps, lists, strings, numbers, booleans)
 * @param ohaiTime    automatic {@code ohai_time}: when a Chef agent last ran Ohai on the machine; null when no
 *                    agent has reported yet
 */
public record ChefNode(String name, List<String> runList, String environment, Map<String, Object> normal, Instant ohaiTime) {

    public ChefNode {
        runList = List.copyOf(runList);
        normal = normal == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(normal));
    }

    /** True once a Chef agent has run on the machine and reported its Ohai data. */
    public boolean converged() {
        return ohaiTime != null;
    }
}
