package city.gridcity.points.web;

import city.gridcity.points.PointRules;
import city.gridcity.shared.problem.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's form of a point rules version: one field per rule, named by the rule's path in the API's problems
 * ({@code report/filed}, {@code levels/1/from}), so each problem the API names lands next to its field. Reads what
 * was sent into rules (or the problems of fields that are not numbers), and writes rules back into fields.
 */
final class PointRulesForm {

    /** Blank rows offered after the levels and subclass amounts there are, for adding more. */
    static final int SPARE_ROWS = 2;
    /** The most rows read back, so a crafted form cannot make the page loop for long. */
    static final int MAX_ROWS = 50;

    /** A field as sent or prefilled, with its problem (null when none). */
    public record Field(String name, String value, String error) {
    }

    public record LevelRow(int i, Field from, Field nameZh, Field nameEn) {
    }

    /** Points for a filed report of one subclass ({@code event/0102}). */
    public record ClassRow(int i, Field key, Field points) {
    }

    /** Every field of the form. */
    public record Draft(Field effectiveFrom, Field filed, boolean byWeight, Field duplicate, List<ClassRow> byClass,
                        Field meToo, Field rating, Field volunteerWork, Field perDay, Field perMonth, List<LevelRow> levels,
                        String levelsError, Field afterYears, Field strikes, Field periodDays, Field suspendDays,
                        Field holdHours) {
    }

    /** What was read: the rules when every field is well-formed, else the problems by field name. */
    record Read(Optional<PointRules> rules, List<Problem.FieldError> problems) {
    }

    private final MultivaluedMap<String, String> form;
    private final List<Problem.FieldError> problems = new ArrayList<>();

    private PointRulesForm(MultivaluedMap<String, String> form) {
        this.form = form;
    }

    /** Reads the sent form; fields that are not whole numbers, and half-given rules, are problems here. */
    static Read read(MultivaluedMap<String, String> form) {
        return new PointRulesForm(form).rules();
    }

