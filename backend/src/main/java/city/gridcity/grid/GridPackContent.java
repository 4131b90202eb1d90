package city.gridcity.grid;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid part of a tenant pack: {@code grid/layout.geojson}, imported as the city's first layout,
 * in force from {@code grid.effectiveFrom} of tenant.yaml (the city's creation day when absent).
 */
@ApplicationScoped
public class GridPackContent implements PackContent {

    static final String LAYOUT_FILE = "grid/layout.geojson";

    private final GridImportService imports;
    private final ObjectMapper json = new ObjectMapper();

    GridPackContent(GridImportService imports) {
        this.imports = imports;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        effectiveFrom(pack, errors);
        if (pack.files() == null || !pack.files().has(LAYOUT_FILE)) {
            return errors;
        }
        JsonNode layout = read(pack, errors);
        if (layout != null) {
            imports.check(layout).forEach(p -> errors.add(new Problem.FieldError(LAYOUT_FILE + "#" + p.where(),
                    p.kind() + ": " + p.message())));
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        if (pack.files() == null || !pack.files().has(LAYOUT_FILE)) {
            return;
        }
        imports.importLayout(read(pack, new ArrayList<>()), effectiveFrom(pack, new ArrayList<>()), false, "tenant-pack");
    }

    @Override
    public int order() {
        return 10;
    }

    private JsonNode read(TenantPack pack, List<Problem.FieldError> errors) {
        try {
            return json.readTree(pack.files().get(LAYOUT_FILE));
        } catch (IOException e) {
            errors.add(new Problem.FieldError(LAYOUT_FILE + "#", "is not valid JSON: " + e.getMessage()));
            return null;
        }
    }

    private static LocalDate effectiveFrom(TenantPack pack, List<Problem.FieldError> errors) {
        JsonNode value = pack.section("grid").path("effectiveFrom");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("tenant.yaml#/grid/effectiveFrom", "must be a date like 2026-01-01"));
            return null;
        }
    }
}
