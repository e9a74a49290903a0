package org.metalflow.lab;

import java.util.List;

/**
 * One fault set for many BMCs at once.
 *
 * @param bmcIds the BMCs to apply it to (such as {@code lab-0001}); every BMC of the fleet when left out
 */
public record LabFaultsBatch(List<String> bmcIds, LabFaultsRequest faults) {
}
