package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Finds cases of the same problem near a point (重复): same subclass, within the subclass's radius and
 * time window. Core PostgreSQL only (no PostGIS): a bounding box on the {@code point} column narrows
 * through its GiST index, then the great-circle distance decides. Runs as native SQL, so the table's
 * row-level security keeps it inside the current city.
 */
@ApplicationScoped
public class DuplicateFinder {

    /** Metres per degree of latitude; longitude degrees shrink with the cosine of the latitude. */
    private static final double METRES_PER_DEGREE = 111_320.0;
    /** A subclass with no radius still matches reports a few metres apart: the same spot, re-reported. */
    static final int MIN_RADIUS_M = 10;

    private final EntityManager em;

    DuplicateFinder(EntityManager em) {
        this.em = em;
    }

    /** A nearby case and how far it is. */
    public record Nearby(long id, String number, CaseState state, Instant reportedAt, int meTooCount, int distanceM,
                         String description) {
    }

    /** Open cases of the subclass near the point, reported within the window before {@code now}; nearest first. */
    public List<Nearby> openNear(CatalogClass.Kind kind, String classCode, double lon, double lat, int radiusM,
                                 int windowHours, Instant now, Long except) {
        return query("is_open", kind, classCode, lon, lat, radiusM, now.minus(Duration.ofHours(windowHours)), now, except, 10);
    }

    /**
     * The district supervisors' report of the same problem, if any, open or closed: two-level
     * supervision compares a city supervisor's report with it (rejected and voided ones never count).
     */
    public Optional<Nearby> districtReportNear(CatalogClass.Kind kind, String classCode, double lon, double lat,
                                               int radiusM, int windowHours, Instant now) {
        return query("source_channel = 'DISTRICT_SUPERVISOR' AND state NOT IN ('REJECTED', 'VOIDED')", kind, classCode,
                lon, lat, radiusM, now.minus(Duration.ofHours(windowHours)), now, null, 1).stream().findFirst();
    }

    /**
     * The earliest grid finding (supervisors, volunteers, staff channels such as video analytics) of
     * the same problem reported between {@code from} and {@code to}: what a hotline complaint is matched with.
     */
    public Optional<Nearby> gridFindingNear(CatalogClass.Kind kind, String classCode, double lon, double lat, int radiusM,
                                            Instant from, Instant to) {
        return query("source_channel IN ('DISTRICT_SUPERVISOR', 'CITY_SUPERVISOR', 'VOLUNTEER', 'STAFF') "
                + "AND state NOT IN ('REJECTED', 'VOIDED')", kind, classCode, lon, lat, radiusM, from, to, null, 1,
                "reported_at, id").stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<Nearby> query(String filter, CatalogClass.Kind kind, String classCode, double lon, double lat,
                               int radiusM, Instant since, Instant until, Long except, int limit) {
        return query(filter, kind, classCode, lon, lat, radiusM, since, until, except, limit, "d, id");
    }

    private List<Nearby> query(String filter, CatalogClass.Kind kind, String classCode, double lon, double lat,
                               int radiusM, Instant since, Instant until, Long except, int limit, String order) {
        int radius = Math.max(radiusM, MIN_RADIUS_M);
        double dLat = radius / METRES_PER_DEGREE;
        double dLon = radius / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat))));
        String distance = "6371008.8 * 2 * asin(sqrt(power(sin(radians(lat - ?2) / 2), 2) + cos(radians(?2)) "
                + "* cos(radians(lat)) * power(sin(radians(lon - ?1) / 2), 2)))";
        List<Object[]> rows = em.createNativeQuery("SELECT id, number, state, reported_at, me_too_count, d, description "
                        + "FROM (SELECT *, " + distance + " AS d FROM city_case "
                        + "WHERE " + filter + " AND location <@ box(point(?3, ?4), point(?5, ?6)) "
                        + "AND kind = ?7 AND class_code = ?8 AND reported_at >= ?9 AND reported_at <= ?12 AND id <> ?10) c "
                        + "WHERE d <= ?11 ORDER BY " + order + " LIMIT " + limit)
                .setParameter(1, lon).setParameter(2, lat)
                .setParameter(3, lon - dLon).setParameter(4, lat - dLat)
                .setParameter(5, lon + dLon).setParameter(6, lat + dLat)
                .setParameter(7, kind.name()).setParameter(8, classCode)
                .setParameter(9, since).setParameter(12, until)
                .setParameter(10, except == null ? -1L : except)
                .setParameter(11, (double) radius)
                .getResultList();
        return rows.stream().map(r -> new Nearby(((Number) r[0]).longValue(), (String) r[1], CaseState.valueOf((String) r[2]),
                CaseQueries.instant(r[3]), ((Number) r[4]).intValue(), (int) Math.round(((Number) r[5]).doubleValue()),
                (String) r[6])).toList();
    }
}
