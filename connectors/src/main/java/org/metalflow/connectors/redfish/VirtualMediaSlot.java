package org.metalflow.connectors.redfish;

import java.util.List;

/** A virtual media device of a Manager or a System (where the BMC puts them differs per vendor). */
public record VirtualMediaSlot(String uri, String id, List<String> mediaTypes, String image, boolean inserted) {
}
