package org.metalflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void readsRetriesAndBackoffFromTheTaskProperties() {
        RetryPolicy policy = RetryPolicy.from(Map.of("retries", "3", "retryBackoff", "PT5S, PT30S"), 9,
                Duration.ofMinutes(9));

        assertThat(policy.remainingAfterFailure(null)).isEqualTo(3);
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.remainingAfterFailure(3)).isEqualTo(2);
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffBefore(1)).as("the last backoff repeats").isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.remainingAfterFailure(1)).isZero();
        assertThat(policy.remainingAfterFailure(0)).isZero();
    }

    @Test
    void fallsBackToTheConfiguredDefaults() {
        RetryPolicy policy = RetryPolicy.from(Map.of(), 2, Duration.ofSeconds(10));
        assertThat(policy.retries()).isEqualTo(2);
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesSettingsAProcessDesignerGotWrong() {
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("retries", "five"), 1, Duration.ZERO))
                .hasMessageContaining("retries='five'");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("retries", "-1"), 1, Duration.ZERO))
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> RetryPolicy.from(Map.of("retryBackoff", "5s"), 1, Duration.ZERO))
                .hasMessageContaining("ISO-8601");
    }
}
