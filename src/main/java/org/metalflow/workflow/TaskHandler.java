package org.metalflow.workflow;

import java.util.Map;

/**
 * Does the work of one external-task topic ({@code redfish.inventory}, {@code dns.upsert}, ...). Handlers
 * must converge: a task runs at least once and may run again after a crash, so "ensure X" rather than "do X".
 * Throw {@link BusinessFailure} for an outcome the process models (no retry); any other exception is a
 * technical failure that is retried as the BPMN task says and then becomes an incident whose message is the
 * exception's message, so write it for the operator who will read it.
 */
public interface TaskHandler {

    String topic();

    /** Returns the variables to set on the process (usually none: facts go to the platform's own tables). */
    Map<String, Object> handle(TaskRequest request);
}
