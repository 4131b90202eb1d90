package city.gridcity.catalog.web;

import city.gridcity.catalog.CatalogAudit;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogRule;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.department.DepartmentService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The city administrator's catalog pages (部件事件分类): the list of subclasses with their department, limits and
 * weight by name, and one page per subclass to change its attributes (audited), add a rule version from a date
 * (filing conditions, time limits, base case weight; cases filed before keep theirs), replace its routing
 * overrides per district or street, and read who changed what. Checked by {@link CatalogService} and
 * {@link RoutingService} as the API is; each problem next to its field; post, redirect, get.
 */
@Path("/console/admin/catalog")
@Produces(MediaType.TEXT_HTML)
public class CatalogPages {

    static final String PAGE = "/console/admin/catalog";
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Pattern CONDITION_FIELD = Pattern.compile("conditions\\[(\\d+)](?:\\.(\\w+))?.*");
    private static final String RULE_ENTRY = "rule from ";
    private static final Pattern RULE_VALUE = Pattern.compile("weight (\\S+), conditions (.*)", Pattern.DOTALL);
    private static final Pattern OVERRIDE_FIELD = Pattern.compile("overrides\\[(\\d+)].*");
    /** Spare rows for new filing conditions under the existing ones. */
    private static final int SPARE_CONDITIONS = 1;
    private static final List<String> ATTRIBUTES = List.of("name", "majorName", "residentName", "icon", "departmentCode",
            "route", "duplicateRadiusM", "duplicateWindowHours", "keyClass", "minor", "evidenceBefore", "evidenceAfter",
            "hidden", "active", "localLevel");

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance catalog(Messages.Msg msg, ListView view);

