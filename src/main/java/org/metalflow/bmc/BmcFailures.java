package org.metalflow.bmc;

import org.metalflow.connectors.redfish.RedfishException;
import org.metalflow.workflow.BusinessFailure;

/**
 * Sorts Redfish failures: a BMC that did not answer, or answered 408/429/5xx, may answer later, so the task
 * is retried; a BMC that refused (401, 403, 404, 400) will refuse again, so the process takes its failure path
 * with the BMC's own words as the reason.
 */
final class BmcFailures {

    private BmcFailures() {
    }

    static RuntimeException classify(RedfishException e, String businessErrorCode) {
        return e.transientFailure() ? e : new BusinessFailure(businessErrorCode, e.getMessage());
    }
}
