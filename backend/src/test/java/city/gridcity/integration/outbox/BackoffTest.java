package city.gridcity.integration.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Worked examples with the defaults: 30 s doubling, capped at one hour, half to all of it. */
class BackoffTest {

    static final Duration INITIAL = Duration.ofSeconds(30);
    static final Duration MAX = Duration.ofHours(1);

    @Test
    void the_wait_doubles_after_each_failed_attempt_and_is_at_least_half_of_the_full_step() {
        assertEquals(Duration.ofSeconds(15), Backoff.delay(1, INITIAL, MAX, 0.0));
        assertEquals(Duration.ofMillis(29_999), Backoff.delay(1, INITIAL, MAX, 0.99997));
        assertEquals(Duration.ofSeconds(30), Backoff.delay(2, INITIAL, MAX, 0.0));
        assertEquals(Duration.ofSeconds(45), Backoff.delay(2, INITIAL, MAX, 0.5));
        // 30 s × 2^6 = 32 min, of which half is 16 min
        assertEquals(Duration.ofMinutes(16), Backoff.delay(7, INITIAL, MAX, 0.0));
    }

    @Test
    void the_wait_is_capped_at_the_maximum_however_many_attempts_failed() {
        // 30 s × 2^7 = 64 min > 60 min: capped
        assertEquals(Duration.ofMinutes(30), Backoff.delay(8, INITIAL, MAX, 0.0));
        assertEquals(Duration.ofMinutes(45), Backoff.delay(8, INITIAL, MAX, 0.5));
        assertEquals(Duration.ofMinutes(30), Backoff.delay(1_000, INITIAL, MAX, 0.0));
    }
}
