package city.gridcity.grid;

import city.gridcity.grid.geo.LocalArea;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import city.gridcity.audit.AdminAudit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;

/**
 * Imports a city's grid layout: reads and validates the whole file, then stores it as a new version
 * in one transaction, all or nothing. A dry run only validates.
 */
@ApplicationScoped
public class GridImportService {

    /** How many problems a refusal lists; the count says how many there were in all. */
    static final int MAX_LISTED_PROBLEMS = 1000;

    private final GridLocator locator;
    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final double toleranceM2;
    private final AdminAudit audit;

    GridImportService(GridLocator locator, EntityManager em, TransactionSynchronizationRegistry transactions, Clock clock,
                      @ConfigProperty(name = "gridcity.grid.tolerance-m2", defaultValue = "1.0") double toleranceM2,
                      AdminAudit audit) {
        this.audit = audit;
        this.locator = locator;
        this.em = em;
        this.transactions = transactions;
        this.clock = clock;
        this.toleranceM2 = toleranceM2;
    }

    /** What an import found and, unless a dry run, stored. */
    public record ImportReport(boolean valid, boolean dryRun, Integer version, LocalDate effectiveFrom,
                               Map<String, Integer> counts, int problemCount, List<GridProblem> problems) {
    }

    /** Every problem of a layout, without storing anything and without needing a city. */
    public List<GridProblem> check(JsonNode collection) {
        LayoutReader.Result read = new LayoutReader().read(collection);
        List<GridProblem> problems = new java.util.ArrayList<>(read.problems());
        problems.addAll(new LayoutValidator(toleranceM2).validate(read.features(), read.unreadableCodes()));
        problems.sort(java.util.Comparator.comparingInt(GridProblem::index));
        return problems;
    }

