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
 * {@code catalog.effectiveFrom} of tenant.yaml (a date in the city's time zone; creation time when absent).
 */
@ApplicationScoped
public class CatalogPackContent implements PackContent {

    private final CatalogService catalog;
    private final Clock clock;

    CatalogPackContent(CatalogService catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        effectiveFrom(pack, "UTC", errors);
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        catalog.copyBaseline(effectiveFrom(pack, city.timeZone(), new ArrayList<>()), "tenant-pack");
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
