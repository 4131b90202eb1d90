package city.gridcity.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One worked example per scoring rule and its inverse (points out of 50 unless said). */
class ScoringRuleTest {

    static final BigDecimal FIFTY = BigDecimal.valueOf(50);

    static BigDecimal score(ScoringRule rule, String value, Map<String, BigDecimal> params) {
        return rule.score(new BigDecimal(value), FIFTY, params);
    }

    static Map<String, BigDecimal> p(Object... pairs) {
        java.util.Map<String, BigDecimal> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], new BigDecimal(pairs[i + 1].toString()));
        }
        return m;
    }

    @Test
    void threshold_linear_gives_full_points_at_the_threshold_and_takes_k_per_percentage_point_below() {
        // 按期结案率 ≥ 70 % → 50 points, −1 per point below: 65 % → 45; 80 % → 50; 10 % → 0 (floor)
        Map<String, BigDecimal> rule = p("threshold", "0.70", "k", "1");
        assertEquals(new BigDecimal("45.00"), score(ScoringRule.THRESHOLD_LINEAR, "0.65", rule));
        assertEquals(new BigDecimal("50.00"), score(ScoringRule.THRESHOLD_LINEAR, "0.80", rule));
        assertEquals(new BigDecimal("0.00"), score(ScoringRule.THRESHOLD_LINEAR, "0.10", rule));
        assertEquals(new BigDecimal("47.50"), score(ScoringRule.THRESHOLD_LINEAR, "0.675", rule), "2.5 points below");
    }

    @Test
    void threshold_linear_inverse_takes_k_per_percentage_point_above_the_threshold() {
        // 返工率 ≤ 5 % full, −2 per point above: 8 % → 50 − 6 = 44
        Map<String, BigDecimal> rule = p("threshold", "0.05", "k", "2");
        assertEquals(new BigDecimal("44.00"), score(ScoringRule.THRESHOLD_LINEAR_INVERSE, "0.08", rule));
        assertEquals(new BigDecimal("50.00"), score(ScoringRule.THRESHOLD_LINEAR_INVERSE, "0.03", rule));
    }

    @Test
    void proportional_gives_the_value_times_the_points_and_its_inverse_the_rest() {
        assertEquals(new BigDecimal("45.00"), score(ScoringRule.PROPORTIONAL, "0.90", Map.of()));
        assertEquals(new BigDecimal("5.00"), score(ScoringRule.PROPORTIONAL_INVERSE, "0.90", Map.of()));
    }

    @Test
    void deduction_per_count_takes_k_per_count_down_to_zero_and_its_inverse_adds_k_per_count_up_to_the_points() {
        // 暗访 problems: 3 found, 2 points each → 44; 30 found → 0
        assertEquals(new BigDecimal("44.00"), score(ScoringRule.DEDUCTION_PER_COUNT, "3", p("k", "2")));
        assertEquals(new BigDecimal("0.00"), score(ScoringRule.DEDUCTION_PER_COUNT, "30", p("k", "2")));
        // 基本案件数 at 0.1 point each: 120 → 12; 900 → capped at 50
        assertEquals(new BigDecimal("12.00"), score(ScoringRule.DEDUCTION_PER_COUNT_INVERSE, "120", p("k", "0.1")));
        assertEquals(new BigDecimal("50.00"), score(ScoringRule.DEDUCTION_PER_COUNT_INVERSE, "900", p("k", "0.1")));
    }

    @Test
    void bands_give_the_points_of_the_highest_band_reached_and_inverse_bands_of_the_lowest_bound_not_exceeded() {
        // ≥ 95 % → 50, ≥ 90 % → 40, ≥ 80 % → 20, below → 0
        Map<String, BigDecimal> bands = p("at1", "0.95", "points1", "50", "at2", "0.90", "points2", "40",
                "at3", "0.80", "points3", "20");
        assertEquals(new BigDecimal("40.00"), score(ScoringRule.BANDS, "0.92", bands));
        assertEquals(new BigDecimal("50.00"), score(ScoringRule.BANDS, "0.95", bands));
        assertEquals(new BigDecimal("0.00"), score(ScoringRule.BANDS, "0.79", bands));
        // 漏报率 ≤ 1 % → 50, ≤ 3 % → 30, ≤ 5 % → 10, above → 0
        Map<String, BigDecimal> inverse = p("at1", "0.01", "points1", "50", "at2", "0.03", "points2", "30",
                "at3", "0.05", "points3", "10");
        assertEquals(new BigDecimal("30.00"), score(ScoringRule.BANDS_INVERSE, "0.02", inverse));
        assertEquals(new BigDecimal("0.00"), score(ScoringRule.BANDS_INVERSE, "0.06", inverse));
    }

    @Test
    void a_rule_names_the_parameters_it_lacks() {
        assertEquals(List.of("k: the rule threshold-linear needs it"),
                ScoringRule.THRESHOLD_LINEAR.problems(p("threshold", "0.7")));
        assertEquals(List.of("points2: every band atN needs its pointsN"),
                ScoringRule.BANDS.problems(p("at1", "0.9", "points1", "10", "at2", "0.8")));
    }
}
