package city.gridcity.integration.outbox;

import java.time.Duration;

/**
 * How long a failed message waits before its next attempt: doubling from {@code initial} after each
 * attempt, capped at {@code max}, and of that a random share between half and all, so receivers that
 * come back after an outage are not hit by every waiting message in the same second.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param attempt the attempt that just failed, from 1
     * @param random a number in [0, 1): the jitter
     */
    public static Duration delay(int attempt, Duration initial, Duration max, double random) {
        Duration full = initial;
        for (int i = 1; i < attempt && full.compareTo(max) < 0; i++) {
            full = full.multipliedBy(2);
        }
        if (full.compareTo(max) > 0) {
            full = max;
        }
        long halfMillis = full.toMillis() / 2;
        return Duration.ofMillis(halfMillis + (long) (random * (full.toMillis() - halfMillis)));
    }
}
