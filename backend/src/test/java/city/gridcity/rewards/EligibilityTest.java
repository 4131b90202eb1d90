package city.gridcity.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.points.PointRules;
import city.gridcity.shared.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether a resident may hold a reward, and why not: worked examples of each reason and of their order. */
class EligibilityTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final Optional<PointRules> RULES = Optional.of(new PointRules(new PointRules.Report(10, false, null, 1),
            2, 3, 5, null, List.of(new PointRules.Level(0, "新手市民", "Newcomer"), new PointRules.Level(20, "热心市民",
            "Active resident"), new PointRules.Level(100, "城市合伙人", "City partner")), null, null, 48));

    /** A reward of 30 points, 5 in stock, no limit, for every level, open at any time. */
    private static Eligibility.Terms reward() {
        return new Eligibility.Terms("公交卡充值", "Bus card top-up", 30, 5, null, 0, true, null, null);
    }

    private static Eligibility.Reason why(Eligibility.Terms terms, Eligibility.Holder holder) {
        return Eligibility.check(terms, holder, RULES, NOW).map(Eligibility.Refusal::reason).orElse(null);
    }

    @Test
    void a_resident_with_the_points_may_hold_an_open_reward_in_stock() {
        assertEquals(Optional.empty(), Eligibility.check(reward(), new Eligibility.Holder(30, 30, 0), RULES, NOW));
    }

    @Test
    void twelve_points_for_a_thirty_point_reward_are_eighteen_short() {
        Eligibility.Refusal refusal = Eligibility.check(reward(), new Eligibility.Holder(12, 40, 0), RULES, NOW).orElseThrow();
        assertEquals(Eligibility.Reason.NOT_ENOUGH_POINTS, refusal.reason());
        assertEquals(18, refusal.pointsShort());
        ProblemException problem = refusal.problem("公交卡充值 · Bus card top-up");
        assertEquals(409, problem.status());
        assertEquals("not-enough-points", problem.code());
        assertTrue(problem.getMessage().contains("18 more"), problem.getMessage());
    }

    @Test
    void a_reward_for_city_partners_names_the_level_needed_and_the_residents_own() {
        Eligibility.Terms forPartners = new Eligibility.Terms("茶", "Tea", 30, 5, null, 2, true, null, null);
        Eligibility.Refusal refusal = Eligibility.check(forPartners, new Eligibility.Holder(50, 50, 0), RULES, NOW)
                .orElseThrow();
        assertEquals(Eligibility.Reason.LEVEL_TOO_LOW, refusal.reason());
        assertEquals("城市合伙人", refusal.levelNeeded().nameZh());
        assertEquals("热心市民", refusal.levelHeld().nameZh());
        assertTrue(refusal.problem("茶 · Tea").getMessage().contains("City partner"));
    }

    @Test
    void the_limit_counts_what_the_resident_holds_or_picked_up() {
        Eligibility.Terms once = new Eligibility.Terms("茶", "Tea", 30, 5, 1, 0, true, null, null);
        assertEquals(null, why(once, new Eligibility.Holder(100, 100, 0)));
        assertEquals(Eligibility.Reason.LIMIT_REACHED, why(once, new Eligibility.Holder(100, 100, 1)));
    }

    @Test
    void a_window_not_yet_open_or_already_closed_or_a_withdrawn_reward_is_refused_whatever_the_points() {
        Eligibility.Holder rich = new Eligibility.Holder(1000, 1000, 0);
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        assertEquals(Eligibility.Reason.NOT_YET_AVAILABLE,
                why(new Eligibility.Terms("茶", "Tea", 30, 5, null, 0, true, tomorrow, null), rich));
        assertEquals(Eligibility.Reason.NO_LONGER_AVAILABLE,
                why(new Eligibility.Terms("茶", "Tea", 30, 5, null, 0, true, null, yesterday), rich));
        assertEquals(Eligibility.Reason.NO_LONGER_AVAILABLE,
                why(new Eligibility.Terms("茶", "Tea", 30, 5, null, 0, true, null, NOW), rich), "until is exclusive");
        assertEquals(null, why(new Eligibility.Terms("茶", "Tea", 30, 5, null, 0, true, NOW, tomorrow), rich),
                "from is inclusive");
        assertEquals(Eligibility.Reason.NO_LONGER_AVAILABLE,
                why(new Eligibility.Terms("茶", "Tea", 30, 5, null, 0, false, null, null), rich));
    }

    @Test
    void an_empty_stock_is_said_last_and_a_city_without_rules_refuses_first() {
        Eligibility.Terms gone = new Eligibility.Terms("茶", "Tea", 30, 0, null, 0, true, null, null);
        assertEquals(Eligibility.Reason.OUT_OF_STOCK, why(gone, new Eligibility.Holder(100, 100, 0)));
        assertEquals(Eligibility.Reason.NOT_ENOUGH_POINTS, why(gone, new Eligibility.Holder(10, 100, 0)),
                "the hold's order: points before stock");
        assertEquals(Eligibility.Reason.NO_PROGRAMME, Eligibility.check(gone, new Eligibility.Holder(100, 100, 0),
                Optional.empty(), NOW).orElseThrow().reason());
    }
}