    private Read rules() {
        int filed = required("report/filed");
        int duplicate = required("report/duplicate");
        Map<String, Integer> byClass = new LinkedHashMap<>();
        // Rows are named by their place among the rows given (blank rows do not count), as the page shows them again.
        int row = 0;
        for (int i = 0; i < MAX_ROWS; i++) {
            String key = text("byClass/" + i + "/key");
            String points = text("byClass/" + i + "/points");
            if (key == null && points == null) {
                continue;
            }
            String at = "byClass/" + row++ + "/";
            if (key == null || !key.matches("^(component|event)/[0-9]{4}$")) {
                problems.add(new Problem.FieldError(at + "key", "name the subclass as kind/code, e.g. event/0102"));
            } else if (byClass.containsKey(key)) {
                problems.add(new Problem.FieldError(at + "key", "this subclass has an amount above already"));
            }
            Integer p = points == null ? missing(at + "points") : number(at + "points", "byClass/" + i + "/points");
            if (p != null && p < 0) {
                problems.add(new Problem.FieldError(at + "points", "must be 0 or more points"));
            } else if (key != null && p != null) {
                byClass.put(key, p);
            }
        }
        int meToo = required("meToo");
        int rating = required("rating");
        int volunteerWork = required("volunteerWork");
        Integer perDay = optional("caps/perDay");
        Integer perMonth = optional("caps/perMonth");
        List<PointRules.Level> levels = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String from = text("levels/" + i + "/from");
            String zh = text("levels/" + i + "/nameZh");
            String en = text("levels/" + i + "/nameEn");
            if (from == null && zh == null && en == null) {
                continue;
            }
            // The rules name a level by its place among those given: rows left blank do not count, here either.
            String at = "levels/" + levels.size() + "/from";
            Integer f = from == null ? missing(at) : number(at, "levels/" + i + "/from");
            levels.add(new PointRules.Level(f == null ? -1 : f, zh, en));
        }
        Integer afterYears = optional("expiry/afterYears");
        Integer strikes = optional("abuse/strikes");
        Integer periodDays = optional("abuse/periodDays");
        Integer suspendDays = optional("abuse/suspendDays");
        boolean anyAbuse = given("abuse/strikes") || given("abuse/periodDays") || given("abuse/suspendDays");
        if (anyAbuse) {
            for (String f : List.of("abuse/strikes", "abuse/periodDays", "abuse/suspendDays")) {
                if (!given(f)) {
                    problems.add(new Problem.FieldError(f, "give all three anti-abuse settings, or none for no such rule"));
                }
            }
        }
        int holdHours = required("holdHours");
        if (!problems.isEmpty()) {
            return new Read(Optional.empty(), List.copyOf(problems));
        }
        PointRules rules = new PointRules(new PointRules.Report(filed, given("report/byWeight"), byClass.isEmpty() ? null : byClass,
                duplicate), meToo, rating, volunteerWork, perDay == null && perMonth == null ? null
                : new PointRules.Caps(perDay, perMonth), levels, afterYears == null ? null : new PointRules.Expiry(afterYears),
                anyAbuse ? new PointRules.Abuse(strikes, periodDays, suspendDays) : null, holdHours);
        return new Read(Optional.of(rules), List.of());
    }

    /** The form prefilled from rules (or empty), with the problems beside their fields. */
    static Draft draft(PointRules r, String effectiveFrom, Map<String, String> errors) {
        List<ClassRow> byClass = new ArrayList<>();
        if (r != null && r.report() != null && r.report().byClass() != null) {
            r.report().byClass().forEach((k, v) -> byClass.add(classRow(byClass.size(), k, String.valueOf(v), errors)));
        }
        for (int i = 0; i < SPARE_ROWS; i++) {
            byClass.add(classRow(byClass.size(), null, null, errors));
        }
        List<LevelRow> levels = new ArrayList<>();
        if (r != null && r.levels() != null) {
            for (PointRules.Level l : r.levels()) {
                levels.add(levelRow(levels.size(), String.valueOf(l.from()), l.nameZh(), l.nameEn(), errors));
            }
        }
        for (int i = 0; i < SPARE_ROWS; i++) {
            levels.add(levelRow(levels.size(), null, null, null, errors));
        }
        PointRules.Report report = r == null ? null : r.report();
        return new Draft(field("effectiveFrom", effectiveFrom, errors),
                field("report/filed", report == null ? null : String.valueOf(report.filed()), errors),
                report != null && report.byWeight(),
                field("report/duplicate", report == null ? null : String.valueOf(report.duplicate()), errors), byClass,
                field("meToo", r == null ? null : String.valueOf(r.meToo()), errors),
                field("rating", r == null ? null : String.valueOf(r.rating()), errors),
                field("volunteerWork", r == null ? null : String.valueOf(r.volunteerWork()), errors),
                field("caps/perDay", r == null || r.caps() == null ? null : str(r.caps().perDay()), errors),
                field("caps/perMonth", r == null || r.caps() == null ? null : str(r.caps().perMonth()), errors),
                levels, errors.get("levels"),
                field("expiry/afterYears", r == null || r.expiry() == null ? null : String.valueOf(r.expiry().afterYears()),
                        errors),
                field("abuse/strikes", r == null || r.abuse() == null ? null : String.valueOf(r.abuse().strikes()), errors),
                field("abuse/periodDays", r == null || r.abuse() == null ? null : String.valueOf(r.abuse().periodDays()),
                        errors),
                field("abuse/suspendDays", r == null || r.abuse() == null ? null : String.valueOf(r.abuse().suspendDays()),
                        errors),
                field("holdHours", r == null ? "48" : String.valueOf(r.holdHours()), errors));
    }

    /** The form as it was sent, with the problems beside their fields: nothing typed is lost. */
    static Draft sent(MultivaluedMap<String, String> form, Map<String, String> errors) {
        List<ClassRow> byClass = new ArrayList<>();
        List<LevelRow> levels = new ArrayList<>();
        for (int i = 0; i < MAX_ROWS; i++) {
            String key = first(form, "byClass/" + i + "/key");
            String points = first(form, "byClass/" + i + "/points");
            if (!blank(key) || !blank(points)) {
                int n = byClass.size();
                byClass.add(new ClassRow(n, new Field("byClass/" + n + "/key", key, errors.get("byClass/" + n + "/key")),
                        new Field("byClass/" + n + "/points", points, errors.get("byClass/" + n + "/points"))));
            }
        }
        for (int i = 0; i < MAX_ROWS; i++) {
            String from = first(form, "levels/" + i + "/from");
            String zh = first(form, "levels/" + i + "/nameZh");
            String en = first(form, "levels/" + i + "/nameEn");
            if (!blank(from) || !blank(zh) || !blank(en)) {
                levels.add(levelRow(levels.size(), from, zh, en, errors));
            }
        }
        for (int i = 0; i < SPARE_ROWS; i++) {
            byClass.add(classRow(byClass.size(), null, null, Map.of()));
            levels.add(levelRow(levels.size(), null, null, null, Map.of()));
        }
        return new Draft(sentField(form, "effectiveFrom", errors), sentField(form, "report/filed", errors),
                !blank(first(form, "report/byWeight")), sentField(form, "report/duplicate", errors), byClass,
                sentField(form, "meToo", errors), sentField(form, "rating", errors), sentField(form, "volunteerWork", errors),
                sentField(form, "caps/perDay", errors), sentField(form, "caps/perMonth", errors), levels,
                errors.get("levels"), sentField(form, "expiry/afterYears", errors), sentField(form, "abuse/strikes", errors),
                sentField(form, "abuse/periodDays", errors), sentField(form, "abuse/suspendDays", errors),
                sentField(form, "holdHours", errors));
    }

    private static Field sentField(MultivaluedMap<String, String> form, String name, Map<String, String> errors) {
        return new Field(name, first(form, name), errors.get(name));
    }

    private static ClassRow classRow(int i, String key, String points, Map<String, String> errors) {
        return new ClassRow(i, field("byClass/" + i + "/key", key, errors), field("byClass/" + i + "/points", points, errors));
    }

    private static LevelRow levelRow(int i, String from, String zh, String en, Map<String, String> errors) {
        return new LevelRow(i, field("levels/" + i + "/from", from, errors), field("levels/" + i + "/nameZh", zh, errors),
                field("levels/" + i + "/nameEn", en, errors));
    }

    private static Field field(String name, String value, Map<String, String> errors) {
        return new Field(name, value, errors.get(name));
    }

    private int required(String name) {
        Integer n = given(name) ? number(name) : missing(name);
        return n == null ? 0 : n;
    }

    private Integer optional(String name) {
        return given(name) ? number(name) : null;
    }

    private Integer missing(String name) {
        problems.add(new Problem.FieldError(name, "give a whole number"));
        return null;
    }

    private Integer number(String name) {
        return number(name, name);
    }

    /** The whole number in field {@code from}; a problem of field {@code name} when it is not one. */
    private Integer number(String name, String from) {
        String text = text(from);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(new Problem.FieldError(name, "give a whole number, not '" + text + "'"));
            return null;
        }
    }

    private boolean given(String name) {
        return text(name) != null;
    }

    private String text(String name) {
        String v = first(form, name);
        return blank(v) ? null : v.trim();
    }

    private static String first(MultivaluedMap<String, String> form, String name) {
        return form == null ? null : form.getFirst(name);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String str(Integer n) {
        return n == null ? null : String.valueOf(n);
    }
}
