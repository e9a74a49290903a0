package org.metalflow.inventory;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides, when an action is requested, whether a person must approve it before its process changes anything,
 * and why. Implemented by the approval package from configured policies; the answer travels to the process
 * as variables its approval gateway reads.
 */
public interface ApprovalPolicy {

    /**
     * @param variables the plain parameters the action's process gets ({@link ActionParameters}), shown to
     *                  the approver
     */
    Assessment assess(Machine machine, MachineAction action, Map<String, Object> variables);

    /**
     * @param required whether the process waits for an approval
     * @param reason   which policies asked for it, for the approver (empty when none did)
     * @param summary  what the action will change, as far as it is known when it is requested
     */
    record Assessment(boolean required, String reason, String summary) {

        /** The process variables the lifecycle processes' approval gateway and call activity read. */
        public Map<String, Object> variables() {
            Map<String, Object> variables = new HashMap<>();
            variables.put("approvalRequired", required);
            variables.put("approvalReason", reason);
            variables.put("changeSummary", summary);
            return variables;
        }
    }
}
