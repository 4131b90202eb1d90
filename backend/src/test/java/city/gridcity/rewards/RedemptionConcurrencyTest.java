package city.gridcity.rewards;

import static city.gridcity.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No oversell, ever: a thousand residents at once for a hundred units. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RedemptionConcurrencyTest {

    @Inject
    RedemptionRush rush;

    @Test
    void a_thousand_concurrent_redemptions_of_a_hundred_units_give_exactly_a_hundred_holds_and_nine_hundred_clear_refusals() {
        RedemptionRush.Crowd crowd = rush.crowd(1000);
        long reward = rush.reward(crowd, 100, 30);

        long started = System.nanoTime();
        List<RedemptionRush.Answer> answers = rush.rush(crowd, reward);
        System.out.printf("1000 concurrent redemptions answered in %.2f s%n", (System.nanoTime() - started) / 1e9);

        long held = answers.stream().filter(a -> a.status() == 201).count();
        List<RedemptionRush.Answer> refused = answers.stream().filter(a -> a.status() != 201).toList();
        assertEquals(100, held);
        assertEquals(900, refused.size());
        assertTrue(refused.stream().allMatch(a -> a.status() == 409 && a.contentType().startsWith("application/problem+json")
                && a.body().contains("\"out-of-stock\"")), () -> "every refusal is out-of-stock: " + refused.stream().filter(a -> a.status() != 409).findFirst()
                        .orElse(refused.get(0)) + " (" + refused.stream().filter(a -> a.status() != 409).count() + " not 409)");
        as(crowd.city().admin()).get("/api/v1/rewards/" + reward).then().statusCode(200)
                .body("stock", org.hamcrest.Matchers.equalTo(0));

        JsonPath audit = crowd.city().ledgerAudit();
        assertTrue(audit.getBoolean("balanced"), audit.prettify());
        assertTrue(audit.getBoolean("consistent"), audit.prettify());
        assertEquals(1000 + 100, audit.getInt("transfers"), "a thousand awards and a hundred holds");
        long points = crowd.tokens().stream().mapToLong(t -> crowd.city().balance(t)).sum();
        assertEquals(1000 * 100 - 100 * 30, points);
    }
}
