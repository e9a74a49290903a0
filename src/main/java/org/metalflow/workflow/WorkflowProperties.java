package org.metalflow.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process external-task worker.
 *
 * @param workerId            unique per platform node; tasks still locked under it at start-up are released,
 *                            because a node that just started cannot be working on them
 * @param threads             tasks handled at once by this node (requests per BMC are limited separately)
 * @param lockDuration        how long a fetched task stays locked before another worker may take it
 * @param defaultRetries      retries after a failure when the BPMN task sets no {@code retries} property
 * @param defaultRetryBackoff wait before each retry when the task sets no {@code retryBackoff} property
 */
@ConfigurationProperties("metalflow.workflow")
public record WorkflowProperties(@DefaultValue("metalflow-inproc") String workerId,
                                 @DefaultValue("8") int threads,
                                 @DefaultValue("PT10M") Duration lockDuration,
                                 @DefaultValue("3") int defaultRetries,
                                 @DefaultValue("PT10S") Duration defaultRetryBackoff) {

    public WorkflowProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("metalflow.workflow.threads must be 1 or more, was " + threads);
        }
    }
}
