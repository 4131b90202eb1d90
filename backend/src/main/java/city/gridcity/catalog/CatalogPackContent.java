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
 * departmentCode, keyClass, minor, hidden, residentName, localLevel, routing: [{area, department}]}]}.
 */
@ApplicationScoped
public class CatalogPackContent implements PackContent {

    private final CatalogService catalog;
    private final RoutingService routing;
    private final Clock clock;

    CatalogPackContent(CatalogService catalog, RoutingService routing, Clock clock) {
        this.catalog = catalog;
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        effectiveFrom(pack, "UTC", errors);
        JsonNode overrides = pack.section("catalog").path("overrides");
        java.util.Set<String> known = new java.util.HashSet<>();
        catalog.baseline().forEach(b -> known.add(b.kind().name() + "/" + b.code()));
        java.util.Set<String> departments = new java.util.HashSet<>();
        city.gridcity.department.DepartmentService.baseline().forEach(d -> departments.add(d.code()));
        pack.section("departments").forEach(d -> departments.add(d.path("code").asText()));
        for (int i = 0; i < overrides.size(); i++) {
            JsonNode o = overrides.get(i);
            String at = "tenant.yaml#/catalog/overrides/" + i;
            String key = o.path("kind").asText("").toUpperCase() + "/" + o.path("code").asText("");
            if (!known.contains(key)) {
                errors.add(new Problem.FieldError(at, "kind and code must name a subclass of the national baseline "
                        + "(e.g. kind: event, code: \"0506\"), not " + key));
            }
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

    @Override
    public void load(TenantPack pack, TenantRef city) {
        catalog.copyBaseline(effectiveFrom(pack, city.timeZone(), new ArrayList<>()), "tenant-pack");
        for (JsonNode o : pack.section("catalog").path("overrides")) {
            CatalogClass.Kind kind = CatalogClass.Kind.valueOf(o.path("kind").asText().toUpperCase());
            String code = o.path("code").asText();
            catalog.update(kind, code, new CatalogService.ClassChange(text(o, "name"), null, text(o, "departmentCode"),
                    null, bool(o, "keyClass"), bool(o, "minor"), null, null, null, null, null, text(o, "residentName"),
                    bool(o, "hidden"), null, o.hasNonNull("localLevel")
                    ? CatalogClass.LocalLevel.of(o.get("localLevel").asText()) : null), "tenant-pack");
            if (o.has("routing")) {
                List<RoutingService.Override> routes = new ArrayList<>();
                o.path("routing").forEach(r -> routes.add(new RoutingService.Override(r.path("area").asText(),
                        r.path("department").asText())));
                routing.setOverrides(kind, code, routes, "tenant-pack");
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
