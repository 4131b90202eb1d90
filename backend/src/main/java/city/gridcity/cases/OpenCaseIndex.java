package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.shared.db.AfterCompletion;
import city.gridcity.shared.db.ChangeNotifications;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where each city's open cases are, in memory, so the duplicate check of every report does not ask
 * the database (as {@code GridLocator} does not for the grid). It only proposes candidates: the
 * {@link DuplicateFinder} reads the candidates' rows to confirm them (still open, in the window, in
 * the radius), so an entry that went stale (a case closed on another replica) costs one look, never
 * a wrong answer.
 *
 * <p>Kept in step through {@link ChangeNotifications}: intake announces the cases it writes with the
 * transaction that writes them (delivered to every replica on commit, this one too), and a case that
 * closes here leaves the index on commit. A city's index is read once from the open cases; it is
 * trusted only while the change listener has been up since that read (otherwise the finder asks the
 * database, and the index starts afresh when the listener is back). A case that opens again (a
 * reopened report) drops the city's index, which is then read again.
 */
@ApplicationScoped
public class OpenCaseIndex {

    static final String TOPIC = "case-open";
    /** Cells of 0.01° (about 1.1 km north-south): a duplicate radius spans one to a few. */
    private static final double CELL_DEGREES = 0.01;
    /** pg_notify takes at most 8,000 bytes; announcements are split below that. */
    private static final int MAX_PAYLOAD = 7_000;

    /** Where an open case is, and since when. */
    record Entry(long id, CatalogClass.Kind kind, String classCode, double lon, double lat, Instant reportedAt) {
    }

    private record Cell(CatalogClass.Kind kind, String classCode, int x, int y) {
    }

    private static final class CityIndex {
        final long createdAt = System.nanoTime();
        final AtomicBoolean loading = new AtomicBoolean();
        volatile boolean ready;
        final Map<Long, Entry> byId = new ConcurrentHashMap<>();
        /** The entries themselves, so a look-up walks a cell without a second map access per case. */
        final Map<Cell, Map<Long, Entry>> cells = new ConcurrentHashMap<>();

        void add(Entry e) {
            if (byId.putIfAbsent(e.id(), e) == null) {
                cells.computeIfAbsent(cellOf(e.kind(), e.classCode(), e.lon(), e.lat()), c -> new ConcurrentHashMap<>())
                        .put(e.id(), e);
            }
        }

        void remove(long id) {
            Entry e = byId.remove(id);
            if (e != null) {
                Map<Long, Entry> cell = cells.get(cellOf(e.kind(), e.classCode(), e.lon(), e.lat()));
                if (cell != null) {
                    cell.remove(id);
                }
            }
        }
    }

    private final Map<String, CityIndex> cities = new ConcurrentHashMap<>();
    private final ChangeNotifications notifications;
    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager em;
    private final TenantContext tenant;

    OpenCaseIndex(ChangeNotifications notifications, TransactionSynchronizationRegistry transactions, EntityManager em,
                  TenantContext tenant) {
        this.notifications = notifications;
        this.tenant = tenant;
        this.transactions = transactions;
        this.em = em;
        notifications.subscribe(TOPIC, this::heard);
        // Announcements made while nobody listened are lost: every city's index is read again.
        notifications.onResync(cities::clear);
    }

