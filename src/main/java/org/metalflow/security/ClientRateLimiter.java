package org.metalflow.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * A token bucket per client address: {@code capacity} requests per {@code period}, refilled evenly. Buckets of
 * addresses not seen for two periods are forgotten, and at most 100,000 are kept, so a scan from many addresses
 * cannot grow memory without bound.
 */
final class ClientRateLimiter {

    private final int capacity;
    private final Duration period;
    private final List<IpAddressMatcher> exempt;
    private final Cache<String, Bucket> buckets;

    ClientRateLimiter(int capacity, Duration period, List<String> exempt) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period, not " + capacity
                    + " per " + period);
        }
        this.capacity = capacity;
        this.period = period;
        this.exempt = exempt.stream().filter(e -> !e.isBlank()).map(IpAddressMatcher::new).toList();
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(period.multipliedBy(2)).build();
    }

    /** Takes one request from the address's bucket: false when it is empty. */
    boolean tryAcquire(String address) {
        return isExempt(address) || bucket(address).tryConsume(1);
    }

    /** True when the address may go on, without taking anything (a failed login takes later). */
    boolean hasRoom(String address) {
        return isExempt(address) || bucket(address).getAvailableTokens() > 0;
    }

    /** Seconds until the address's bucket has a request again. */
    long secondsUntilRefill(String address) {
        long nanos = bucket(address).estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    private boolean isExempt(String address) {
        return exempt.stream().anyMatch(m -> m.matches(address));
    }

    private Bucket bucket(String address) {
        return buckets.get(address, a -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
    }
}
