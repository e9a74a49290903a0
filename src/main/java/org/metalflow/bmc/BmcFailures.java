package org.metalflow.bmc;

import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.workflow.BusinessFailure;

/**
 * Sorts Redfish failures (see {@link RedfishException#transientFailure()}): a BMC that may answer differently
 * later is retried, then raises an incident; a BMC that refused will refuse again, so the process takes its
 * failure path with the BMC's own words as the reason.
 */
final class BmcFailures {

    private BmcFailures() {
    }

    static RuntimeException classify(RedfishException e, String businessErrorCode) {
        return e.transientFailure() ? e : new BusinessFailure(businessErrorCode, e.getMessage());
    }
}