    /**
     * Validates {@code collection} and, unless {@code dryRun}, stores it as the current city's next
     * layout version, in force from {@code effectiveFrom} (today in the city's time zone when null).
     *
     * @throws ProblemException 400 listing every problem when the layout is invalid and this is not
     *                          a dry run; 409 when a layout already takes effect on that date
     */
    public ImportReport importLayout(JsonNode collection, LocalDate effectiveFrom, boolean dryRun, String importedBy) {
        TenantRef city = locator.city().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Grids belong to a city; sign in as a user of a city."));
        LocalDate from = effectiveFrom != null ? effectiveFrom : LocalDate.now(clock.withZone(ZoneId.of(city.timeZone())));
        LayoutReader.Result read = new LayoutReader().read(collection);
        List<GridProblem> problems = new java.util.ArrayList<>(read.problems());
        problems.addAll(new LayoutValidator(toleranceM2).validate(read.features(), read.unreadableCodes()));
        problems.sort(java.util.Comparator.comparingInt(GridProblem::index));
        Map<String, Integer> counts = counts(read.features());
        if (dryRun || !problems.isEmpty()) {
            if (!dryRun) {
                throw refusal(problems);
            }
            return new ImportReport(problems.isEmpty(), true, null, from, counts, problems.size(),
                    problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS)));
        }
        int version = QuarkusTransaction.joiningExisting().call(() -> store(city, read.features(), from, importedBy));
        return new ImportReport(true, false, version, from, counts, 0, List.of());
    }

    private int store(TenantRef city, List<GridFeature> features, LocalDate from, String importedBy) {
        // One import per city at a time: versions and dates are decided under this lock.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "grid-import:" + city.code())
                .getSingleResult();
        LocalDate today = locator.today(city);
        if (from.isBefore(today) && GridLayout.count() > 0) {
            throw ProblemException.invalid("effectiveFrom", "a redrawn layout cannot take effect before today (" + today
                    + "): what was located in the past stays in the layout of its day");
        }
        if (GridLayout.count("effectiveFrom", from) > 0) {
            throw ProblemException.conflict("layout-date-taken", "effectiveFrom", "A layout already takes effect on "
                    + from + "; choose another date.");
        }
        Integer latest = em.createQuery("select max(l.version) from GridLayout l", Integer.class).getSingleResult();
        Map<GridLevel, Integer> byLevel = new EnumMap<>(GridLevel.class);
        features.forEach(f -> byLevel.merge(f.level(), 1, Integer::sum));
        GridLayout layout = new GridLayout();
        layout.version = latest == null ? 1 : latest + 1;
        layout.effectiveFrom = from;
        layout.importedAt = Instant.now(clock);
        layout.importedBy = importedBy;
        layout.districtCount = byLevel.getOrDefault(GridLevel.DISTRICT, 0);
        layout.streetCount = byLevel.getOrDefault(GridLevel.STREET, 0);
        layout.communityCount = byLevel.getOrDefault(GridLevel.COMMUNITY, 0);
        layout.managementCount = byLevel.getOrDefault(GridLevel.MANAGEMENT, 0);
        layout.unitCount = byLevel.getOrDefault(GridLevel.UNIT, 0);
        layout.keyAreaCount = byLevel.getOrDefault(GridLevel.KEY_AREA, 0);
        layout.persistAndFlush();
        insertUnits(city.code(), layout.id, features);
        audit.changed(AdminAudit.Area.GRID, "v" + layout.version, "layoutImported", null,
                "from " + from + " · " + layout.districtCount + "/" + layout.streetCount + "/" + layout.communityCount + "/"
                        + layout.managementCount + "/" + layout.unitCount + " · " + layout.keyAreaCount);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    locator.invalidate(city.code());
                }
            }
        });
        return layout.version;
    }

    /** Plain JDBC batches on the transaction's connection, so row-level security checks every row. */
    private void insertUnits(String tenantId, long layoutId, List<GridFeature> features) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO grid_unit (tenant_id, layout_id, level, code, name, parent_code, area_class, community_type,
                        patrol_factor, area_m2, min_lon, min_lat, max_lon, max_lat, geometry)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                WKBWriter wkb = new WKBWriter();
                int pending = 0;
                for (GridFeature f : features) {
                    Envelope env = f.geometry().getEnvelopeInternal();
                    ps.setString(1, tenantId);
                    ps.setLong(2, layoutId);
                    ps.setString(3, f.level().name());
                    ps.setString(4, f.code());
                    ps.setString(5, f.name());
                    ps.setString(6, f.parentCode());
                    ps.setString(7, f.areaClass() == null ? null : f.areaClass().name());
                    ps.setString(8, f.communityType() == null ? null : f.communityType().name());
                    ps.setObject(9, f.patrolFactor());
                    ps.setDouble(10, LocalArea.squareMetres(f.geometry()));
                    ps.setDouble(11, env.getMinX());
                    ps.setDouble(12, env.getMinY());
                    ps.setDouble(13, env.getMaxX());
                    ps.setDouble(14, env.getMaxY());
                    ps.setBytes(15, wkb.write(f.geometry()));
                    ps.addBatch();
                    if (++pending == 500) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        });
    }

    private static Map<String, Integer> counts(List<GridFeature> features) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (GridLevel level : GridLevel.values()) {
            counts.put(level.wireName(), 0);
        }
        features.forEach(f -> counts.merge(f.level().wireName(), 1, Integer::sum));
        return counts;
    }

    private static ProblemException refusal(List<GridProblem> problems) {
        List<Problem.FieldError> errors = problems.stream().limit(MAX_LISTED_PROBLEMS)
                .map(p -> new Problem.FieldError(p.where(), p.kind() + ": " + p.message())).toList();
        String detail = "The layout has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + (problems.size() > MAX_LISTED_PROBLEMS ? " (the first " + MAX_LISTED_PROBLEMS + " are listed)" : "")
                + "; nothing was imported. Fix them and import again (use dryRun=true to check first).";
        return new ProblemException(400, "invalid-layout", "Invalid grid layout", detail, errors, null);
    }
}
