package city.gridcity.department;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every new city starts with the baseline departments its baseline catalog routes to, then the
 * pack's {@code departments} section adds its own (or renames a baseline one, by its code):
 * {@code [{code, name, kind, areaCodes}]}.
 */
@ApplicationScoped
public class DepartmentPackContent implements PackContent {

    private final DepartmentService departments;

    DepartmentPackContent(DepartmentService departments) {
        this.departments = departments;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        JsonNode list = pack.section("departments");
        if (list.isMissingNode()) {
            return errors;
        }
        if (!list.isArray()) {
            errors.add(new Problem.FieldError("tenant.yaml#/departments", "must be a list of departments"));
            return errors;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode d = list.get(i);
            String at = "tenant.yaml#/departments/" + i;
            if (!d.path("code").asText("").matches("^[a-z0-9][a-z0-9-]{1,63}$")) {
                errors.add(new Problem.FieldError(at + "/code", "must be 2-64 lowercase letters, digits or '-'"));
            }
            if (d.path("name").asText("").isBlank() || d.path("name").asText("").length() > 100) {
                errors.add(new Problem.FieldError(at + "/name", "is required, at most 100 characters"));
            }
            try {
                Department.Kind.valueOf(d.path("kind").asText(""));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at + "/kind", "must be one of " + List.of(Department.Kind.values())));
            }
            JsonNode areas = d.path("areaCodes");
            for (int a = 0; a < areas.size(); a++) {
                if (!areas.get(a).asText().matches("^[0-9]{6}([0-9]{3}){0,2}$")) {
                    errors.add(new Problem.FieldError(at + "/areaCodes/" + a, "must be a district, street or community code"));
                }
            }
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        departments.createBaseline();
        for (JsonNode d : pack.section("departments")) {
            List<String> areas = new java.util.ArrayList<>();
            d.path("areaCodes").forEach(a -> areas.add(a.asText()));
            var spec = new DepartmentService.DepartmentSpec(d.path("code").asText(), d.path("name").asText(),
                    Department.Kind.valueOf(d.path("kind").asText()), areas, !d.has("active") || d.get("active").asBoolean());
            if (departments.find(spec.code()).isPresent()) {
                departments.update(spec.code(), spec);
            } else {
                departments.create(spec);
            }
        }
    }

    /** Every department of the city, the baseline ones included (a city may rename or retire them). */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        var list = out.list("departments");
        for (Department d : departments.list()) {
            var node = list.addObject().put("code", d.code).put("name", d.name).put("kind", d.kind.name());
            var areas = node.putArray("areaCodes");
            if (d.areaCodes != null) {
                java.util.Arrays.stream(d.areaCodes).sorted().forEach(areas::add);
            }
            if (!d.active) {
                node.put("active", false);
            }
        }
    }

    @Override
    public int order() {
        return 1;
    }
}
