package city.gridcity.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring rules an item names (strategies chosen by data): each turns an indicator's value into points
 * between 0 and the item's points, with its own parameters ({@code params}, named in the scheme). The
 * inverse of each is for lower-is-better values. Rates are fractions in [0, 1]; "percentage point" below
 * means 0.01 of a rate. Scores have two decimals, half up.
 */
public enum ScoringRule {
    /** Full points at or above {@code threshold}, minus {@code k} points per percentage point below, floor 0. */
    THRESHOLD_LINEAR("threshold-linear", List.of("threshold", "k")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            BigDecimal below = p.get("threshold").subtract(v).max(BigDecimal.ZERO).multiply(HUNDRED);
            return points.subtract(p.get("k").multiply(below));
        }
    },
    /** Full points at or below {@code threshold}, minus {@code k} points per percentage point above, floor 0. */
    THRESHOLD_LINEAR_INVERSE("threshold-linear-inverse", List.of("threshold", "k")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            BigDecimal above = v.subtract(p.get("threshold")).max(BigDecimal.ZERO).multiply(HUNDRED);
            return points.subtract(p.get("k").multiply(above));
        }
    },
    /** value × points (a rate of 0.9 earns 90 % of the points). */
    PROPORTIONAL("proportional", List.of()) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            return v.multiply(points);
        }
    },
    /** (1 − value) × points. */
    PROPORTIONAL_INVERSE("proportional-inverse", List.of()) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            return BigDecimal.ONE.subtract(v).multiply(points);
        }
    },
    /** points − {@code k} × count, floor 0 (a count is lower-is-better already). */
    DEDUCTION_PER_COUNT("deduction-per-count", List.of("k")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            return points.subtract(p.get("k").multiply(v));
        }
    },
    /** {@code k} × count, capped at the points (for higher-is-better counts). */
    DEDUCTION_PER_COUNT_INVERSE("deduction-per-count-inverse", List.of("k")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            return p.get("k").multiply(v);
        }
    },
    /**
     * Bands: {@code at1}, {@code points1}, {@code at2}, {@code points2}, ... the points of the highest band
     * whose lower bound the value reaches; 0 below every band.
     */
    BANDS("bands", List.of("at1", "points1")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            BigDecimal best = BigDecimal.ZERO;
            BigDecimal bestAt = null;
            for (int i = 1; p.containsKey("at" + i); i++) {
                BigDecimal at = p.get("at" + i);
                if (v.compareTo(at) >= 0 && (bestAt == null || at.compareTo(bestAt) > 0)) {
                    bestAt = at;
                    best = p.get("points" + i);
                }
            }
            return best;
        }
    },
    /** Bands by upper bound: the points of the lowest band whose {@code at} the value does not exceed; 0 above every band. */
    BANDS_INVERSE("bands-inverse", List.of("at1", "points1")) {
        @Override
        BigDecimal raw(BigDecimal v, BigDecimal points, Map<String, BigDecimal> p) {
            BigDecimal best = BigDecimal.ZERO;
            BigDecimal bestAt = null;
            for (int i = 1; p.containsKey("at" + i); i++) {
                BigDecimal at = p.get("at" + i);
                if (v.compareTo(at) <= 0 && (bestAt == null || at.compareTo(bestAt) < 0)) {
                    bestAt = at;
                    best = p.get("points" + i);
                }
            }
            return best;
        }
    };

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String wireName;
    private final List<String> required;

    ScoringRule(String wireName, List<String> required) {
        this.wireName = wireName;
        this.required = required;
    }

    abstract BigDecimal raw(BigDecimal value, BigDecimal points, Map<String, BigDecimal> params);

    /** The points the value earns, between 0 and {@code points}, two decimals. */
    public BigDecimal score(BigDecimal value, BigDecimal points, Map<String, BigDecimal> params) {
        return raw(value, points, params).max(BigDecimal.ZERO).min(points).setScale(2, RoundingMode.HALF_UP);
    }

    public String wireName() {
        return wireName;
    }

    /** What is wrong with the parameters (each a "name: problem"), empty when they suit the rule. */
    public List<String> problems(Map<String, BigDecimal> params) {
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            if (!params.containsKey(name)) {
                problems.add(name + ": the rule " + wireName + " needs it");
            }
        }
        if (this == BANDS || this == BANDS_INVERSE) {
            for (int i = 1; params.containsKey("at" + i); i++) {
                if (!params.containsKey("points" + i)) {
                    problems.add("points" + i + ": every band atN needs its pointsN");
                }
            }
        }
        return problems;
    }

    public static Optional<ScoringRule> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
