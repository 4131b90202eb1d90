package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Finds cases of the same problem near a point (重复): same subclass, within the subclass's radius and
 * time window. Core PostgreSQL only (no PostGIS): the (city, kind, subclass, reported) index narrows to
 * the window, a bounding box on the {@code point} column to the place, then the great-circle distance
 * decides. Runs as native SQL, so the table's row-level security keeps it inside the current city.
 * Open cases near a point are first looked up in the {@link OpenCaseIndex} (a report with no open case
 * of its kind nearby, the usual one, asks the database nothing); the rows of the candidates it
 * proposes are then read to confirm them.
 */
@ApplicationScoped
public class DuplicateFinder {

    /** Metres per degree of latitude; longitude degrees shrink with the cosine of the latitude. */
    private static final double METRES_PER_DEGREE = 111_320.0;
    /** A subclass with no radius still matches reports a few metres apart: the same spot, re-reported. */
    static final int MIN_RADIUS_M = 10;

    private final EntityManager em;
    private final OpenCaseIndex index;
    private final TenantContext tenant;

    DuplicateFinder(EntityManager em, OpenCaseIndex index, TenantContext tenant) {
        this.em = em;
        this.index = index;
        this.tenant = tenant;
    }

    /** A nearby case and how far it is. */
    public record Nearby(long id, String number, CaseState state, Instant reportedAt, int meTooCount, int distanceM,
                         String description) {
    }

    /** Open cases of the subclass near the point, reported within the window before {@code now}; nearest first. */
    public List<Nearby> openNear(CatalogClass.Kind kind, String classCode, double lon, double lat, int radiusM,
                                 int windowHours, Instant now, Long except) {
        Instant since = now.minus(Duration.ofHours(windowHours));
        int radius = Math.max(radiusM, MIN_RADIUS_M);
        String city = tenant.tenantCode().orElse(null);
        Optional<List<Long>> candidates = city == null ? Optional.empty() : index.candidates(city, kind, classCode, lon, lat,
                degreesOfLongitude(radius, lat), degreesOfLatitude(radius), since, now);
        if (candidates.isEmpty()) {
            return query("is_open", kind, classCode, lon, lat, radiusM, since, now, except, 10);
        }
        if (candidates.get().isEmpty()) {
            return List.of();
        }
        // The index proposes; the rows decide (still open, same subclass, in the window and the radius).
        List<Nearby> open = openAmong(candidates.get(), kind, classCode, lon, lat, since, now);
        if (open.size() < candidates.get().size()) {
            // Only what the database says is no longer open (or no longer this problem) leaves the index.
            Set<Long> stillOpen = open.stream().map(Nearby::id).collect(Collectors.toSet());
            candidates.get().stream().filter(id -> !stillOpen.contains(id)).forEach(id -> index.forget(city, id));
        }
        return open.stream().filter(n -> n.distanceM() <= radius && (except == null || n.id() != except))
                .sorted(Comparator.comparingInt(Nearby::distanceM).thenComparingLong(Nearby::id)).limit(10).toList();
    }

    /**
     * Which of the candidates are open cases of the subclass reported in the window, with their
     * distance. One statement whose text never changes, so each connection keeps it prepared; it looks
     * the rows up by key and nothing else, and the conditions are checked here. A measured reason: with
     * the conditions in the SQL, PostgreSQL's cached generic plan for the prepared statement took the
     * (city, kind, subclass, reported) index and read every case of the subclass in the window, 6 ms
     * a report once the city held 60,000 cases, a third of the database's time during intake. This
     * runs for every report that has open cases of its kind nearby, which in a busy city is most.
     */
    private List<Nearby> openAmong(List<Long> ids, CatalogClass.Kind kind, String classCode, double lon, double lat,
                                   Instant since, Instant until) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, number, state, reported_at, me_too_count, lon, lat, "
                    + "description, is_open, kind, class_code FROM city_case WHERE id = ANY(?)")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                List<Nearby> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Instant reportedAt = rs.getTimestamp(4).toInstant();
                        if (rs.getBoolean(9) && kind.name().equals(rs.getString(10)) && classCode.equals(rs.getString(11))
                                && !reportedAt.isBefore(since) && !reportedAt.isAfter(until)) {
                            rows.add(new Nearby(rs.getLong(1), rs.getString(2), CaseState.valueOf(rs.getString(3)),
                                    reportedAt, rs.getInt(5),
                                    (int) Math.round(metres(lon, lat, rs.getDouble(6), rs.getDouble(7))), rs.getString(8)));
                        }
                    }
                }
                return rows;
            }
        });
    }

    /** The great-circle distance, as the SQL of {@link #query} computes it. */
    public static double metres(double lon1, double lat1, double lon2, double lat2) {
        double a = Math.pow(Math.sin(Math.toRadians(lat2 - lat1) / 2), 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(Math.toRadians(lon2 - lon1) / 2), 2);
        return 6371008.8 * 2 * Math.asin(Math.sqrt(a));
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
        double dLat = degreesOfLatitude(radius);
        double dLon = degreesOfLongitude(radius, lat);
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

    private static double degreesOfLatitude(int radiusM) {
        return radiusM / METRES_PER_DEGREE;
    }

    private static double degreesOfLongitude(int radiusM, double lat) {
        return radiusM / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat))));
    }
}
