package city.gridcity.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A run's arithmetic, pure: every target's items (indicator value → points by the item's rule, "no data" by
 * its no-data rule), components (points earned of the points possible), total and rank within its group.
 *
 * <p>Total = Σ over components of weight × (earned / possible) × 100, two decimals half up: a scheme's total is
 * out of 100 whatever its items' points. A component whose every item was excluded counts as full
 * (nothing could be held against the target). Ranks are by total, highest first, within the group; equal
 * totals share a rank (1, 1, 3) and are listed by target code.
 */
public final class Scoring {

    private Scoring() {
    }

    /** One item's outcome; {@code score} null when the item was excluded for lack of data. */
    public record ItemResult(String component, String code, String indicator, Measure measure, BigDecimal value,
                             BigDecimal points, String rule, BigDecimal score, boolean noData) {
    }

    public record ComponentResult(String code, BigDecimal weight, BigDecimal earned, BigDecimal possible,
                                  BigDecimal weighted) {
    }

    /**
     * A target's outcome; {@code linked} are the linked deductions (关联扣分) charged to it, already taken off
     * {@code total}.
     */
    public record TargetResult(Target target, String group, List<ItemResult> items, List<ComponentResult> components,
                               BigDecimal total, int rank, List<LinkedDeductions.Line> linked) {

        public TargetResult {
            linked = linked == null ? List.of() : List.copyOf(linked);
        }

        public TargetResult(Target target, String group, List<ItemResult> items, List<ComponentResult> components,
                            BigDecimal total, int rank) {
            this(target, group, items, components, total, rank, List.of());
        }
    }

    /**
     * The linked deductions of a run, from every target's unranked outcome: the lines charged to each target, by
     * target code.
     */
    public interface Linker {
        Linker NONE = unranked -> Map.of();

        Map<String, List<LinkedDeductions.Line>> lines(List<TargetResult> unranked);
    }

    /**
     * What upheld appeals change in a run: an item's input for a target (a case left out), or an item of a target
     * waived (it scores its full points).
     */
    public interface Adjustments {
        Adjustments NONE = new Adjustments() {
        };

        default IndicatorInput input(Scheme.Item item, IndicatorInput in) {
            return in;
        }

        default boolean waived(Target t, Scheme.Item item) {
            return false;
        }
    }

    /** Scores every target with the inputs the caller builds for it. */
    public static List<TargetResult> run(Scheme scheme, List<Target> targets, Function<Target, IndicatorInput> inputs) {
        return run(scheme, targets, inputs, Adjustments.NONE);
    }

    /** Scores every target with the inputs the caller builds for it, as the adjustments change them. */
    public static List<TargetResult> run(Scheme scheme, List<Target> targets, Function<Target, IndicatorInput> inputs,
                                         Adjustments adjustments) {
        return run(scheme, targets, inputs, adjustments, Linker.NONE);
    }

