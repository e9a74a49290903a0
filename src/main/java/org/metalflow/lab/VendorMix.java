package org.metalflow.lab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Vendor proportions such as {@code dell:2,hpe:2,generic:1}, spread evenly over the fleet
 * (smooth weighted round robin), so any prefix of the fleet has roughly the configured mix.
 */
public final class VendorMix {

    private final List<Vendor> cycle;

    private VendorMix(List<Vendor> cycle) {
        this.cycle = List.copyOf(cycle);
    }

    public static VendorMix parse(String text) {
        Map<Vendor, Integer> weights = new EnumMap<>(Vendor.class);
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameAndWeight = part.split(":");
            Vendor vendor = Vendor.fromKey(nameAndWeight[0]);
            int weight;
            try {
                weight = nameAndWeight.length > 1 ? Integer.parseInt(nameAndWeight[1].trim()) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vendor mix '" + text + "': weight of " + vendor.key() + " is not a number");
            }
            if (weight < 0 || nameAndWeight.length > 2) {
                throw new IllegalArgumentException("vendor mix '" + text + "': expected vendor:weight with weight >= 0");
            }
            weights.merge(vendor, weight, Integer::sum);
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            throw new IllegalArgumentException("vendor mix '" + text + "' has no vendor with a weight above 0");
        }
        Map<Vendor, Integer> current = new EnumMap<>(Vendor.class);
        List<Vendor> cycle = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            Vendor best = null;
            for (Map.Entry<Vendor, Integer> entry : weights.entrySet()) {
                int value = current.merge(entry.getKey(), entry.getValue(), Integer::sum);
                if (best == null || value > current.get(best)) {
                    best = entry.getKey();
                }
            }
            current.merge(best, -total, Integer::sum);
            cycle.add(best);
        }
        return new VendorMix(cycle);
    }

    /** The vendor of the BMC at a zero-based position in the fleet. */
    public Vendor vendorAt(int index) {
        return cycle.get(index % cycle.size());
    }
}
