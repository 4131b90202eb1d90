package city.gridcity.assessment;

import city.gridcity.shared.problem.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What makes a scheme or an overlay acceptable, as a list of problems each naming its field (JSON paths
 * like {@code components[0].items[2].indicator}): known indicators and rules with their parameters,
 * positive points, a no-data rule, unique codes, weights in [0, 1] that add up to 1 where the scheme says so.
 */
public final class SchemeRules {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.0001");

    private SchemeRules() {
    }

    public static List<Problem.FieldError> problems(Scheme s) {
        return problems(s, null);
    }

    /**
     * The scheme's problems, its linked deductions checked against the other schemes of the city too ({@code others}:
     * a scheme by code, as it will be in force; null checks only what the scheme itself says).
     */
    public static List<Problem.FieldError> problems(Scheme s, Function<String, Optional<Scheme>> others) {
        List<Problem.FieldError> errors = new ArrayList<>();
        code(errors, "code", s.code());
        if (s.name() == null || s.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "give the scheme a name"));
        }
        if (s.targets() == null) {
            errors.add(new Problem.FieldError("targets", "say who is assessed: district, street, community, department or post"));
        }
        if (s.components() == null || s.components().isEmpty()) {
            errors.add(new Problem.FieldError("components", "a scheme needs at least one component with items"));
        } else {
            components(errors, "components", s.components(), new HashSet<>());
        }
        if (s.groups() != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < s.groups().size(); i++) {
                Scheme.Group g = s.groups().get(i);
                code(errors, "groups[" + i + "].code", g.code());
                if (g.members() != null) {
                    for (String m : g.members()) {
                        if (!seen.add(m)) {
                            errors.add(new Problem.FieldError("groups[" + i + "].members",
                                    "'" + m + "' is in more than one group; a target ranks in one group"));
                        }
                    }
                }
            }
        }
        publication(errors, s.publication());
        linked(errors, s, others);
        if (errors.isEmpty()) {
            weights(errors, "components", s);
        }
        return errors;
    }

    /** The overlay's own problems and those of the composite it makes with the baseline. */
    public static List<Problem.FieldError> problems(Scheme.Overlay o, Scheme baseline) {
        List<Problem.FieldError> errors = new ArrayList<>();
        code(errors, "code", o.code());
        if (o.name() == null || o.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "give the overlay a name"));
        }
        if (baseline == null) {
            errors.add(new Problem.FieldError("baseline", "no scheme '" + o.baseline() + "' of this city to stack the overlay on"));
            return errors;
        }
        Set<String> known = new HashSet<>();
        baseline.components().forEach(c -> known.add(c.code()));
        Set<String> codes = new HashSet<>();
        baseline.components().forEach(c -> c.items().forEach(i -> codes.add(i.code())));
        for (int i = 0; i < o.items().size(); i++) {
            Scheme.AddedItem a = o.items().get(i);
            if (!known.contains(a.component())) {
                errors.add(new Problem.FieldError("items[" + i + "].component",
                        "the baseline has no component '" + a.component() + "'; use one of " + known));
            }
            item(errors, "items[" + i + "].item", a.item(), codes);
        }
        Set<String> own = new HashSet<>(known);
        components(errors, "components", o.components(), codes);
        for (int i = 0; i < o.components().size(); i++) {
            if (!own.add(o.components().get(i).code())) {
                errors.add(new Problem.FieldError("components[" + i + "].code", "the baseline already has this component"));
            }
        }
        for (String c : o.weights().keySet()) {
            if (!own.contains(c)) {
                errors.add(new Problem.FieldError("weights." + c, "no component '" + c + "' in the composite"));
            }
        }
        if (errors.isEmpty()) {
            weights(errors, "weights", baseline.with(o));
        }
        return errors;
    }

    private static void components(List<Problem.FieldError> errors, String path, List<Scheme.Component> components,
                                   Set<String> itemCodes) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < components.size(); c++) {
            Scheme.Component comp = components.get(c);
            String at = path + "[" + c + "]";
            code(errors, at + ".code", comp.code());
            if (comp.code() != null && !seen.add(comp.code())) {
                errors.add(new Problem.FieldError(at + ".code", "another component has the code '" + comp.code() + "'"));
            }
            if (comp.weight() == null || comp.weight().signum() < 0 || comp.weight().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new Problem.FieldError(at + ".weight", "give a weight from 0 to 1"));
            }
            if (comp.items() == null || comp.items().isEmpty()) {
                errors.add(new Problem.FieldError(at + ".items", "a component needs at least one item"));
                continue;
            }
            for (int i = 0; i < comp.items().size(); i++) {
                item(errors, at + ".items[" + i + "]", comp.items().get(i), itemCodes);
            }
        }
    }

    private static void item(List<Problem.FieldError> errors, String at, Scheme.Item item, Set<String> codes) {
        if (item == null) {
            errors.add(new Problem.FieldError(at, "give the item"));
            return;
        }
        code(errors, at + ".code", item.code());
        if (item.code() != null && !codes.add(item.code())) {
            errors.add(new Problem.FieldError(at + ".code", "another item has the code '" + item.code() + "'"));
        }
        if (item.indicator() == null || Indicator.fromWireName(item.indicator()).isEmpty()) {
            errors.add(new Problem.FieldError(at + ".indicator", "unknown indicator '" + item.indicator() + "'; use one of "
                    + java.util.Arrays.stream(Indicator.values()).map(Indicator::wireName).toList()));
        }
        if (item.points() == null || item.points().signum() <= 0) {
            errors.add(new Problem.FieldError(at + ".points", "give the item's points, more than 0"));
        }
        if (item.noData() == null) {
            errors.add(new Problem.FieldError(at + ".noData", "say how no data scores: full, zero or excluded"));
        }
        var rule = item.rule() == null ? java.util.Optional.<ScoringRule>empty() : ScoringRule.fromWireName(item.rule());
        if (rule.isEmpty()) {
            errors.add(new Problem.FieldError(at + ".rule", "unknown scoring rule '" + item.rule() + "'; use one of "
                    + java.util.Arrays.stream(ScoringRule.values()).map(ScoringRule::wireName).toList()));
        } else {
            Map<String, BigDecimal> params = item.params() == null ? Map.of() : item.params();
            rule.get().problems(params).forEach(p -> errors.add(new Problem.FieldError(at + ".params." + p.substring(0,
                    p.indexOf(':')), p.substring(p.indexOf(':') + 2))));
        }
    }

    private static void weights(List<Problem.FieldError> errors, String field, Scheme s) {
        if (!s.weightsMustAddUp()) {
            return;
        }
        BigDecimal sum = s.components().stream().map(Scheme.Component::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.subtract(BigDecimal.ONE).abs().compareTo(TOLERANCE) > 0) {
            errors.add(new Problem.FieldError(field, "the components' weights add up to " + sum.stripTrailingZeros()
                    .toPlainString() + ", not 1; this scheme requires them to"));
        }
    }

    private static void code(List<Problem.FieldError> errors, String field, String code) {
        if (code == null || !code.matches("^[a-z0-9][a-z0-9-]{0,39}$")) {
            errors.add(new Problem.FieldError(field, "give a code of 1-40 lower-case letters, digits and hyphens"));
        }
    }

    /**
     * Linked deductions: only a departments' scheme has them; each a unique code, a kind, a share in [0, 1], an item of
     * an indicator whose inputs are cases: of this scheme (same item), or of a districts' scheme of the city (same grid).
     */
    private static void linked(List<Problem.FieldError> errors, Scheme s, Function<String, Optional<Scheme>> others) {
        if (s.linked().isEmpty()) {
            return;
        }
        if (s.targets() != Target.Kind.DEPARTMENT) {
            errors.add(new Problem.FieldError("linked", "linked deductions charge departments; this scheme assesses "
                    + s.targets()));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.linked().size(); i++) {
            Scheme.LinkedRule r = s.linked().get(i);
            String at = "linked[" + i + "]";
            if (r == null) {
                errors.add(new Problem.FieldError(at, "give the linked deduction"));
                continue;
            }
            code(errors, at + ".code", r.code());
            if (r.code() != null && !seen.add(r.code())) {
                errors.add(new Problem.FieldError(at + ".code", "another linked deduction has the code '" + r.code() + "'"));
            }
            if (r.code() != null && s.components() != null && s.components().stream().filter(c -> c.items() != null)
                    .flatMap(c -> c.items().stream()).anyMatch(it -> it != null && r.code().equals(it.code()))) {
                errors.add(new Problem.FieldError(at + ".code", "an item has the code '" + r.code()
                        + "'; an appeal names a linked deduction by its code, so it must differ from the items'"));
            }
            if (r.share() == null || r.share().signum() < 0 || r.share().compareTo(BigDecimal.ONE) > 0) {
                errors.add(new Problem.FieldError(at + ".share", "give the share charged, from 0 to 1"
                        + (r.share() == null ? "" : ", not " + r.share().stripTrailingZeros().toPlainString())));
            }
            if (r.kind() == null) {
                errors.add(new Problem.FieldError(at + ".kind", "say which: SAME_GRID (同网同责) or SAME_ITEM (同项同责)"));
                continue;
            }
            Scheme source;
            String where;
            if (r.kind() == LinkedDeductions.Kind.SAME_ITEM) {
                if (r.scheme() != null && !r.scheme().equals(s.code())) {
                    errors.add(new Problem.FieldError(at + ".scheme", "a same-item deduction reads this scheme's own item; "
                            + "leave scheme out"));
                }
                source = s;
                where = "this scheme";
            } else {
                if (r.scheme() == null || r.scheme().isBlank()) {
                    errors.add(new Problem.FieldError(at + ".scheme", "name the districts' scheme whose deduction is shared"));
                    continue;
                }
                if (others == null) {
                    continue;
                }
                Optional<Scheme> other = others.apply(r.scheme());
                if (other.isEmpty()) {
                    errors.add(new Problem.FieldError(at + ".scheme", "no scheme '" + r.scheme() + "' of this city is in "
                            + "force on the version's date; choose a districts' scheme in force by then"));
                    continue;
                }
                if (other.get().targets() != Target.Kind.DISTRICT) {
                    errors.add(new Problem.FieldError(at + ".scheme", "scheme '" + r.scheme() + "' assesses "
                            + other.get().targets() + "; a same-grid deduction shares a districts' scheme's"));
                    continue;
                }
                source = other.get();
                where = "scheme '" + r.scheme() + "'";
            }
            Optional<Scheme.Item> item = source.components() == null ? Optional.empty() : source.components().stream()
                    .filter(c -> c.items() != null).flatMap(c -> c.items().stream())
                    .filter(it -> it != null && it.code() != null && it.code().equals(r.item())).findFirst();
            if (item.isEmpty()) {
                errors.add(new Problem.FieldError(at + ".item", "unknown item '" + r.item() + "' of " + where));
            } else if (Indicator.fromWireName(item.get().indicator()).filter(LinkedDeductions.LINKABLE::contains).isEmpty()) {
                errors.add(new Problem.FieldError(at + ".item", "item '" + r.item() + "' (" + item.get().indicator()
                        + ") lists no cases behind its deduction; link an item of one of "
                        + LinkedDeductions.LINKABLE.stream().map(Indicator::wireName).toList()));
            }
        }
    }

    private static void publication(List<Problem.FieldError> errors, Scheme.Publication p) {
        if (p == null) {
            return;
        }
        if (p.appealWindowDays() != null && (p.appealWindowDays() < 0 || p.appealWindowDays() > 60)) {
            errors.add(new Problem.FieldError("publication.appealWindowDays",
                    "give 0 to 60 working days, not " + p.appealWindowDays()));
        }
        for (int i = 0; i < p.rules().size(); i++) {
            Scheme.OutcomeRule r = p.rules().get(i);
            String at = "publication.rules[" + i + "]";
            if (r.outcome() == null || !r.outcome().matches("[A-Z][A-Z_]{1,31}")) {
                errors.add(new Problem.FieldError(at + ".outcome", "name the outcome in capitals, e.g. COMMEND or ACCOUNT"));
            }
            if (r.rankAtMost() == null && r.totalBelow() == null && r.last() == null) {
                errors.add(new Problem.FieldError(at, "give at least one condition: rankAtMost, totalBelow or last"));
            }
            if (r.rankAtMost() != null && r.rankAtMost() < 1) {
                errors.add(new Problem.FieldError(at + ".rankAtMost", "a rank starts at 1"));
            }
        }
    }
}
