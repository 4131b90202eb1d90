package city.gridcity.assessment;

import city.gridcity.calendar.CalendarService;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheme editor's changes (the console's 方案编辑): each takes the newest version of a scheme or overlay, changes
 * one thing (an item added, changed or removed, the components' weights, the ranking groups, a linked deduction added,
 * changed or removed) and stores the result as a new version through {@link Schemes}, checked as the API checks it,
 * from a date that is not in the past (today or later in the city's time zone: an edit does not rewrite assessed
 * periods, so a run of a past period computed again reads what it read). The API's whole versions
 * ({@link #putScheme}) follow the same rule for every version after a scheme's first; the tenant pack, loaded once
 * when a city is created (no run exists yet), stores through {@link Schemes} and may date its versions back.
 * <p>
 * Problems name the fields of the edit: {@code effectiveFrom}; {@code item.<field>} for the edited item
 * ({@code item.indicator}, {@code item.params.k}...); {@code linked.<field>} for the edited linked deduction;
 * {@code weights.<component>} and {@code weights} (the sum) for weights; {@code groups[i].<field>} for groups; others
 * as {@link SchemeRules} names them. Nothing is stored then. A refusal is a 400, or a 422 ({@value #PAST_CODE}) when
 * the date in the past is its only problem.
 * Tenant: the city selected for the request.
 */
@ApplicationScoped
public class SchemeEdits {

    /** How a date-in-the-past problem begins (the field is {@code effectiveFrom}). */
    static final String PAST = "is in the past";
    /** The problem type code of a version refused only for its date in the past. */
    public static final String PAST_CODE = "effective-from-in-past";

    private final Schemes schemes;
    private final CalendarService calendar;

    SchemeEdits(Schemes schemes, CalendarService calendar) {
        this.schemes = schemes;
        this.calendar = calendar;
    }

    /** The newest version of a scheme or overlay (the one the editor shows and changes). */
    @Transactional
    public Optional<Schemes.Version> newest(SchemeVersion.Kind kind, String code) {
        List<Schemes.Version> all = schemes.versions(kind, code);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Adds an item to the component {@code component} ({@code original} null) or changes the item whose code is
     * {@code original} (moving it when the component differs), in a new version from {@code from}.
     *
     * @throws ProblemException 404 when the scheme or overlay does not exist; 400 naming the fields at fault
     */
    @Transactional
    public Schemes.Version item(SchemeVersion.Kind kind, String code, LocalDate from, String component, String original,
                                Scheme.Item item, String by) {
        return item(kind, code, from, component, original, item, List.of(), by);
    }

    /**
     * As {@link #item(SchemeVersion.Kind, String, LocalDate, String, String, Scheme.Item, String)}, with the problems
     * found reading the form ({@code unread}: a word where a number belongs...): when there are any, nothing is stored
     * and they are reported with every other problem of the edit.
     */
    @Transactional
    public Schemes.Version item(SchemeVersion.Kind kind, String code, LocalDate from, String component, String original,
                                Scheme.Item item, List<Problem.FieldError> unread, String by) {

        if (kind == SchemeVersion.Kind.SCHEME) {
            Scheme s = scheme(code);
            List<Scheme.Component> comps = new ArrayList<>(s.components());
            int target = indexOf(comps, component);
            if (target < 0) {
                throw ProblemException.invalid("item.component", "no component '" + component + "' in the scheme");
            }
            int[] at = locate(comps, original);
            if (original != null && at == null) {
                throw ProblemException.notFound("Item '" + original + "' of scheme '" + code + "'");
            }
            String path = place(comps, at, target, item, "components");
            Scheme changed = withComponents(s, comps);
            return saveScheme(code, from, changed, by, path, unread);
        }
        Scheme.Overlay o = overlay(code);
        List<Scheme.AddedItem> added = new ArrayList<>(o.items());
        List<Scheme.Component> own = new ArrayList<>(o.components());
        int ownTarget = indexOf(own, component);
        int addedAt = -1;
        int[] ownAt = null;
        if (original != null) {
            for (int i = 0; i < added.size(); i++) {
                if (added.get(i).item() != null && original.equals(added.get(i).item().code())) {
                    addedAt = i;
                }
            }
            ownAt = locate(own, original);
            if (addedAt < 0 && ownAt == null) {
                throw ProblemException.notFound("Item '" + original + "' of overlay '" + code + "'");
            }
        }
        String path;
        if (ownTarget >= 0) {
            if (addedAt >= 0) {
                added.remove(addedAt);
            }
            path = place(own, ownAt, ownTarget, item, "components");
        } else {
            if (ownAt != null) {
                removeAt(own, ownAt);
            }
            Scheme.AddedItem a = new Scheme.AddedItem(component, item);
            if (addedAt >= 0 && Objects.equals(added.get(addedAt).component(), component)) {
                added.set(addedAt, a);
            } else {
                if (addedAt >= 0) {
                    added.remove(addedAt);
                }
                added.add(a);
                addedAt = added.size() - 1;
            }
            path = "items[" + addedAt + "]";
        }
        Scheme.Overlay changed = new Scheme.Overlay(o.code(), o.name(), o.baseline(), added, own, o.weights());
        List<Problem.FieldError> errors = new ArrayList<>(unread);
        errors.addAll(dateProblems(from));
        return saveOverlay(code, from, changed, by, errors, path, ownTarget >= 0 ? null : "items[" + addedAt + "].item");
    }

    /**
     * Removes the item {@code itemCode}, in a new version from {@code from}.
     *
     * @throws ProblemException 404 when the scheme, overlay or item does not exist; 400 when the rest is not a valid
     *                          scheme (a component left without items) or the date is in the past
     */
    @Transactional
    public Schemes.Version removeItem(SchemeVersion.Kind kind, String code, LocalDate from, String itemCode, String by) {
        if (kind == SchemeVersion.Kind.SCHEME) {
            Scheme s = scheme(code);
            List<Scheme.Component> comps = new ArrayList<>(s.components());
            int[] at = locate(comps, itemCode);
            if (at == null) {
                throw ProblemException.notFound("Item '" + itemCode + "' of scheme '" + code + "'");
            }
            removeAt(comps, at);
            return saveScheme(code, from, withComponents(s, comps), by, null, List.of());
        }
        Scheme.Overlay o = overlay(code);
        List<Scheme.AddedItem> added = new ArrayList<>(o.items());
        List<Scheme.Component> own = new ArrayList<>(o.components());
        boolean removed = added.removeIf(a -> a.item() != null && itemCode.equals(a.item().code()));
        int[] at = locate(own, itemCode);
        if (at != null) {
            removeAt(own, at);
        } else if (!removed) {
            throw ProblemException.notFound("Item '" + itemCode + "' of overlay '" + code + "'");
        }
        return saveOverlay(code, from, new Scheme.Overlay(o.code(), o.name(), o.baseline(), added, own, o.weights()), by,
                null, null);
    }

    /**
     * New weights of components: for a scheme every component's weight (a component left out keeps its own); for an
     * overlay the weights it sets in the composite (a component left out takes the baseline's or its own again).
     */
    @Transactional
    public Schemes.Version weights(SchemeVersion.Kind kind, String code, LocalDate from, Map<String, BigDecimal> weights,
                                   String by) {
        return weights(kind, code, from, weights, List.of(), by);
    }

    /** As the weights edit above, with the problems found reading the form (a weight that is not a number...). */
    @Transactional
    public Schemes.Version weights(SchemeVersion.Kind kind, String code, LocalDate from, Map<String, BigDecimal> weights,
                                   List<Problem.FieldError> unread, String by) {
        List<Problem.FieldError> errors = new ArrayList<>(unread);
        weights.forEach((c, w) -> {
            if (w == null && errors.stream().noneMatch(e -> e.field().equals("weights." + c))) {
                errors.add(new Problem.FieldError("weights." + c, "give a weight from 0 to 1"));
            }
        });
        Map<String, BigDecimal> given = new LinkedHashMap<>();
        weights.forEach((c, w) -> {
            if (w != null) {
                given.put(c, w);
            }
        });
        if (kind == SchemeVersion.Kind.SCHEME) {
            Scheme s = scheme(code);
            List<Scheme.Component> comps = s.components().stream().map(c -> new Scheme.Component(c.code(), c.name(),
                    given.getOrDefault(c.code(), c.weight()), c.items())).toList();
            return saveScheme(code, from, withComponents(s, comps), by, null, errors);
        }
        Scheme.Overlay o = overlay(code);
        errors.addAll(dateProblems(from));
        return saveOverlay(code, from, new Scheme.Overlay(o.code(), o.name(), o.baseline(), o.items(), o.components(),
                given), by, errors, null, null);
    }

    /**
     * Adds a linked deduction (关联扣分) to the departments' scheme {@code code} ({@code original} null) or changes the
     * one whose code is {@code original}, in a new version from {@code from}. Its problems are named
     * {@code linked.<field>} ({@code linked.item}, {@code linked.share}...); {@code unread} as for an item.
     *
     * @throws ProblemException 404 when the scheme or the linked deduction does not exist; 400 naming the fields at
     *                          fault; 422 when the only fault is a date in the past
     */
    @Transactional
    public Schemes.Version linked(String code, LocalDate from, String original, Scheme.LinkedRule rule,
                                  List<Problem.FieldError> unread, String by) {
        Scheme s = scheme(code);
        List<Scheme.LinkedRule> rules = new ArrayList<>(s.linked());
        int at = original == null ? -1 : linkedIndex(rules, original);
        if (original != null && at < 0) {
            throw ProblemException.notFound("Linked deduction '" + original + "' of scheme '" + code + "'");
        }
        if (at < 0) {
            rules.add(rule);
            at = rules.size() - 1;
        } else {
            rules.set(at, rule);
        }
        return saveScheme(code, from, withLinked(s, rules), by, "linked[" + at + "]", "linked", unread);
    }

    /**
     * Removes the linked deduction {@code ruleCode} of the scheme, in a new version from {@code from}.
     *
     * @throws ProblemException 404 when the scheme or the linked deduction does not exist; 422 for a date in the past
     */
    @Transactional
    public Schemes.Version removeLinked(String code, LocalDate from, String ruleCode, String by) {
        Scheme s = scheme(code);
        List<Scheme.LinkedRule> rules = new ArrayList<>(s.linked());
        int at = linkedIndex(rules, ruleCode);
        if (at < 0) {
            throw ProblemException.notFound("Linked deduction '" + ruleCode + "' of scheme '" + code + "'");
        }
        rules.remove(at);
        return saveScheme(code, from, withLinked(s, rules), by, null, List.of());
    }

    /**
     * A whole version of a scheme as the API sends it: a new version of a scheme the city has must not start before
     * today in the city's time zone (422 naming {@code effectiveFrom} when that is the only fault, else 400 with every
     * problem); a scheme's first version may be dated back (nothing has been assessed under its code yet, and a city
     * arriving with history assesses its past months). The tenant pack stores through {@link Schemes} directly.
     */
    @Transactional
    public Schemes.Version putScheme(String code, LocalDate from, Scheme s, String by) {
        List<Problem.FieldError> past = schemes.exists(SchemeVersion.Kind.SCHEME, code) ? pastProblems(from) : List.of();
        if (!past.isEmpty()) {
            List<Problem.FieldError> errors = new ArrayList<>(past);
            errors.addAll(schemes.problems(code, from, s));
            throw refusal(errors);
        }
        return schemes.saveScheme(code, from, s, by);
    }

    /** A whole version of an overlay as the API sends it, under the date rule of {@link #putScheme}. */
    @Transactional
    public Schemes.Version putOverlay(String code, LocalDate from, Scheme.Overlay o, String by) {
        List<Problem.FieldError> past = schemes.exists(SchemeVersion.Kind.OVERLAY, code) ? pastProblems(from)
                : List.of();
        if (!past.isEmpty()) {
            List<Problem.FieldError> errors = new ArrayList<>(past);
            errors.addAll(schemes.problems(code, from, o));
            throw refusal(errors);
        }
        return schemes.saveOverlay(code, from, o, by);
    }

    private static int linkedIndex(List<Scheme.LinkedRule> rules, String code) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) != null && code.equals(rules.get(i).code())) {
                return i;
            }
        }
        return -1;
    }

    /** New ranking groups of a scheme (targets named in no group rank in the group "all"). */
    @Transactional
    public Schemes.Version groups(String code, LocalDate from, List<Scheme.Group> groups, String by) {
        Scheme s = scheme(code);
        Scheme changed = new Scheme(s.code(), s.name(), s.targets(), s.weightsMustAddUp(), groups, s.components(),
                s.settings(), s.publication(), s.linked());
        return saveScheme(code, from, changed, by, null, List.of());
    }

    /**
     * A new campaign overlay on the baseline {@code baseline}, without items yet (they are added one by one).
     *
     * @throws ProblemException 409 when the city has an overlay with that code; 400 naming the fields at fault
     */
    @Transactional
    public Schemes.Version newOverlay(String code, String name, String baseline, LocalDate from, String by) {
        List<Problem.FieldError> errors = new ArrayList<>(dateProblems(from));
        if (code != null && !schemes.versions(SchemeVersion.Kind.OVERLAY, code).isEmpty()) {
            errors.add(new Problem.FieldError("code", "the city already has an overlay '" + code + "'; edit it instead"));
        }
        Scheme.Overlay o = new Scheme.Overlay(code, name, baseline, List.of(), List.of(), Map.of());
        return saveOverlay(code, from, o, by, errors, null, null);
    }

    private Schemes.Version saveScheme(String code, LocalDate from, Scheme s, String by, String itemPath,
                                       List<Problem.FieldError> unread) {
        return saveScheme(code, from, s, by, itemPath, "item", unread);
    }

    /** Saves the scheme; problems under {@code path} are renamed {@code alias.<field>} (see {@link #named}). */
    private Schemes.Version saveScheme(String code, LocalDate from, Scheme s, String by, String path, String alias,
                                       List<Problem.FieldError> unread) {
        List<Problem.FieldError> errors = new ArrayList<>(unread);
        errors.addAll(dateProblems(from));
        if (!errors.isEmpty()) {
            errors.addAll(schemes.problems(code, from, s));
            throw named(errors, path, alias, s.components());
        }
        try {
            return schemes.saveScheme(code, from, s, by);
        } catch (ProblemException e) {
            throw e.status() == 400 ? named(e.errors(), path, alias, s.components()) : e;
        }
    }

    private Schemes.Version saveOverlay(String code, LocalDate from, Scheme.Overlay o, String by, String ownPath,
                                        String addedPath) {
        return saveOverlay(code, from, o, by, dateProblems(from), ownPath, addedPath);
    }

    private Schemes.Version saveOverlay(String code, LocalDate from, Scheme.Overlay o, String by,
                                        List<Problem.FieldError> errors, String ownPath, String addedPath) {
        String itemPath = addedPath != null ? addedPath : ownPath;
        if (!errors.isEmpty()) {
            Scheme baseline = from == null || o.baseline() == null ? null
                    : schemes.scheme(o.baseline(), from).map(Schemes.InForce::value).orElse(null);
            errors.addAll(SchemeRules.problems(o, baseline));
            throw named(errors, itemPath, "item", o.components());
        }
        try {
            return schemes.saveOverlay(code, from, o, by);
        } catch (ProblemException e) {
            throw e.status() == 400 ? named(e.errors(), itemPath, "item", o.components()) : e;
        }
    }

    /** The date rule of the editor, in the city's time zone. */
    private List<Problem.FieldError> dateProblems(LocalDate from) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new Problem.FieldError("effectiveFrom", "give the date the version takes effect (YYYY-MM-DD)"));
        } else {
            errors.addAll(pastProblems(from));
        }
        return errors;
    }

    /** A date before today in the city's time zone; nothing for null (that is another problem). */
    private List<Problem.FieldError> pastProblems(LocalDate from) {
        LocalDate today = calendar.today();
        if (from != null && from.isBefore(today)) {
            return List.of(new Problem.FieldError("effectiveFrom", PAST + "; give today (" + today + ", the city's day) "
                    + "or a later date: runs of past periods read the versions in force then and must stay reproducible"));
        }
        return List.of();
    }

    /**
     * The refusal of the problems: 422 ({@value #PAST_CODE}) when the only one is a date in the past (the version is
     * otherwise acceptable), else 400 naming every field.
     */
    static ProblemException refusal(List<Problem.FieldError> errors) {
        if (errors.size() == 1 && errors.get(0).field().equals("effectiveFrom")
                && errors.get(0).message().startsWith(PAST)) {
            return new ProblemException(422, PAST_CODE, "Version dated in the past",
                    "effectiveFrom: " + errors.get(0).message(), errors, null);
        }
        return ProblemException.invalid(errors);
    }

    /** The problems with the fields renamed after the edit (see the class comment), each field once. */
    private static ProblemException named(List<Problem.FieldError> errors, String itemPath, String alias,
                                          List<Scheme.Component> comps) {
        List<Problem.FieldError> out = new ArrayList<>();
        for (Problem.FieldError e : errors) {
            String f = e.field();
            if (itemPath != null && f.startsWith(itemPath + ".")) {
                f = alias + "." + f.substring(itemPath.length() + 1);
            } else if (itemPath != null && f.equals(itemPath)) {
                f = alias;
            } else if (f.matches("components\\[\\d+]\\.weight")) {
                int i = Integer.parseInt(f.substring(f.indexOf('[') + 1, f.indexOf(']')));
                f = i < comps.size() ? "weights." + comps.get(i).code() : f;
            } else if (f.equals("components") && e.message().contains("weights")) {
                f = "weights";
            }
            String field = f;
            if (out.stream().noneMatch(o -> o.field().equals(field))) {
                out.add(new Problem.FieldError(field, e.message()));
            }
        }
        return refusal(out);
    }

    private Scheme scheme(String code) {
        return newest(SchemeVersion.Kind.SCHEME, code).flatMap(v -> schemes.schemeVersion(code, v.version()))
                .map(Schemes.InForce::value).orElseThrow(() -> ProblemException.notFound("Scheme '" + code + "'"));
    }

    private Scheme.Overlay overlay(String code) {
        return newest(SchemeVersion.Kind.OVERLAY, code).flatMap(v -> schemes.overlayVersion(code, v.version()))
                .map(Schemes.InForce::value).orElseThrow(() -> ProblemException.notFound("Overlay '" + code + "'"));
    }

    private static Scheme withLinked(Scheme s, List<Scheme.LinkedRule> linked) {
        return new Scheme(s.code(), s.name(), s.targets(), s.weightsMustAddUp(), s.groups(), s.components(),
                s.settings(), s.publication(), linked);
    }

    private static Scheme withComponents(Scheme s, List<Scheme.Component> comps) {
        return new Scheme(s.code(), s.name(), s.targets(), s.weightsMustAddUp(), s.groups(), comps, s.settings(),
                s.publication(), s.linked());
    }

    private static int indexOf(List<Scheme.Component> comps, String code) {
        for (int i = 0; i < comps.size(); i++) {
            if (comps.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /** {component index, item index} of the item with the code, null when none has it. */
    private static int[] locate(List<Scheme.Component> comps, String itemCode) {
        if (itemCode == null) {
            return null;
        }
        for (int c = 0; c < comps.size(); c++) {
            List<Scheme.Item> items = comps.get(c).items();
            for (int i = 0; i < items.size(); i++) {
                if (itemCode.equals(items.get(i).code())) {
                    return new int[] {c, i};
                }
            }
        }
        return null;
    }

    private static void removeAt(List<Scheme.Component> comps, int[] at) {
        Scheme.Component c = comps.get(at[0]);
        List<Scheme.Item> items = new ArrayList<>(c.items());
        items.remove(at[1]);
        comps.set(at[0], new Scheme.Component(c.code(), c.name(), c.weight(), items));
    }

    /** Puts the item in place of the one at {@code at} or at the end of the target component; its JSON path. */
    private static String place(List<Scheme.Component> comps, int[] at, int target, Scheme.Item item, String prefix) {
        if (at != null && at[0] == target) {
            Scheme.Component c = comps.get(target);
            List<Scheme.Item> items = new ArrayList<>(c.items());
            items.set(at[1], item);
            comps.set(target, new Scheme.Component(c.code(), c.name(), c.weight(), items));
            return prefix + "[" + target + "].items[" + at[1] + "]";
        }
        if (at != null) {
            removeAt(comps, at);
        }
        Scheme.Component c = comps.get(target);
        List<Scheme.Item> items = new ArrayList<>(c.items());
        items.add(item);
        comps.set(target, new Scheme.Component(c.code(), c.name(), c.weight(), items));
        return prefix + "[" + target + "].items[" + (items.size() - 1) + "]";
    }
}