    /**
     * The ids of open cases of the subclass in the current city whose indexed point lies in the box
     * around ({@code lon}, {@code lat}) of {@code radiusM} and reported within [{@code since},
     * {@code until}]; empty when the index cannot be trusted now, and the caller must ask the database.
     */
    Optional<List<Long>> candidates(String city, CatalogClass.Kind kind, String classCode, double lon, double lat,
                                    double dLon, double dLat, Instant since, Instant until) {
        CityIndex index = cities.computeIfAbsent(city, c -> new CityIndex());
        if (!index.ready) {
            if (!index.loading.compareAndSet(false, true)) {
                return Optional.empty(); // another request is reading it; the database answers meanwhile
            }
            try {
                load(index);
            } catch (RuntimeException e) {
                // The next report tries again; this one asks the database.
                index.loading.set(false);
                return Optional.empty();
            }
        }
        if (!notifications.trusts(index.createdAt) || cities.get(city) != index) {
            return Optional.empty();
        }
        List<Long> found = new ArrayList<>();
        int x0 = cellIndex(lon - dLon);
        int x1 = cellIndex(lon + dLon);
        int y0 = cellIndex(lat - dLat);
        int y1 = cellIndex(lat + dLat);
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                Map<Long, Entry> cell = index.cells.get(new Cell(kind, classCode, x, y));
                if (cell == null) {
                    continue;
                }
                for (Entry e : cell.values()) {
                    if (Math.abs(e.lon() - lon) <= dLon && Math.abs(e.lat() - lat) <= dLat
                            && !e.reportedAt().isBefore(since) && !e.reportedAt().isAfter(until)) {
                        found.add(e.id());
                    }
                }
            }
        }
        return Optional.of(found);
    }

    /** A candidate the database did not confirm as open: it leaves the index. */
    void forget(String city, long id) {
        CityIndex index = cities.get(city);
        if (index != null) {
            index.remove(id);
        }
    }

    /**
     * Tells every replica, with the current transaction, of the cases it writes: they enter the
     * indexes when it commits.
     */
    void announce(String city, List<CityCase> written) {
        StringBuilder payload = new StringBuilder(city).append('|');
        int start = payload.length();
        for (CityCase c : written) {
            if (!c.open) {
                continue;
            }
            if (payload.length() > MAX_PAYLOAD) {
                notifications.publish(TOPIC, payload.toString());
                payload.setLength(start);
            }
            if (payload.length() > start) {
                payload.append(';');
            }
            payload.append(c.id).append(',').append(c.kind.name()).append(',').append(c.classCode).append(',')
                    .append(c.lon).append(',').append(c.lat).append(',').append(ChronoUnit.MICROS.between(Instant.EPOCH, c.reportedAt));
        }
        if (payload.length() > start) {
            notifications.publish(TOPIC, payload.toString());
        }
    }

    /** A case that closes here leaves the index on commit; one that opens again drops the city's index. */
    void onChange(@Observes CaseChanged e) {
        if (e.to() == null || e.from() == null || e.from().open() == e.to().open()) {
            return;
        }
        String city = tenant.tenantCode().orElse(null);
        if (city == null) {
            return;
        }
        if (e.to().open()) {
            AfterCompletion.onCommit(transactions, () -> cities.remove(city));
        } else {
            AfterCompletion.onCommit(transactions, () -> forget(city, e.caseId()));
        }
    }

    private void heard(String key) {
        int bar = key.indexOf('|');
        CityIndex index = bar < 0 ? null : cities.get(key.substring(0, bar));
        if (index == null) {
            return; // not read yet: it will be read with these cases in it
        }
        for (String item : key.substring(bar + 1).split(";")) {
            String[] f = item.split(",");
            if (f.length != 6) {
                continue;
            }
            index.add(new Entry(Long.parseLong(f[0]), CatalogClass.Kind.valueOf(f[1]), f[2], Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Instant.EPOCH.plus(Long.parseLong(f[5]), ChronoUnit.MICROS)));
        }
    }

    @SuppressWarnings("unchecked")
    private void load(CityIndex index) {
        // Row-level security keeps the read inside the current city.
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, kind, class_code, lon, lat, reported_at FROM city_case WHERE is_open").getResultList();
        for (Object[] r : rows) {
            index.add(new Entry(((Number) r[0]).longValue(), CatalogClass.Kind.valueOf((String) r[1]), (String) r[2],
                    ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), CaseQueries.instant(r[5])));
        }
        index.ready = true;
    }

    private static Cell cellOf(CatalogClass.Kind kind, String classCode, double lon, double lat) {
        return new Cell(kind, classCode, cellIndex(lon), cellIndex(lat));
    }

    private static int cellIndex(double degrees) {
        return (int) Math.floor(degrees / CELL_DEGREES);
    }
}
