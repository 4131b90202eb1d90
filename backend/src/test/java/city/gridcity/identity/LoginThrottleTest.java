package city.gridcity.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import city.gridcity.shared.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(config(3, 5, Duration.ofMinutes(15)), clock);

    @Test
    void an_account_is_locked_after_its_failures_and_unlocked_when_the_window_has_passed() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("kcity:wang", "10.0.0." + i);
        }
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.check("kcity:wang", "10.0.0.9"));
        assertEquals(429, locked.status());
        assertEquals("900", locked.headers().get("Retry-After"));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertDoesNotThrow(() -> throttle.check("kcity:wang", "10.0.0.9"));
    }

    @Test
    void an_address_is_refused_after_failures_across_many_accounts() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("kcity:user" + i, "192.0.2.7");
        }
        assertThrows(ProblemException.class, () -> throttle.check("kcity:someone-else", "192.0.2.7"));
        assertDoesNotThrow(() -> throttle.check("kcity:someone-else", "192.0.2.8"));
    }

    @Test
    void a_success_clears_the_accounts_failures() {
        throttle.recordFailure("kcity:li", "a");
        throttle.recordFailure("kcity:li", "a");
        throttle.recordSuccess("kcity:li");
        throttle.recordFailure("kcity:li", "a");
        throttle.recordFailure("kcity:li", "a");
        assertDoesNotThrow(() -> throttle.check("kcity:li", "b"));
    }

    private static AuthConfig config(int account, int address, Duration window) {
        AuthConfig.Throttle t = new AuthConfig.Throttle() {
            public int accountFailures() { return account; }
            public int addressFailures() { return address; }
            public Duration window() { return window; }
        };
        return new AuthConfig() {
            public String issuer() { return "test"; }
            public Duration accessTokenTtl() { return Duration.ofMinutes(15); }
            public Duration refreshTokenTtl() { return Duration.ofDays(14); }
            public int bcryptCost() { return 4; }
            public Throttle throttle() { return t; }
        };
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