        static native TemplateInstance subclass(Messages.Msg msg, SubclassView view);
    }

    public record ListView(String kind, String q, List<Choice> kinds, List<Line> lines) {
    }

    /** A subclass as the list shows it: names first, its rule in force in words. */
    public record Line(String kind, String kindLabel, String code, String majorName, String name, String residentName,
                       String department, boolean keyClass, boolean minor, boolean active, String limits, String weight) {
    }

    public record Choice(String value, String label) {
    }

    public record SubclassView(String csrf, String kind, String kindLabel, String code, String title, Attributes attributes,
                               RuleForm ruleForm, List<RuleLine> rules, String routing, Map<String, String> routingErrors,
                               List<AuditLine> audit, List<Choice> departments, List<Choice> routes, List<Choice> localLevels,
                               List<Choice> units,
                               String zone, String done, String error) {
        public String routingError(String field) {
            return routingErrors.get(field);
        }
    }

    /** The attributes form, as stored or as typed, with each field's problem. */
    public record Attributes(Map<String, String> values, Map<String, String> errors) {
        public String v(String field) {
            return values.getOrDefault(field, "");
        }

        public boolean on(String field) {
            return "true".equals(values.get(field));
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /** The new rule form: when it starts, the weight, and one row per filing condition. */
    public record RuleForm(String effectiveFrom, String weight, List<ConditionRow> conditions, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    public record ConditionRow(int index, String code, String text, String amount, String unit, String closing, String error) {
        public int number() {
            return index + 1;
        }
    }

    public record RuleLine(String from, String weight, List<String> conditions, String by, boolean inForce) {
    }

    public record AuditLine(String at, String by, String field, String oldValue, String newValue) {
    }

    private final CurrentPrincipal current;
    private final CatalogService catalog;
    private final RoutingService routing;
    private final DepartmentService departments;
    private final Messages messages;
    private final ObjectMapper json;

    CatalogPages(CurrentPrincipal current, CatalogService catalog, RoutingService routing, DepartmentService departments,
                 Messages messages, ObjectMapper json) {
        this.json = json;
        this.current = current;
        this.catalog = catalog;
        this.routing = routing;
        this.departments = departments;
        this.messages = messages;
    }

    @GET
    public Response list(@QueryParam("kind") String kind, @QueryParam("q") String q, @QueryParam("lang") String lang,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The catalog pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        CatalogClass.Kind k = kind(kind);
        String text = q == null ? "" : q.trim();
        if (text.length() > 50) {
            text = text.substring(0, 50);
        }
        Map<String, String> names = departments.names(false);
        Instant now = Instant.now();
        List<Line> lines = catalog.list(k, text.isEmpty() ? null : text).stream().map(c -> {
            Optional<CatalogRule> rule = catalog.ruleAt(c, now);
            return new Line(c.kind.name().toLowerCase(), msg.t("kind." + c.kind.name()), c.code, c.majorName, c.name,
                    c.residentName, names.getOrDefault(c.departmentCode, c.departmentCode), c.keyClass, c.minor, c.active,
                    rule.map(r -> limits(msg, catalog.conditions(r))).orElse(""),
                    rule.map(r -> r.baseCaseWeight.stripTrailingZeros().toPlainString()).orElse(""));
        }).toList();
        ListView view = new ListView(k == null ? "" : k.name().toLowerCase(), text, kinds(msg), lines);
        return PageSupport.page(Templates.catalog(msg, view), 200, Language.remember(lang));
    }

    @GET
    @Path("/{kind}/{code}")
    public Response subclass(@PathParam("kind") String kind, @PathParam("code") String code, @QueryParam("lang") String lang,
                             @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                             @Context HttpHeaders headers) {
        String page = PAGE + "/" + kind + "/" + code;
        Optional<Principal> user = current.cityAdministrator("The catalog pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + page)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        CatalogClass c = catalog.get(requiredKind(kind), code);
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        String form = note.map(n -> n.value("form")).orElse("");
        Map<String, String> typed = note.map(Flash.Note::values).orElse(Map.of());

        Map<String, String> errors = refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "catalog");
        Attributes attributes = "attributes".equals(form) ? new Attributes(typed, errors) : new Attributes(stored(c), Map.of());

        Instant now = Instant.now();
        Optional<CatalogRule> inForce = catalog.ruleAt(c, now);
        RuleForm ruleForm = "rule".equals(form) ? typedRule(msg, typed, refusal, errors)
                : storedRule(inForce.map(catalog::conditions).orElse(List.of()),
                inForce.map(r -> r.baseCaseWeight.stripTrailingZeros().toPlainString()).orElse("1"));

        List<RuleLine> rules = catalog.rules(c).stream().map(r -> new RuleLine(MOMENT.format(r.effectiveFrom.atZone(zone)),
                r.baseCaseWeight.stripTrailingZeros().toPlainString(),
                catalog.conditions(r).stream().map(fc -> condition(msg, fc)).toList(), r.createdBy,
                inForce.map(f -> f.id.equals(r.id)).orElse(false))).toList();

        String routingText = "routing".equals(form) ? typed.getOrDefault("routing", "")
                : routing.overrides(c.kind, c.code).stream().map(o -> o.area() + " " + o.department())
                .collect(Collectors.joining("\n"));
        Map<String, String> routingErrors = "routing".equals(form) ? errors : Map.of();

        Map<String, String> names = departments.names(false);
        List<AuditLine> audit = catalog.audit(c).stream()
                .map((CatalogAudit a) -> new AuditLine(MOMENT.format(a.at.atZone(zone)), a.byUser, field(msg, a.field, zone),
                        shown(msg, a.field, a.oldValue, names), shown(msg, a.field, a.newValue, names))).toList();
        List<Choice> departmentChoices = departments.names(true).entrySet().stream()
                .map(e -> new Choice(e.getKey(), e.getValue())).collect(Collectors.toCollection(ArrayList::new));
        if (!names.isEmpty() && departmentChoices.stream().noneMatch(d -> d.value().equals(c.departmentCode))) {
            // An inactive department still shows as the current one rather than silently becoming another.
            departmentChoices.add(0, new Choice(c.departmentCode, names.getOrDefault(c.departmentCode, c.departmentCode)));
        }
        List<Choice> routes = Arrays.stream(CatalogClass.Route.values())
                .map(r -> new Choice(r.name(), msg.t("catalog.route." + r.name()))).toList();
        List<Choice> localLevels = Arrays.stream(CatalogClass.LocalLevel.values())
                .map(l -> new Choice(l.name(), msg.t("catalog.localLevel." + l.name()))).toList();
        List<Choice> units = Arrays.stream(FilingCondition.Unit.values())
                .map(u -> new Choice(u.name(), msg.t("unit." + u.name()))).toList();
        String error = refusal == null ? null
                : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("catalog.problems");
        SubclassView view = new SubclassView(csrf, kind.toLowerCase(), msg.t("kind." + c.kind.name()), c.code,
                c.majorName + " · " + c.name, attributes, ruleForm, rules, routingText, routingErrors, audit,
                departmentChoices, routes, localLevels, units, zone.getId(), note.map(Flash.Note::done).map(msg::t).orElse(null), error);
        return PageSupport.page(Templates.subclass(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, page));
    }

    @POST
    @Path("/{kind}/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("kind") String kind, @PathParam("code") String code,
                           MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The catalog pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String page = PAGE + "/" + kind + "/" + code;
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("form", "attributes");
        for (String field : ATTRIBUTES) {
            String v = form.getFirst(field);
            typed.put(field, v == null ? "" : v);
        }
        try {
            List<Problem.FieldError> problems = new ArrayList<>();
            Integer radius = number(typed.get("duplicateRadiusM"), "duplicateRadiusM", problems);
            Integer window = number(typed.get("duplicateWindowHours"), "duplicateWindowHours", problems);
            CatalogClass.Route route = null;
            try {
                route = CatalogClass.Route.valueOf(typed.get("route"));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem.FieldError("route", "choose owner or locality"));
            }
            CatalogClass.LocalLevel localLevel = null;
            try {
                localLevel = CatalogClass.LocalLevel.valueOf(typed.get("localLevel"));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem.FieldError("localLevel", "choose none, community or street"));
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            CatalogClass c = catalog.get(requiredKind(kind), code);
            // A checkbox that is not ticked is not sent: on this form that means "no", never "leave it". A blank
            // optional text stays as stored when nothing was stored, so saving the form unchanged audits nothing.
            catalog.update(c.kind, code, new CatalogService.ClassChange(typed.get("name"),
                    typed.get("majorName"), typed.get("departmentCode"), route, on(typed, "keyClass"), on(typed, "minor"),
                    radius, window, on(typed, "evidenceBefore"), on(typed, "evidenceAfter"), optional(typed.get("icon"), c.icon),
                    optional(typed.get("residentName"), c.residentName), on(typed, "hidden"), on(typed, "active"), localLevel),
                    user.get().username());
            return Flash.done(page, "catalog.done.saved");
        } catch (ProblemException e) {
            return Flash.refused(page, e, e.status() == 404 ? Map.of() : typed);
        }
    }

    @POST
    @Path("/{kind}/{code}/rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addRule(@PathParam("kind") String kind, @PathParam("code") String code,
                            MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The catalog pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String page = PAGE + "/" + kind + "/" + code;
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("form", "rule");
        typed.put("effectiveFrom", orEmpty(form.getFirst("effectiveFrom")));
        typed.put("weight", orEmpty(form.getFirst("weight")));
        // Rows are read until the first index the form did not send; a row left wholly blank is not a condition.
        List<FilingCondition> conditions = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        List<Problem.FieldError> problems = new ArrayList<>();
        for (int i = 0; form.containsKey("code" + i); i++) {
            String[] row = {orEmpty(form.getFirst("code" + i)), orEmpty(form.getFirst("text" + i)),
                    orEmpty(form.getFirst("amount" + i)), orEmpty(form.getFirst("unit" + i)), orEmpty(form.getFirst("closing" + i))};
            typed.put("code" + i, row[0]);
            typed.put("text" + i, row[1]);
            typed.put("amount" + i, row[2]);
            typed.put("unit" + i, row[3]);
            typed.put("closing" + i, row[4]);
            if (row[0].isBlank() && row[1].isBlank() && row[2].isBlank() && row[4].isBlank()) {
                continue;
            }
            int amount = 0;
            try {
                amount = Integer.parseInt(row[2].trim());
            } catch (NumberFormatException e) {
                // left at 0, which the catalog refuses naming this condition's limit, with the rule's other problems
            }
            FilingCondition.Unit unit = null;
            try {
                unit = FilingCondition.Unit.valueOf(row[3]);
            } catch (IllegalArgumentException e) {
                // checkRule names the missing unit with the limit.
            }
            conditions.add(new FilingCondition(row[0].trim(), row[1].trim(), new FilingCondition.TimeLimit(amount, unit),
                    row[4].trim()));
            rowOf.add(i);
        }
        typed.put("rows", rowOf.stream().map(String::valueOf).collect(Collectors.joining(",")));
        try {
            Instant from = moment(typed.get("effectiveFrom"), ZoneId.of(user.get().tenant().timeZone()), problems);
            BigDecimal weight = null;
            try {
                weight = new BigDecimal(typed.get("weight").trim());
            } catch (NumberFormatException e) {
                // none, which the catalog refuses naming the weight
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            catalog.addRule(requiredKind(kind), code, from, weight, conditions, user.get().username());
            return Flash.done(page, "catalog.done.rule");
        } catch (ProblemException e) {
            return Flash.refused(page, e, e.status() == 404 ? Map.of() : typed);
        }
    }

    @POST
    @Path("/{kind}/{code}/routing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setRouting(@PathParam("kind") String kind, @PathParam("code") String code,
                               MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The catalog pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String page = PAGE + "/" + kind + "/" + code;
        String text = orEmpty(form.getFirst("routing"));
        try {
            List<RoutingService.Override> overrides = new ArrayList<>();
            List<Integer> lineOf = new ArrayList<>();
            List<Problem.FieldError> problems = new ArrayList<>();
            String[] lines = text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("[\\s,，]+");
                if (parts.length != 2) {
                    problems.add(new Problem.FieldError("routing", "line " + (i + 1) + " ('" + line + "'): give an area "
                            + "code (6-digit district or 9-digit street), a space, then a department code"));
                } else {
                    overrides.add(new RoutingService.Override(parts[0], parts[1]));
                    lineOf.add(i + 1);
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            try {
                routing.setOverrides(requiredKind(kind), code, overrides, user.get().username());
            } catch (ProblemException e) {
                throw e.status() == 400 ? byLine(e, lineOf) : e;
            }
            return Flash.done(page, "catalog.done.routing");
        } catch (ProblemException e) {
            return Flash.refused(page, e, e.status() == 404 ? Map.of() : Map.of("form", "routing", "routing", text));
        }
    }

    /** The service names overrides by their index; the page names the line of the text they came from. */
    private static ProblemException byLine(ProblemException e, List<Integer> lineOf) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Problem.FieldError f : e.errors()) {
            Matcher m = OVERRIDE_FIELD.matcher(f.field());
            int index = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            errors.add(new Problem.FieldError("routing", (index >= 0 && index < lineOf.size()
                    ? "line " + lineOf.get(index) + ": " : "") + f.message()));
        }
        return ProblemException.invalid(errors);
    }

    private static Map<String, String> stored(CatalogClass c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", c.name);
        v.put("majorName", c.majorName);
        v.put("residentName", orEmpty(c.residentName));
        v.put("icon", orEmpty(c.icon));
        v.put("departmentCode", c.departmentCode);
        v.put("route", c.route.name());
        v.put("duplicateRadiusM", String.valueOf(c.duplicateRadiusM));
        v.put("duplicateWindowHours", String.valueOf(c.duplicateWindowHours));
        v.put("keyClass", String.valueOf(c.keyClass));
        v.put("minor", String.valueOf(c.minor));
        v.put("evidenceBefore", String.valueOf(c.evidenceBefore));
        v.put("evidenceAfter", String.valueOf(c.evidenceAfter));
        v.put("hidden", String.valueOf(c.hiddenFromResidents));
        v.put("active", String.valueOf(c.active));
        v.put("localLevel", c.localLevel.name());
        return v;
    }

    /** The rule in force as the starting point of the next one, with a blank row to add a condition. */
    private static RuleForm storedRule(List<FilingCondition> conditions, String weight) {
        List<ConditionRow> rows = new ArrayList<>();
        for (FilingCondition fc : conditions) {
            rows.add(new ConditionRow(rows.size(), fc.code(), fc.text(), fc.limit() == null ? "" : String.valueOf(fc.limit().amount()),
                    fc.limit() == null || fc.limit().unit() == null ? "" : fc.limit().unit().name(), fc.closing(), null));
        }
        for (int i = 0; i < SPARE_CONDITIONS; i++) {
            rows.add(new ConditionRow(rows.size(), "", "", "", FilingCondition.Unit.WORKING_HOURS.name(), "", null));
        }
        return new RuleForm("", weight, rows, Map.of());
    }

    /**
     * The rule form as it was sent, each condition's problem on its own row: the service numbers conditions as
     * sent to it (blank rows left out), {@code rows} maps them back to the form's rows.
     */
    private static RuleForm typedRule(Messages.Msg msg, Map<String, String> typed, ProblemException refusal,
                                      Map<String, String> errors) {
        List<Integer> rowOf = typed.getOrDefault("rows", "").isEmpty() ? List.of()
                : Arrays.stream(typed.get("rows").split(",")).map(Integer::valueOf).toList();
        Map<Integer, String> rowErrors = new LinkedHashMap<>();
        if (refusal != null) {
            for (Problem.FieldError f : refusal.errors()) {
                Matcher m = CONDITION_FIELD.matcher(f.field());
                if (m.matches()) {
                    int sent = Integer.parseInt(m.group(1));
                    int row = sent < rowOf.size() ? rowOf.get(sent) : sent;
                    String part = m.group(2) == null ? "" : m.group(2);
                    String text = msg.english() ? f.message() : msg.t("catalog.error.condition." + part);
                    rowErrors.merge(row, text, (a, b) -> a + " " + b);
                }
            }
        }
        List<ConditionRow> rows = new ArrayList<>();
        for (int i = 0; typed.containsKey("code" + i); i++) {
            rows.add(new ConditionRow(i, typed.get("code" + i), typed.get("text" + i), typed.get("amount" + i),
                    typed.get("unit" + i), typed.get("closing" + i), rowErrors.get(i)));
        }
        if (rows.isEmpty()) {
            rows.add(new ConditionRow(0, "", "", "", FilingCondition.Unit.WORKING_HOURS.name(), "", rowErrors.get(0)));
        }
        Map<String, String> fieldErrors = new LinkedHashMap<>(errors);
        fieldErrors.remove("conditions");
        if (refusal != null && refusal.errors().stream().anyMatch(f -> f.field().equals("conditions"))) {
            fieldErrors.put("conditions", msg.english() ? "give at least one filing condition" : msg.t("catalog.error.conditions"));
        }
        return new RuleForm(typed.getOrDefault("effectiveFrom", ""), typed.getOrDefault("weight", ""), rows, fieldErrors);
    }

    /** A moment typed in the city's time (a browser's datetime-local); blank is now. */
    private static Instant moment(String typed, ZoneId zone, List<Problem.FieldError> problems) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(typed.trim().replace(' ', 'T'), LOCAL_INPUT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Problem.FieldError("effectiveFrom", "give a date and time such as 2027-01-01T00:00, or leave it blank for now"));
            return null;
        }
    }

    private static Integer number(String typed, String field, List<Problem.FieldError> problems) {
        try {
            return Integer.valueOf(typed == null ? "" : typed.trim());
        } catch (NumberFormatException e) {
            problems.add(new Problem.FieldError(field, "give a whole number"));
            return null;
        }
    }

    private static String optional(String typed, String stored) {
        String t = typed == null ? "" : typed.trim();
        return t.isEmpty() && (stored == null || stored.isEmpty()) ? null : t;
    }

    private static Boolean on(Map<String, String> typed, String field) {
        return "true".equals(typed.get(field));
    }

    static String limits(Messages.Msg msg, List<FilingCondition> conditions) {
        return conditions.stream().map(fc -> fc.code() + " " + limit(msg, fc.limit())).collect(Collectors.joining("；"));
    }

    private static String condition(Messages.Msg msg, FilingCondition fc) {
        return fc.code() + "：" + fc.text() + "（" + limit(msg, fc.limit()) + "；" + msg.t("catalog.closing") + "：" + fc.closing() + "）";
    }

    private static String limit(Messages.Msg msg, FilingCondition.TimeLimit limit) {
        return limit == null || limit.unit() == null ? "" : limit.amount() + " " + msg.t("unit." + limit.unit().name());
    }

    /** The audited field's name in the reader's language; a rule version's entry names its start. */
    private static String field(Messages.Msg msg, String field, ZoneId zone) {
        if (field.startsWith(RULE_ENTRY)) {
            try {
                return msg.f("catalog.audit.rule", MOMENT.format(Instant.parse(field.substring(RULE_ENTRY.length())).atZone(zone)));
            } catch (DateTimeParseException e) {
                return field;
            }
        }
        String key = "catalog.field." + field;
        String text = msg.t(key);
        return text.equals(key) ? field : text;
    }

    /**
     * An audited value as the administrator reads it: a department by name, a rule version (stored as
     * {@code weight 1.5, conditions [json]}) as its weight and conditions in words, a flag as yes or no.
     */
    private String shown(Messages.Msg msg, String field, String value, Map<String, String> departmentNames) {
        if (value == null) {
            return "";
        }
        if ("departmentCode".equals(field)) {
            return departmentNames.getOrDefault(value, value);
        }
        if ("true".equals(value) || "false".equals(value)) {
            return msg.t("catalog.flag." + value);
        }
        Matcher rule = RULE_VALUE.matcher(value);
        if (field.startsWith(RULE_ENTRY) && rule.matches()) {
            try {
                List<FilingCondition> conditions = json.readValue(rule.group(2), new TypeReference<List<FilingCondition>>() {
                });
                return msg.t("catalog.weight") + " " + rule.group(1) + "；" + conditions.stream().map(fc -> condition(msg, fc))
                        .collect(Collectors.joining("；"));
            } catch (JsonProcessingException e) {
                return value;
            }
        }
        return value;
    }

    private static List<Choice> kinds(Messages.Msg msg) {
        return Arrays.stream(CatalogClass.Kind.values())
                .map(k -> new Choice(k.name().toLowerCase(), msg.t("kind." + k.name()))).toList();
    }

    private static CatalogClass.Kind kind(String value) {
        try {
            return value == null || value.isBlank() ? null : CatalogClass.Kind.valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CatalogClass.Kind requiredKind(String value) {
        CatalogClass.Kind k = kind(value);
        if (k == null) {
            throw ProblemException.notFound("subclass " + value);
        }
        return k;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
