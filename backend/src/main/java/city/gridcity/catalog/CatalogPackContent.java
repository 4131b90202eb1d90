package city.gridcity.catalog;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every new city its own copy of the national baseline catalog, with its rules in force from
 * {@code catalog.effectiveFrom} of tenant.yaml (a date in the city's time zone; creation time when
 * absent), then applies the pack's {@code catalog.overrides}: {@code [{kind, code, name,
 * departmentCode, keyClass, minor, hidden, residentName, localLevel, routing: [{area, department}], and the English
 * names majorEn, nameEn, residentNameEn}]}.
 * A pack exported from a city carries {@code catalog.classes} instead: that city's whole catalog, every subclass with
 * its attributes, routing and rule versions ({@code rules: [{effectiveFrom, weight, conditions}]}), which replaces
 * the baseline copy.
 */
@ApplicationScoped
public class CatalogPackContent implements PackContent {

    private final CatalogService catalog;
    private final RoutingService routing;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    CatalogPackContent(CatalogService catalog, RoutingService routing, Clock clock,
                       com.fasterxml.jackson.databind.ObjectMapper json) {
        this.catalog = catalog;
        this.routing = routing;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        effectiveFrom(pack, "UTC", errors);
        JsonNode overrides = pack.section("catalog").path("overrides");
        java.util.Set<String> known = new java.util.HashSet<>();
        java.util.Set<String> departments = new java.util.HashSet<>();
        city.gridcity.department.DepartmentService.baseline().forEach(d -> departments.add(d.code()));
        pack.section("departments").forEach(d -> departments.add(d.path("code").asText()));
        JsonNode classes = pack.section("catalog").path("classes");
        if (classes.isArray()) {
            errors.addAll(classProblems(classes, departments));
            classes.forEach(c -> known.add(c.path("kind").asText("").toUpperCase() + "/" + c.path("code").asText("")));
        } else {
            catalog.baseline().forEach(b -> known.add(b.kind().name() + "/" + b.code()));
        }
        for (int i = 0; i < overrides.size(); i++) {
            JsonNode o = overrides.get(i);
            String at = "tenant.yaml#/catalog/overrides/" + i;
            String key = o.path("kind").asText("").toUpperCase() + "/" + o.path("code").asText("");
            if (!known.contains(key)) {
                errors.add(new Problem.FieldError(at, "kind and code must name a subclass of the national baseline "
                        + "(e.g. kind: event, code: \"0506\"), not " + key));
            }
            englishProblems(o, at, errors);
            for (String flag : List.of("keyClass", "minor", "hidden")) {
                if (o.has(flag) && !o.get(flag).isBoolean()) {
                    errors.add(new Problem.FieldError(at + "/" + flag, "must be true or false"));
                }
            }
            if (o.hasNonNull("localLevel") && java.util.Arrays.stream(CatalogClass.LocalLevel.values())
                    .noneMatch(l -> l.name().equalsIgnoreCase(o.get("localLevel").asText()))) {
                errors.add(new Problem.FieldError(at + "/localLevel", "must be none, community or street"));
            }
            if (o.hasNonNull("departmentCode") && !departments.contains(o.get("departmentCode").asText())) {
                errors.add(new Problem.FieldError(at + "/departmentCode", "names no department of the baseline or of "
                        + "the pack's departments section"));
            }
            JsonNode routes = o.path("routing");
            java.util.Set<String> areas = new java.util.HashSet<>();
            for (int r = 0; r < routes.size(); r++) {
                if (!areas.add(routes.get(r).path("area").asText())) {
                    errors.add(new Problem.FieldError(at + "/routing/" + r + "/area", "is listed twice"));
                }
                if (!routes.get(r).path("area").asText("").matches("^[0-9]{6}([0-9]{3})?$")) {
                    errors.add(new Problem.FieldError(at + "/routing/" + r + "/area", "must be a district or street code"));
                }
                if (!departments.contains(routes.get(r).path("department").asText())) {
                    errors.add(new Problem.FieldError(at + "/routing/" + r + "/department", "names no department of the "
                            + "baseline or of the pack's departments section"));
                }
            }
        }
        return errors;
    }

    /** The pack's English names and their longest lengths: as long as the Chinese fields they stand beside. */
    static final java.util.Map<String, Integer> ENGLISH = java.util.Map.of("majorEn", CatalogService.MAJOR_NAME_MAX,
            "nameEn", CatalogService.NAME_MAX, "residentNameEn", CatalogService.NAME_MAX);

    /** The problems of a subclass's optional English names in the pack, at {@code at}. */
    static void englishProblems(JsonNode o, String at, List<Problem.FieldError> errors) {
        for (var e : ENGLISH.entrySet()) {
            JsonNode v = o.path(e.getKey());
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            if (!v.isTextual()) {
                errors.add(new Problem.FieldError(at + "/" + e.getKey(), "must be a text"));
            } else if (v.asText().trim().length() > e.getValue()) {
                errors.add(new Problem.FieldError(at + "/" + e.getKey(), "must have at most " + e.getValue() + " characters"));
            }
        }
    }

