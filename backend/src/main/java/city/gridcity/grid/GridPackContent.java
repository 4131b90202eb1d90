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
    private final GridQueries queries;
    private final GridLocator locator;
    private final ObjectMapper json = new ObjectMapper();

    GridPackContent(GridImportService imports, GridQueries queries, GridLocator locator) {
        this.imports = imports;
        this.queries = queries;
        this.locator = locator;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        effectiveFrom(pack, errors);
        if (pack.files() == null || !pack.files().has(LAYOUT_FILE)) {
            return errors;
        }
        JsonNode layout = read(pack, LAYOUT_FILE, errors);
        if (layout != null) {
            imports.check(layout).forEach(p -> errors.add(new Problem.FieldError(LAYOUT_FILE + "#" + p.where(),
                    p.kind() + ": " + p.message())));
        }
        JsonNode later = pack.section("grid").path("layouts");
        for (int i = 0; i < later.size(); i++) {
            String at = "tenant.yaml#/grid/layouts/" + i;
            String file = later.get(i).path("file").asText("");
            try {
                LocalDate.parse(later.get(i).path("effectiveFrom").asText());
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError(at + "/effectiveFrom", "must be a date like 2027-01-01"));
            }
            if (!pack.files().has(file)) {
                errors.add(new Problem.FieldError(at + "/file", "names no file of the pack: " + file));
                continue;
            }
            JsonNode redrawn = read(pack, file, errors);
            if (redrawn != null) {
                imports.check(redrawn).forEach(p -> errors.add(new Problem.FieldError(file + "#" + p.where(),
                        p.kind() + ": " + p.message())));
            }
        }
        return errors;
    }

    /**
     * The layout in force today as {@code grid/layout.geojson} and each later one (already imported, taking effect on
     * a day to come) as {@code grid/layout-v{version}.geojson} under {@code grid.layouts}. Layouts that no longer apply
     * stay out: they only located the cases of their time, and cases are not part of a pack.
     */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        List<GridLayout> layouts = queries.layouts();
        if (layouts.isEmpty()) {
            return;
        }
        LocalDate today = locator.today(out.city());
        GridLayout current = layouts.stream().filter(l -> !l.effectiveFrom.isAfter(today))
                .max(java.util.Comparator.comparing(l -> l.effectiveFrom))
                .orElseGet(() -> layouts.stream().min(java.util.Comparator.comparing(l -> l.effectiveFrom)).orElseThrow());
        var grid = out.section("grid").put("effectiveFrom", current.effectiveFrom.toString());
        out.file(LAYOUT_FILE, geoJson(current));
        var later = grid.putArray("layouts");
        layouts.stream().filter(l -> l.effectiveFrom.isAfter(current.effectiveFrom))
                .sorted(java.util.Comparator.comparing(l -> l.effectiveFrom)).forEach(l -> {
                    String file = "grid/layout-v" + l.version + ".geojson";
                    later.addObject().put("file", file).put("effectiveFrom", l.effectiveFrom.toString());
                    out.file(file, geoJson(l));
                });
        if (later.isEmpty()) {
            grid.remove("layouts");
        }
    }

    private byte[] geoJson(GridLayout layout) {
        var collection = json.createObjectNode().put("type", "FeatureCollection");
        var features = collection.putArray("features");
        for (GridLevel level : GridLevel.values()) {
            features.addAll((com.fasterxml.jackson.databind.node.ArrayNode) queries.featureCollection(layout, level, null)
                    .get("features"));
        }
        try {
            return json.writeValueAsBytes(collection);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        if (pack.files() == null || !pack.files().has(LAYOUT_FILE)) {
            return;
        }
        imports.importLayout(read(pack, LAYOUT_FILE, new ArrayList<>()), effectiveFrom(pack, new ArrayList<>()), false,
                "tenant-pack");
        for (JsonNode later : pack.section("grid").path("layouts")) {
            imports.importLayout(read(pack, later.path("file").asText(), new ArrayList<>()),
                    LocalDate.parse(later.path("effectiveFrom").asText()), false, "tenant-pack");
        }
    }

    @Override
    public int order() {
        return 10;
    }

    private JsonNode read(TenantPack pack, String file, List<Problem.FieldError> errors) {
        try {
            return json.readTree(pack.files().get(file));
        } catch (IOException e) {
            errors.add(new Problem.FieldError(file + "#", "is not valid JSON: " + e.getMessage()));
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
