package city.gridcity.cases.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The self-handling audit draws from the injected random source: a roll of 0-99 under the city's share. */
class AuditDrawTest {

    /** A source whose next roll the test chooses. */
    private static RandomGenerator rolling(int roll) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return roll;
            }

            @Override
            public int nextInt(int bound) {
                assertEquals(100, bound);
                return roll;
            }
        };
    }

    @Test
    void with_a_30_percent_share_a_roll_of_29_is_drawn_and_a_roll_of_30_is_not() {
        assertTrue(new SelfHandling(null, rolling(29)).drawn(30));
        assertFalse(new SelfHandling(null, rolling(30)).drawn(30));
    }

    @Test
    void a_share_of_0_draws_nothing_and_of_100_everything() {
        assertFalse(new SelfHandling(null, rolling(0)).drawn(0));
        assertTrue(new SelfHandling(null, rolling(99)).drawn(100));
    }
}