    /** The problems of an exported catalog's subclasses: kinds, codes, departments, rule versions. */
    private List<Problem.FieldError> classProblems(JsonNode classes, java.util.Set<String> departments) {
        List<Problem.FieldError> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            JsonNode c = classes.get(i);
            String at = "tenant.yaml#/catalog/classes/" + i;
            String kind = c.path("kind").asText("").toUpperCase();
            if (!kind.equals("COMPONENT") && !kind.equals("EVENT")) {
                errors.add(new Problem.FieldError(at + "/kind", "must be component or event"));
            }
            if (!c.path("code").asText("").matches("^[0-9]{4}$")) {
                errors.add(new Problem.FieldError(at + "/code", "must be 4 digits"));
            } else if (!seen.add(kind + "/" + c.path("code").asText())) {
                errors.add(new Problem.FieldError(at + "/code", "is listed twice"));
            }
            englishProblems(c, at, errors);
            for (String field : List.of("name", "majorName")) {
                if (c.path(field).asText("").isBlank()) {
                    errors.add(new Problem.FieldError(at + "/" + field, "is required"));
                }
            }
            if (!departments.contains(c.path("departmentCode").asText())) {
                errors.add(new Problem.FieldError(at + "/departmentCode", "names no department of the baseline or of "
                        + "the pack's departments section"));
            }
            JsonNode rules = c.path("rules");
            if (!rules.isArray() || rules.isEmpty()) {
                errors.add(new Problem.FieldError(at + "/rules", "give at least one rule version"));
            }
            for (int r = 0; r < rules.size(); r++) {
                String ruleAt = at + "/rules/" + r;
                try {
                    CatalogService.RuleSpec spec = rule(rules.get(r));
                    CatalogService.ruleProblems(spec.weight(), spec.conditions()).forEach(e -> errors.add(
                            new Problem.FieldError(ruleAt + "/" + e.field().replace("baseCaseWeight", "weight"), e.message())));
                } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                    errors.add(new Problem.FieldError(ruleAt, "the rule version cannot be read: " + e.getMessage()));
                }
            }
            JsonNode routes = c.path("routing");
            for (int r = 0; r < routes.size(); r++) {
                if (!departments.contains(routes.get(r).path("department").asText())) {
                    errors.add(new Problem.FieldError(at + "/routing/" + r + "/department", "names no department of the "
                            + "baseline or of the pack's departments section"));
                }
            }
        }
        return errors;
    }

    private CatalogService.RuleSpec rule(JsonNode r) throws com.fasterxml.jackson.core.JsonProcessingException {
        return new CatalogService.RuleSpec(Instant.parse(r.path("effectiveFrom").asText()),
                r.path("weight").decimalValue(), json.treeToValue(r.path("conditions"),
                json.getTypeFactory().constructCollectionType(List.class, FilingCondition.class)));
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode classes = pack.section("catalog").path("classes");
        if (classes.isArray()) {
            restore(classes);
        } else {
            catalog.copyBaseline(effectiveFrom(pack, city.timeZone(), new ArrayList<>()), "tenant-pack");
        }
        for (JsonNode o : pack.section("catalog").path("overrides")) {
            CatalogClass.Kind kind = CatalogClass.Kind.valueOf(o.path("kind").asText().toUpperCase());
            String code = o.path("code").asText();
            catalog.update(kind, code, new CatalogService.ClassChange(text(o, "name"), null, text(o, "departmentCode"),
                    null, bool(o, "keyClass"), bool(o, "minor"), null, null, null, null, null, text(o, "residentName"),
                    bool(o, "hidden"), null, o.hasNonNull("localLevel")
                    ? CatalogClass.LocalLevel.of(o.get("localLevel").asText()) : null, text(o, "majorEn"),
                    text(o, "nameEn"), text(o, "residentNameEn")), "tenant-pack");
            if (o.has("routing")) {
                List<RoutingService.Override> routes = new ArrayList<>();
                o.path("routing").forEach(r -> routes.add(new RoutingService.Override(r.path("area").asText(),
                        r.path("department").asText())));
                routing.setOverrides(kind, code, routes, "tenant-pack");
            }
        }
    }

    private void restore(JsonNode classes) {
        for (JsonNode n : classes) {
            CatalogClass c = new CatalogClass();
            c.kind = CatalogClass.Kind.valueOf(n.path("kind").asText().toUpperCase());
            c.code = n.path("code").asText();
            c.majorName = n.path("majorName").asText();
            c.name = n.path("name").asText();
            c.departmentCode = n.path("departmentCode").asText();
            c.route = n.hasNonNull("route") ? CatalogClass.Route.valueOf(n.get("route").asText().toUpperCase())
                    : c.kind == CatalogClass.Kind.COMPONENT ? CatalogClass.Route.OWNER : CatalogClass.Route.LOCALITY;
            c.keyClass = n.path("keyClass").asBoolean(false);
            c.minor = n.path("minor").asBoolean(false);
            c.duplicateRadiusM = n.path("duplicateRadiusM").asInt(0);
            c.duplicateWindowHours = n.path("duplicateWindowHours").asInt(0);
            c.evidenceBefore = n.path("evidenceBefore").asBoolean(false);
            c.evidenceAfter = n.path("evidenceAfter").asBoolean(false);
            c.icon = text(n, "icon");
            c.residentName = text(n, "residentName");
            c.majorNameEn = CatalogService.optionalText("majorEn", text(n, "majorEn"), CatalogService.MAJOR_NAME_MAX);
            c.nameEn = CatalogService.optionalText("nameEn", text(n, "nameEn"), CatalogService.NAME_MAX);
            c.residentNameEn = CatalogService.optionalText("residentNameEn", text(n, "residentNameEn"),
                    CatalogService.NAME_MAX);
            c.hiddenFromResidents = n.path("hidden").asBoolean(false);
            c.active = n.path("active").asBoolean(true);
            c.localLevel = n.hasNonNull("localLevel") ? CatalogClass.LocalLevel.of(n.get("localLevel").asText())
                    : CatalogClass.LocalLevel.NONE;
            List<CatalogService.RuleSpec> rules = new ArrayList<>();
            try {
                for (JsonNode r : n.path("rules")) {
                    rules.add(rule(r));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("tenant.yaml#/catalog/classes cannot be read", e);
            }
            catalog.restore(c, rules, "tenant-pack");
            if (n.path("routing").size() > 0) {
                List<RoutingService.Override> routes = new ArrayList<>();
                n.path("routing").forEach(r -> routes.add(new RoutingService.Override(r.path("area").asText(),
                        r.path("department").asText())));
                routing.setOverrides(c.kind, c.code, routes, "tenant-pack");
            }
        }
    }

    /**
     * The whole catalog as {@code catalog.classes}: every subclass, active or not, with its attributes, routing
     * overrides and every rule version (weight, filing conditions, time limits, closing standard) with its moment.
     */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        var list = out.section("catalog").putArray("classes");
        for (CatalogClass c : catalog.all()) {
            var n = list.addObject();
            n.put("kind", c.kind.name().toLowerCase()).put("code", c.code).put("majorName", c.majorName).put("name", c.name)
                    .put("departmentCode", c.departmentCode).put("route", c.route.name().toLowerCase())
                    .put("keyClass", c.keyClass).put("minor", c.minor).put("duplicateRadiusM", c.duplicateRadiusM)
                    .put("duplicateWindowHours", c.duplicateWindowHours).put("evidenceBefore", c.evidenceBefore)
                    .put("evidenceAfter", c.evidenceAfter);
            if (c.icon != null) {
                n.put("icon", c.icon);
            }
            if (c.residentName != null) {
                n.put("residentName", c.residentName);
            }
            if (c.majorNameEn != null) {
                n.put("majorEn", c.majorNameEn);
            }
            if (c.nameEn != null) {
                n.put("nameEn", c.nameEn);
            }
            if (c.residentNameEn != null) {
                n.put("residentNameEn", c.residentNameEn);
            }
            n.put("hidden", c.hiddenFromResidents).put("active", c.active)
                    .put("localLevel", c.localLevel.name().toLowerCase());
            var routes = n.putArray("routing");
            routing.overrides(c.kind, c.code).forEach(r -> routes.addObject().put("area", r.area())
                    .put("department", r.department()));
            var rules = n.putArray("rules");
            for (CatalogRule r : catalog.rules(c)) {
                var rule = rules.addObject().put("effectiveFrom", r.effectiveFrom.toString())
                        .put("weight", r.baseCaseWeight);
                rule.set("conditions", json.valueToTree(catalog.conditions(r)));
            }
        }
    }

    private static String text(JsonNode o, String key) {
        return o.hasNonNull(key) ? o.get(key).asText() : null;
    }

    private static Boolean bool(JsonNode o, String key) {
        return o.hasNonNull(key) ? o.get(key).asBoolean() : null;
    }

    @Override
    public int order() {
        return 20;
    }

    private Instant effectiveFrom(TenantPack pack, String zone, List<Problem.FieldError> errors) {
        JsonNode value = pack.section("catalog").path("effectiveFrom");
        if (value.isMissingNode() || value.isNull()) {
            return clock.instant();
        }
        try {
            return LocalDate.parse(value.asText()).atStartOfDay(ZoneId.of(zone)).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("tenant.yaml#/catalog/effectiveFrom", "must be a date like 2026-01-01"));
            return clock.instant();
        }
    }
}
