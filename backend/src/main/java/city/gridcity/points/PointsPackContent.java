package city.gridcity.points;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack's {@code points} section: the city's first point rules, in force from {@code effectiveFrom}
 * (a date in the city's time zone; the first of January of this year when left out).
 */
@ApplicationScoped
public class PointsPackContent implements PackContent {

    private final PointRulesService rules;
    private final ObjectMapper json;

    PointsPackContent(PointRulesService rules, ObjectMapper json) {
        this.rules = rules;
        this.json = json;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        JsonNode p = pack.section("points");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (p.isMissingNode()) {
            return errors;
        }
        try {
            read(p).problems().forEach(e -> errors.add(new Problem.FieldError("tenant.yaml#/points/" + e.field(), e.message())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new Problem.FieldError("tenant.yaml#/points", "the point rules cannot be read: " + e.getMessage()));
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode p = pack.section("points");
        if (p.isMissingNode()) {
            return;
        }
        LocalDate from = p.hasNonNull("effectiveFrom") ? LocalDate.parse(p.get("effectiveFrom").asText())
                : LocalDate.now(ZoneId.of(city.timeZone())).withDayOfYear(1);
        try {
            rules.load(read(p), from.atStartOfDay(ZoneId.of(city.timeZone())).toInstant(), "pack");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tenant.yaml#/points cannot be read", e);
        }
    }

    /** The rules in force now (the newest when none is yet), from the day their version took effect. */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        var version = rules.inForceNow().or(() -> rules.versions().stream().reduce((a, b) -> b));
        version.ifPresent(v -> {
            ObjectNode p = out.section("points");
            p.put("effectiveFrom", v.effectiveFrom().atZone(ZoneId.of(out.city().timeZone())).toLocalDate().toString());
            p.setAll((ObjectNode) json.valueToTree(v.rules()));
        });
    }

    private PointRules read(JsonNode section) throws JsonProcessingException {
        ObjectNode copy = section.deepCopy();
        copy.remove("effectiveFrom");
        return json.treeToValue(copy, PointRules.class);
    }

    @Override
    public int order() {
        return 40;
    }
}
