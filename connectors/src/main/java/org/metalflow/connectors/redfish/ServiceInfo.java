package org.metalflow.connectors.redfish;

import java.util.List;

/**
 * What the service root says about a BMC: who made it, which Redfish version, and the systems it manages.
 *
 * @param systemUris @odata.id of every member of the Systems collection
 */
public record ServiceInfo(String redfishVersion, String vendor, String product, String uuid,
                          List<String> systemUris) {
}
