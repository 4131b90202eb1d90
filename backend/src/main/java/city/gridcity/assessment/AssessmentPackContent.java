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
        for (int i = 0; i < list.size(); i++) {
            String at = AT + "schemes/" + i + "/";
            try {
                Scheme s = json.treeToValue(list.get(i), Scheme.class);
                SchemeRules.problems(s).forEach(e -> errors.add(new Problem.FieldError(at + e.field(), e.message())));
                read.put(s.code(), s);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at, "the scheme cannot be read: " + e.getMessage()));
            }
        }
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
