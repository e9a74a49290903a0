package org.metalflow.records;

import java.util.Map;
import org.metalflow.boot.InstallService;
import org.metalflow.workflow.TaskHandler;
import org.metalflow.workflow.TaskRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code boot.issue-token}: a new one-time install token for the machine's deployment (the iPXE script hands
 * it to the installer; an earlier token stops working). {@code boot.revoke-token}: the token stops working,
 * so the machine boots locally from then on. Both converge.
 */
@Configuration(proxyBeanMethods = false)
class InstallTokenHandlers {

    @Bean
    TaskHandler issueInstallToken(InstallService installs) {
        return new Handler("boot.issue-token", request -> installs.issueToken(request.machineId()));
    }

    @Bean
    TaskHandler revokeInstallToken(InstallService installs) {
        return new Handler("boot.revoke-token", request -> installs.revokeToken(request.machineId()));
    }

    private record Handler(String topic, java.util.function.Consumer<TaskRequest> work) implements TaskHandler {

        @Override
        public Map<String, Object> handle(TaskRequest request) {
            work.accept(request);
            return Map.of();
        }
    }
}
