package city.gridcity.assessment;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pack's {@code assessment} section: the city's first schemes (a baseline at least) and campaign overlays,
 * in force from {@code effectiveFrom} (the first of January of this year when left out). Each is checked as
 * the API checks an edit; an overlay with the pack's scheme it stacks on.
 */
@ApplicationScoped
public class AssessmentPackContent implements PackContent {

    private static final String AT = "tenant.yaml#/assessment/";

    private final Schemes schemes;
    private final ObjectMapper json;
    private final Sources sources;
    private final city.gridcity.calendar.CalendarService calendar;

    AssessmentPackContent(Schemes schemes, ObjectMapper json, Sources sources,
                          city.gridcity.calendar.CalendarService calendar) {
        this.schemes = schemes;
        this.json = json;
        this.sources = sources;
        this.calendar = calendar;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        JsonNode a = pack.section("assessment");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (a.isMissingNode()) {
            return errors;
        }
        Map<String, Scheme> read = new HashMap<>();
        JsonNode list = a.path("schemes");
        Map<Integer, Scheme> byIndex = new java.util.TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = AT + "schemes/" + i + "/";
            try {
                Scheme s = json.treeToValue(list.get(i), Scheme.class);
                read.put(s.code(), s);
                byIndex.put(i, s);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at, "the scheme cannot be read: " + e.getMessage()));
            }
        }
        // Checked once all are read: a departments' scheme may link a districts' scheme listed after it.
        byIndex.forEach((i, s) -> SchemeRules.problems(s, code -> java.util.Optional.ofNullable(read.get(code)))
                .forEach(e -> errors.add(new Problem.FieldError(AT + "schemes/" + i + "/" + e.field(), e.message()))));
        JsonNode overlays = a.path("overlays");
        for (int i = 0; i < overlays.size(); i++) {
            String at = AT + "overlays/" + i + "/";
            try {
                Scheme.Overlay o = json.treeToValue(overlays.get(i), Scheme.Overlay.class);
                SchemeRules.problems(o, read.get(o.baseline()))
                        .forEach(e -> errors.add(new Problem.FieldError(at + e.field(), e.message())));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at, "the overlay cannot be read: " + e.getMessage()));
            }
        }
        JsonNode entries = a.path("sources");
        for (int i = 0; i < entries.size(); i++) {
            String at = AT + "sources/" + i + "/";
            if (SourceEntry.Source.fromWireName(entries.get(i).path("source").asText()).isEmpty()) {
                errors.add(new Problem.FieldError(at + "source", "use inspection, visit, supervision or survey"));
            }
            try {
                LocalDate.parse(entries.get(i).path("day").asText());
                entering(entries.get(i));
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new Problem.FieldError(at + "day", "give the day as YYYY-MM-DD"));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at, "the entry cannot be read: " + e.getMessage()));
            }
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode a = pack.section("assessment");
        if (a.isMissingNode()) {
            return;
        }
        LocalDate from = a.hasNonNull("effectiveFrom") ? LocalDate.parse(a.get("effectiveFrom").asText())
                : LocalDate.now(ZoneId.of(city.timeZone())).withDayOfYear(1);
        try {
            for (JsonNode node : a.path("schemes")) {
                Scheme s = json.treeToValue(node, Scheme.class);
                schemes.saveScheme(s.code(), from, s, "pack");
            }
            for (JsonNode node : a.path("overlays")) {
                Scheme.Overlay o = json.treeToValue(node, Scheme.Overlay.class);
                schemes.saveOverlay(o.code(), from, o, "pack");
            }
            // demo entries of the non-system sources (明察, 暗访, 社会监督, 公众评议); a day after today waits for a later pack
            LocalDate today = a.path("sources").isEmpty() ? null : calendar.today();
            for (JsonNode node : a.path("sources")) {
                if (LocalDate.parse(node.path("day").asText()).isAfter(today)) {
                    continue;
                }
                sources.enter(Sources.source(node.path("source").asText()), entering(node), "pack");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tenant.yaml#/assessment cannot be read", e);
        }
    }

    /**
     * Each scheme and overlay as in force today (the newest version when none is yet), all from the earliest of their
     * days: a pack gives its schemes one starting day, and the versions before today were the history of runs.
     */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        LocalDate today = LocalDate.now(ZoneId.of(out.city().timeZone()));
        List<Schemes.Version> current = schemes.current();
        if (current.isEmpty()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode a = out.section("assessment");
        LocalDate from = null;
        com.fasterxml.jackson.databind.node.ArrayNode schemeList = json.createArrayNode();
        com.fasterxml.jackson.databind.node.ArrayNode overlayList = json.createArrayNode();
        for (Schemes.Version newest : current) {
            Schemes.Version v = schemes.versions(newest.kind(), newest.code()).stream()
                    .filter(x -> !x.effectiveFrom().isAfter(today)).reduce((x, y) -> y).orElse(newest);
            from = from == null || v.effectiveFrom().isBefore(from) ? v.effectiveFrom() : from;
            (v.kind() == SchemeVersion.Kind.SCHEME ? schemeList : overlayList).add(v.body().deepCopy());
        }
        a.put("effectiveFrom", from.toString());
        a.set("schemes", schemeList);
        a.set("overlays", overlayList);
    }

    /** A pack's entry without its source, as the API takes it. */
    private Sources.Entering entering(JsonNode node) throws JsonProcessingException {
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        copy.remove("source");
        return json.treeToValue(copy, Sources.Entering.class);
    }

    @Override
    public int order() {
        return 50;
    }
}
