package org.metalflow.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code metalflow.security.limits.*}: what one client may send.
 *
 * @param loginFailures          failed logins (API or webapp) one client address may make per {@code loginFailuresPeriod}
 *                               before its logins are refused with 429 until the period refills
 * @param loginFailuresPeriod    the window of {@code loginFailures}
 * @param machineRequests        requests one client address may send per {@code machineRequestsPeriod} to the
 *                               unauthenticated endpoints booting machines call (iPXE, install files, callbacks,
 *                               discovery)
 * @param machineRequestsPeriod  the window of {@code machineRequests}
 * @param exempt                 client addresses or CIDRs no rate limit applies to (the lab's simulated machines call
 *                               from 127.0.0.1); never put a reverse proxy's address here
 * @param maxBody                largest request body of the API and the engine REST API
 * @param maxDeploymentBody      largest BPMN deployment upload ({@code /engine-rest/deployment/create})
 */
@ConfigurationProperties("metalflow.security.limits")
public record RequestLimitProperties(
        @DefaultValue("10") int loginFailures,
        @DefaultValue("PT5M") Duration loginFailuresPeriod,
        @DefaultValue("120") int machineRequests,
        @DefaultValue("PT1M") Duration machineRequestsPeriod,
        @DefaultValue("") List<String> exempt,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue("10MB") DataSize maxDeploymentBody) {
}
