package city.gridcity.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(
            config(3, 5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(8)), clock);

    @Test
    void an_address_that_guesses_is_refused_for_the_account_until_the_window_has_passed() {
        // given three wrong passwords for wang from one address
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("kcity:wang", "10.0.0.1");
        }
        // then that address may not even try the right password, for the whole window
        ProblemException locked = assertThrows(ProblemException.class, () -> throttle.check("kcity:wang", "10.0.0.1"));
        assertEquals(429, locked.status());
        assertEquals("900", locked.headers().get("Retry-After"));
        clock.advance(Duration.ofMinutes(14));
        assertThrows(ProblemException.class, () -> throttle.check("kcity:wang", "10.0.0.1"));
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertDoesNotThrow(() -> throttle.check("kcity:wang", "10.0.0.1"));
    }

    @Test
    void the_real_user_signs_in_from_a_clean_address_while_an_attacker_has_failed_50_times_from_another() {
        // given an attacker who tries 50 passwords for wang from one address
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            refused += attempt("kcity:wang", "203.0.113.66", false) == Outcome.REFUSED ? 1 : 0;
        }
        assertEquals(47, refused, "only the first three guesses reach the password check");

        // when wang signs in from the office, then the attacker's failures do not stand in the way
        assertEquals(Outcome.SIGNED_IN, attempt("kcity:wang", "198.51.100.10", true));
        // and wang, a second later from home, is not held up either
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Outcome.SIGNED_IN, attempt("kcity:wang", "198.51.100.11", true));

        // and the attacker's address stays refused, the right password included, until its window passes
        clock.advance(Duration.ofMinutes(10));
        assertEquals(Outcome.REFUSED, attempt("kcity:wang", "203.0.113.66", true));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Outcome.SIGNED_IN, attempt("kcity:wang", "203.0.113.66", true));
    }

    @Test
    void a_guess_spread_over_many_addresses_is_slowed_to_one_attempt_per_growing_delay() {
        // given three failures for li, each from another address
        for (int i = 0; i < 3; i++) {
            attempt("kcity:li", "10.1.0." + i, false);
        }
        // when fresh addresses keep guessing: the first passes, the next must wait a second
        assertDoesNotThrow(() -> throttle.check("kcity:li", "10.2.0.1"));
        throttle.recordFailure("kcity:li", "10.2.0.1");
        ProblemException slowed = assertThrows(ProblemException.class, () -> throttle.check("kcity:li", "10.2.0.2"));
        assertEquals(429, slowed.status());
        assertEquals("1", slowed.headers().get("Retry-After"));

        // then over a whole window of one guess per second, from a new address each time,
        // the delay doubles up to its cap of 8 s: about one guess in eight reaches the password
        int checked = 0;
        int longestWait = 0;
        for (int second = 0; second < 900; second++) {
            clock.advance(Duration.ofSeconds(1));
            try {
                throttle.check("kcity:li", "10.3." + second / 250 + "." + second % 250);
                throttle.recordFailure("kcity:li", "10.3." + second / 250 + "." + second % 250);
                checked++;
            } catch (ProblemException e) {
                longestWait = Math.max(longestWait, Integer.parseInt(e.headers().get("Retry-After")));
            }
        }
        assertTrue(checked >= 100 && checked <= 120, "checked " + checked);
        // and no attempt is ever told to wait longer than the cap, let alone the window
        assertTrue(longestWait >= 4 && longestWait <= 8, "longest wait " + longestWait);
    }

    @Test
    void addresses_that_failed_for_the_account_do_not_use_up_the_pace_of_clean_ones() {
        // given a spread guess that keeps li's account paced: five addresses, each one failure
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("kcity:li", "10.4.0." + i);
        }
        // when the attacker's addresses take the next attempt, and are slowed for another
        assertDoesNotThrow(() -> throttle.check("kcity:li", "10.4.0.1"));
        throttle.recordFailure("kcity:li", "10.4.0.1");
        assertThrows(ProblemException.class, () -> throttle.check("kcity:li", "10.4.0.2"));
        // then li, from an address that never failed, goes through at once
        assertEquals(Outcome.SIGNED_IN, attempt("kcity:li", "192.0.2.200", true));
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
    void a_success_forgets_the_failures_of_its_own_address_only() {
        // given two typos from li's own address, then the right password
        throttle.recordFailure("kcity:li", "a");
        throttle.recordFailure("kcity:li", "a");
        throttle.recordSuccess("kcity:li", "a");
        // then two more typos later do not lock li out of that address
        throttle.recordFailure("kcity:li", "a");
        throttle.recordFailure("kcity:li", "a");
        assertDoesNotThrow(() -> throttle.check("kcity:li", "a"));
        // but a success elsewhere does not clear what another address failed
        throttle.recordFailure("kcity:li", "b");
        throttle.recordFailure("kcity:li", "b");
        throttle.recordFailure("kcity:li", "b");
        throttle.recordSuccess("kcity:li", "a");
        assertThrows(ProblemException.class, () -> throttle.check("kcity:li", "b"));
    }

    @Test
    void a_password_change_without_an_address_is_throttled_as_one_address() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("kcity#7", null);
        }
        assertThrows(ProblemException.class, () -> throttle.check("kcity#7", null));
    }

    enum Outcome { REFUSED, WRONG_PASSWORD, SIGNED_IN }

    /** One sign-in as the service makes it: the throttle's check, then the password's verdict. */
    private Outcome attempt(String account, String address, boolean rightPassword) {
        try {
            throttle.check(account, address);
        } catch (ProblemException e) {
            assertEquals(429, e.status());
            return Outcome.REFUSED;
        }
        if (rightPassword) {
            throttle.recordSuccess(account, address);
            return Outcome.SIGNED_IN;
        }
        throttle.recordFailure(account, address);
        return Outcome.WRONG_PASSWORD;
    }

    private static AuthConfig config(int account, int address, Duration window, Duration delay, Duration maxDelay) {
        AuthConfig.Throttle t = new AuthConfig.Throttle() {
            public int accountFailures() { return account; }
            public int addressFailures() { return address; }
            public Duration window() { return window; }
            public Duration accountDelay() { return delay; }
            public Duration accountMaxDelay() { return maxDelay; }
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