    /**
     * Scores every target, then takes the linked deductions the linker finds off each target's total (floor 0), then
     * ranks.
     */
    public static List<TargetResult> run(Scheme scheme, List<Target> targets, Function<Target, IndicatorInput> inputs,
                                         Adjustments adjustments, Linker linker) {
        List<TargetResult> unranked = new ArrayList<>();
        for (Target t : targets) {
            unranked.add(score(scheme, t, inputs.apply(t), group(scheme, t), adjustments));
        }
        Map<String, List<LinkedDeductions.Line>> lines = linker.lines(unranked);
        if (!lines.isEmpty()) {
            unranked = unranked.stream().map(r -> {
                List<LinkedDeductions.Line> own = lines.getOrDefault(r.target().code(), List.of());
                return own.isEmpty() ? r : new TargetResult(r.target(), r.group(), r.items(), r.components(),
                        r.total().subtract(LinkedDeductions.total(own)).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP),
                        0, own);
            }).toList();
        }
        return rank(unranked);
    }

    static TargetResult score(Scheme scheme, Target t, IndicatorInput in, String group) {
        return score(scheme, t, in, group, Adjustments.NONE);
    }

    static TargetResult score(Scheme scheme, Target t, IndicatorInput in, String group, Adjustments adjustments) {
        List<ItemResult> items = new ArrayList<>();
        List<ComponentResult> components = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Scheme.Component c : scheme.components()) {
            BigDecimal earned = BigDecimal.ZERO;
            BigDecimal possible = BigDecimal.ZERO;
            for (Scheme.Item item : c.items()) {
                ItemResult r = item(c.code(), item, adjustments.input(item, in));
                if (adjustments.waived(t, item)) {
                    r = new ItemResult(r.component(), r.code(), r.indicator(), r.measure(), r.value(), r.points(), r.rule(),
                            item.points().setScale(2, RoundingMode.HALF_UP), r.noData());
                }
                items.add(r);
                if (r.score() != null) {
                    earned = earned.add(r.score());
                    possible = possible.add(item.points());
                }
            }
            BigDecimal share = possible.signum() == 0 ? BigDecimal.ONE
                    : earned.divide(possible, 10, RoundingMode.HALF_UP);
            BigDecimal weighted = c.weight().multiply(share).multiply(ScoringRule.HUNDRED).setScale(2, RoundingMode.HALF_UP);
            components.add(new ComponentResult(c.code(), c.weight(), earned, possible, weighted));
            total = total.add(weighted);
        }
        return new TargetResult(t, group, items, components, total.setScale(2, RoundingMode.HALF_UP), 0);
    }

    static ItemResult item(String component, Scheme.Item item, IndicatorInput in) {
        Indicator indicator = Indicator.fromWireName(item.indicator()).orElseThrow();
        Measure m = indicator.compute(in);
        BigDecimal value = m.value();
        if (value != null && item.perGridCoefficient()) {
            BigDecimal coefficient = Indicator.gridCoefficient(in.target().code(), in.shape(), in.params());
            value = coefficient.signum() == 0 ? null : value.divide(coefficient, Measure.SCALE, RoundingMode.HALF_UP);
        }
        if (value == null) {
            BigDecimal score = switch (item.noData()) {
                case FULL -> item.points().setScale(2, RoundingMode.HALF_UP);
                case ZERO -> BigDecimal.ZERO.setScale(2);
                case EXCLUDED -> null;
            };
            return new ItemResult(component, item.code(), item.indicator(), m, null, item.points(), item.rule(), score, true);
        }
        ScoringRule rule = ScoringRule.fromWireName(item.rule()).orElseThrow();
        BigDecimal score = rule.score(value, item.points(), item.params() == null ? Map.of() : item.params());
        return new ItemResult(component, item.code(), item.indicator(), m, value, item.points(), item.rule(), score, false);
    }

    /** The group a target ranks in: the first group naming it, otherwise "all". */
    static String group(Scheme scheme, Target t) {
        if (scheme.groups() != null) {
            for (Scheme.Group g : scheme.groups()) {
                if (g.members() != null && g.members().contains(t.code())) {
                    return g.code();
                }
            }
        }
        return "all";
    }

    static List<TargetResult> rank(List<TargetResult> results) {
        Map<String, List<TargetResult>> byGroup = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing((TargetResult r) -> r.group())
                        .thenComparing(TargetResult::total, Comparator.reverseOrder())
                        .thenComparing(r -> r.target().code()))
                .forEach(r -> byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        List<TargetResult> ranked = new ArrayList<>();
        for (List<TargetResult> group : byGroup.values()) {
            for (int i = 0; i < group.size(); i++) {
                TargetResult r = group.get(i);
                int rank = i > 0 && group.get(i - 1).total().compareTo(r.total()) == 0
                        ? ranked.get(ranked.size() - 1).rank() : i + 1;
                ranked.add(new TargetResult(r.target(), r.group(), r.items(), r.components(), r.total(), rank, r.linked()));
            }
        }
        return ranked;
    }
}
