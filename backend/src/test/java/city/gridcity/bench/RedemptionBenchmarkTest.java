package city.gridcity.bench;

import city.gridcity.rewards.RedemptionRush;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redemptions per second over HTTP with sign-in checks: 2,000 residents with points ask at once for a reward with
 * 1,000 in stock (so half are holds, half refusals after the stock is gone). Prints, asserts no time.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RedemptionBenchmarkTest {

    @Inject
    RedemptionRush rush;

    @Test
    void redemptions_per_second_when_two_thousand_residents_rush_a_thousand_units() {
        RedemptionRush.Crowd crowd = rush.crowd(2000);
        // A first, small rush warms the JIT and the sign-in caches on another reward.
        rush.rush(new RedemptionRush.Crowd(crowd.city(), crowd.tokens().subList(0, 200), crowd.ids().subList(0, 200)),
                rush.reward(crowd, 10, 1));
        long reward = rush.reward(crowd, 1000, 30);
        long started = System.nanoTime();
        List<RedemptionRush.Answer> answers = rush.rush(crowd, reward);
        double seconds = (System.nanoTime() - started) / 1e9;
        long held = answers.stream().filter(a -> a.status() == 201).count();
        long refused = answers.stream().filter(a -> a.status() == 409).count();
        System.out.printf("BENCH redemptions: %d requests at once, %d holds, %d refusals, %d other, in %.2f s: "
                        + "%.0f answers/s, %.0f holds/s%n", answers.size(), held, refused, answers.size() - held - refused,
                seconds, answers.size() / seconds, held / seconds);
    }
}
