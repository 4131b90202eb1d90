package city.gridcity.grid;

import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Layouts uploaded on the administrator's grid page: checked as a dry run when uploaded, kept with their report
 * so the page can show the problems and draw the file after its redirect, and imported from the kept file, the
 * very one that was checked. A city keeps its latest {@value #KEPT} drafts.
 */
@ApplicationScoped
public class GridDrafts {

    static final int KEPT = 5;

    private final GridImportService imports;
    private final ObjectMapper json;
    private final Clock clock;
    private final city.gridcity.audit.AdminAudit audit;

    GridDrafts(GridImportService imports, ObjectMapper json, Clock clock, city.gridcity.audit.AdminAudit audit) {
        this.audit = audit;
        this.imports = imports;
        this.json = json;
        this.clock = clock;
    }

    /** A draft and its report, as the page reads it. */
    public record Draft(long id, String fileName, String uploadedBy, Instant uploadedAt, LocalDate effectiveFrom,
                        boolean valid, Integer importedVersion, GridImportService.ImportReport report) {
    }

    /**
     * Checks the uploaded bytes as a dry run and keeps them with the report, valid or not.
     *
     * @throws ProblemException 400 naming {@code file} when the bytes are not a GeoJSON document at all
     */
    @Transactional
    public long upload(byte[] bytes, String fileName, LocalDate effectiveFrom, String by) {
        JsonNode collection;
        try {
            collection = json.readTree(bytes);
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("file", "is not JSON: upload a GeoJSON FeatureCollection (.geojson or .json)");
        }
        if (collection == null || !collection.isObject()) {
            throw ProblemException.invalid("file", "upload a GeoJSON FeatureCollection (.geojson or .json)");
        }
        GridImportService.ImportReport report = imports.importLayout(collection, effectiveFrom, true, by);
        GridDraft d = new GridDraft();
        d.fileName = fileName == null || fileName.isBlank() ? "layout.geojson"
                : fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
        d.uploadedBy = by;
        d.uploadedAt = Instant.now(clock);
        d.effectiveFrom = report.effectiveFrom();
        d.body = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        d.report = write(report);
        d.valid = report.valid();
        d.persist();
        audit.changed(city.gridcity.audit.AdminAudit.Area.GRID, "draft #" + d.id + " " + d.fileName, "draftUploaded", null,
                (report.valid() ? "valid" : report.problemCount() + " problems") + " · from " + d.effectiveFrom);
        List<GridDraft> older = GridDraft.find("order by uploadedAt desc, id desc").page(KEPT, 1000).list();
        older.forEach(GridDraft::delete);
        return d.id;
    }

    public Draft get(long id) {
        return view(find(id));
    }

    public List<Draft> latest() {
        return GridDraft.<GridDraft>find("order by uploadedAt desc, id desc").page(0, KEPT).list().stream()
                .map(this::view).toList();
    }

    /**
     * The draft's features for a map, each marked {@code problem: true} when the report names it, with the
     * problem kinds it has.
     */
    public ObjectNode map(long id) {
        GridDraft d = find(id);
        Draft draft = view(d);
        try {
            JsonNode tree = json.readTree(d.body);
            ObjectNode out = json.createObjectNode();
            out.put("type", "FeatureCollection");
            ArrayNode features = out.putArray("features");
            JsonNode source = tree.path("features");
            Set<Integer> faulty = new HashSet<>();
            draft.report().problems().forEach(p -> faulty.add(p.index()));
            for (int i = 0; i < source.size(); i++) {
                JsonNode f = source.get(i);
                if (!f.isObject() || !f.path("geometry").isObject()) {
                    continue;
                }
                ObjectNode copy = json.createObjectNode();
                copy.put("type", "Feature");
                copy.set("geometry", f.get("geometry"));
                ObjectNode props = copy.putObject("properties");
                JsonNode p = f.path("properties");
                props.put("index", i);
                props.put("code", p.path("code").asText(""));
                props.put("name", p.path("name").asText(""));
                props.put("level", p.path("level").asText(""));
                props.put("problem", faulty.contains(i));
                features.add(copy);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored draft " + id + " is unreadable", e);
        }
    }

    /**
     * Imports the kept file as the city's next layout from {@code effectiveFrom} (the draft's date when null).
     *
     * @return the layout version
     * @throws ProblemException 400 listing every problem when the file is invalid; 409 when it was imported already
     *                          or a layout takes effect on that date
     */
    public int importDraft(long id, LocalDate effectiveFrom, String by) {
        GridDraft d = QuarkusTransaction.requiringNew().call(() -> find(id));
        if (d.importedVersion != null) {
            throw ProblemException.conflict("draft-imported", "This draft is layout version " + d.importedVersion
                    + " already; upload the file again to import it anew.");
        }
        JsonNode collection;
        try {
            collection = json.readTree(d.body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored draft " + id + " is unreadable", e);
        }
        LocalDate from = effectiveFrom == null ? d.effectiveFrom : effectiveFrom;
        return QuarkusTransaction.requiringNew().call(() -> {
            int version = imports.importLayout(collection, from, false, by).version();
            GridDraft kept = find(id);
            kept.importedVersion = version;
            audit.changed(city.gridcity.audit.AdminAudit.Area.GRID, "draft #" + kept.id + " " + kept.fileName, "draftImported",
                    null, "v" + version + " · from " + from);
            return version;
        });
    }

    private GridDraft find(long id) {
        // A query, not a load by id: the tenant filter applies to queries (and row-level security to both).
        GridDraft d = GridDraft.find("id", id).firstResult();
        if (d == null) {
            throw ProblemException.notFound("Grid draft " + id);
        }
        return d;
    }

    private Draft view(GridDraft d) {
        try {
            return new Draft(d.id, d.fileName, d.uploadedBy, d.uploadedAt, d.effectiveFrom, d.valid, d.importedVersion,
                    json.readValue(d.report, GridImportService.ImportReport.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored report of draft " + d.id + " is unreadable", e);
        }
    }

    private String write(GridImportService.ImportReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
