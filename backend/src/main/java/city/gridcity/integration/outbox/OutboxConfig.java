package city.gridcity.integration.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox worker delivers: how often, how much at a time, how persistently. */
@ConfigMapping(prefix = "gridcity.outbox")
public interface OutboxConfig {

    /**
     * How often the worker looks for due messages ({@code 5s}, {@code PT5S}); {@code off} stops the
     * scheduled worker (tests drive it themselves).
     */
    @WithDefault("5s")
    String pollInterval();

    /** Messages one city hands to one round of the worker, at most. */
    @WithDefault("20")
    int batchSize();

    /** Delivery attempts before a message is dead-lettered for the administrator. */
    @WithDefault("8")
    int maxAttempts();

    /**
     * How long a claimed message is reserved for the worker that claimed it. When that worker dies
     * mid-delivery, the message is tried again once the lease runs out.
     */
    @WithDefault("PT2M")
    Duration lease();

    Backoff backoff();

    /** How long delivered messages are kept for the administrator's view before they are purged. */
    @WithDefault("P30D")
    Duration retention();

    /** Wait before attempt n+1: {@code initial × 2^(n-1)}, at most {@code max}, of which a random half. */
    interface Backoff {
        @WithDefault("PT30S")
        Duration initial();

        @WithDefault("PT1H")
        Duration max();
    }
}
