package city.gridcity.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Linked deductions (关联扣分, seed 003), pure: what a departments' scheme charges a department on top of its own items
 * for deductions others received, so that a department answers with the district for the grid (同网同责) and with
 * the lead department for the item (同项同责).
 *
 * <p>The deduction an item takes for one case: the item's lost points (points − score; nothing when the item had no
 * data) divided equally among the cases behind it (the measure's inputs). A line charges {@code share} of that:
 * points = lost × share / cases, two decimals half up. E.g. a district scores 30 of 50 on 按期结案率 with 5 cases
 * behind the deduction: 4 points per case; a same-grid share of 0.5 charges the department at which one of them was
 * overdue 2.00 points.
 * <ul>
 *   <li>{@link Kind#SAME_GRID} (同网同责): for each district's deduction on the districts' scheme item, each case behind
 *   it that was overdue at a department ({@link #overdueAt}) charges that department.</li>
 *   <li>{@link Kind#SAME_ITEM} (同项同责): for each department's deduction on this scheme's item, each case behind it
 *   that went through a whistle round (吹哨) led by that department charges every cooperating department of the round
 *   (the participants but the lead).</li>
 * </ul>
 * A department's total is its items' total less the points of all its lines, floor 0.
 */
public final class LinkedDeductions {

    public enum Kind {
        SAME_GRID, SAME_ITEM
    }

    /**
     * The indicators whose deductions can be linked: those whose inputs are the cases behind the deduction (the
     * low-case community rate lists communities; change, contribution and density rates list nothing).
     */
    public static final Set<Indicator> LINKABLE = EnumSet.complementOf(EnumSet.of(Indicator.LOW_CASE_COMMUNITY_RATE,
            Indicator.CHANGE_RATE, Indicator.CONTRIBUTION_RATE, Indicator.MAX_DENSITY_CHANGE_RATE));

    /**
     * One line of a department's score card: the rule, the case, the target it came from (a district, or the lead
     * department) and its item, that target's deduction for the case, the share and the points charged.
     */
    public record Line(String rule, String name, Kind kind, String caseNumber, String from, String fromItem,
                       BigDecimal fromDeduction, BigDecimal share, BigDecimal points) {
    }

    /** What an item deducted from a target: the lost points and the cases behind them, in order. */
    public record Deduction(String target, String item, BigDecimal lost, List<String> cases) {

        static Deduction of(String target, Scoring.ItemResult r) {
            BigDecimal lost = r.score() == null ? BigDecimal.ZERO : r.points().subtract(r.score()).max(BigDecimal.ZERO);
            return new Deduction(target, r.code(), lost, r.measure() == null ? List.of() : r.measure().inputs());
        }

        BigDecimal perCase() {
            return lost.divide(BigDecimal.valueOf(cases.size()), Measure.SCALE, RoundingMode.HALF_UP);
        }

        BigDecimal charged(BigDecimal share) {
            return lost.multiply(share).divide(BigDecimal.valueOf(cases.size()), 2, RoundingMode.HALF_UP);
        }
    }

    private LinkedDeductions() {
    }

    /**
     * Whether the case's disposal was overdue at its responsible department by the end of the period: the disposal
     * phase ended late, or it is still running past its deadline.
     */
    public static boolean overdueAt(CaseRow r, Instant periodEnd) {
        if (r.responsibleDepartment() == null || r.disposalDeadline() == null) {
            return false;
        }
        return Boolean.FALSE.equals(r.disposalOnTime())
                || r.disposalOnTime() == null && r.disposalDeadline().isBefore(periodEnd);
    }

    /** The same-grid lines of the rule, by department, from the districts' deductions on the rule's item. */
    public static Map<String, List<Line>> sameGrid(Scheme.LinkedRule rule, List<Deduction> districts,
                                                   Map<String, CaseRow> rows, Instant periodEnd) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        for (Deduction d : districts) {
            if (d.lost().signum() == 0 || d.cases().isEmpty()) {
                continue;
            }
            for (String number : d.cases()) {
                CaseRow r = rows.get(number);
                if (r != null && overdueAt(r, periodEnd)) {
                    lines.computeIfAbsent(r.responsibleDepartment(), k -> new ArrayList<>()).add(line(rule, number, d));
                }
            }
        }
        return lines;
    }

    /** The same-item lines of the rule, by cooperating department, from the lead departments' deductions on the item. */
    public static Map<String, List<Line>> sameItem(Scheme.LinkedRule rule, List<Deduction> departments,
                                                   Map<String, CaseRow> rows) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        for (Deduction d : departments) {
            if (d.lost().signum() == 0 || d.cases().isEmpty()) {
                continue;
            }
            for (String number : d.cases()) {
                CaseRow r = rows.get(number);
                if (r == null || r.participants().isEmpty() || !d.target().equals(r.responsibleDepartment())) {
                    continue;
                }
                for (String cooperating : r.participants()) {
                    if (!cooperating.equals(d.target())) {
                        lines.computeIfAbsent(cooperating, k -> new ArrayList<>()).add(line(rule, number, d));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * The run's linker for the rules: same-grid lines from the districts' deductions given per rule code, same-item
     * lines from the run's own items; a line {@code excluded} says an upheld appeal took away is left out.
     */
    public static Scoring.Linker linker(List<Scheme.LinkedRule> rules, Map<String, List<Deduction>> fromDistricts,
                                        Map<String, CaseRow> rows, Instant periodEnd,
                                        BiPredicate<String, Line> excluded) {
        return unranked -> {
            Map<String, List<Line>> all = new LinkedHashMap<>();
            for (Scheme.LinkedRule rule : rules) {
                Map<String, List<Line>> lines = rule.kind() == Kind.SAME_GRID
                        ? sameGrid(rule, fromDistricts.getOrDefault(rule.code(), List.of()), rows, periodEnd)
                        : sameItem(rule, unranked.stream().flatMap(t -> t.items().stream()
                                .filter(i -> i.code().equals(rule.item()))
                                .map(i -> Deduction.of(t.target().code(), i))).toList(), rows);
                lines.forEach((target, ls) -> ls.stream().filter(l -> !excluded.test(target, l))
                        .forEach(l -> all.computeIfAbsent(target, k -> new ArrayList<>()).add(l)));
            }
            return all;
        };
    }

    /** The points of the lines together. */
    public static BigDecimal total(List<Line> lines) {
        return lines.stream().map(Line::points).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    private static Line line(Scheme.LinkedRule rule, String number, Deduction d) {
        return new Line(rule.code(), rule.name(), rule.kind(), number, d.target(), d.item(), d.perCase(), rule.share(),
                d.charged(rule.share()));
    }
}
