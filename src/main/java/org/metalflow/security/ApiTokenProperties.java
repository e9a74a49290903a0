package org.metalflow.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code metalflow.security.tokens.*}: API tokens.
 *
 * @param maxLifetime the longest a token may live: a token asked for without {@code expiresAt} expires this long
 *                    after its creation, one asked for longer is refused; {@code 0} lets tokens live until revoked
 */
@ConfigurationProperties("metalflow.security.tokens")
public record ApiTokenProperties(@DefaultValue("365d") Duration maxLifetime) {

    public ApiTokenProperties {
        if (maxLifetime.isNegative()) {
            throw new IllegalArgumentException("metalflow.security.tokens.max-lifetime must not be negative: "
                    + maxLifetime);
        }
    }

    boolean limited() {
        return !maxLifetime.isZero();
    }

    String describeMaxLifetime() {
        return maxLifetime.toSeconds() % 86_400 == 0 ? maxLifetime.toDays() + " days" : maxLifetime.toString();
    }
}
