package city.gridcity.grid;

import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Locates points in the current city's grid: (lon, lat) → unit grid → management grid →
 * community → street → district. One in-memory index per city and layout version, built on first
 * use and dropped when the city imports a new layout.
 */
@ApplicationScoped
public class GridLocator {

    /** A layout version as the locator needs it. */
    public record LayoutRef(long id, int version, LocalDate effectiveFrom) {
    }

    /** Where a point lies: the layout it was located in, the five levels, and any key areas. */
    public record Location(String city, int layoutVersion, LocalDate layoutEffectiveFrom, double lon, double lat,
                           GridIndex.Node unit, List<GridIndex.Node> keyAreas) {
    }

    /** A city's layout list, briefly cached: another replica's import reaches this one within the TTL. */
    private final Map<String, CachedLayouts> layouts = new ConcurrentHashMap<>();
    /** Indexes by city and layout id: a stored layout never changes, so these need no expiry. */
    private final Map<String, GridIndex> indexes = new ConcurrentHashMap<>();
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final Clock clock;

    GridLocator(TenantContext tenant, TenantDirectory directory, Clock clock) {
        this.tenant = tenant;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Locates a point of the current city in the layout in force on {@code at} (today when null).
     *
     * @throws ProblemException 404 when the city has no layout in force then, 422 when the point
     *                          lies outside the city's grid
     */
    public Location locate(double lon, double lat, CoordinateSystem crs, LocalDate at) {
        TenantRef city = currentCity();
        double[] wgs = crs.toWgs84(lon, lat);
        LocalDate day = at != null ? at : today(city);
        LayoutRef layout = layoutOn(city, day);
        GridIndex index = index(city, layout);
        GridIndex.Node unit = index.locate(wgs[0], wgs[1]).orElseThrow(() -> new ProblemException(422, "outside-city",
                "Outside the city", String.format("The point (%.6f, %.6f)%s is outside the grid of %s (%s); check the "
                        + "coordinates and their coordinate system.", wgs[0], wgs[1],
                        crs == CoordinateSystem.WGS84 ? "" : " (converted from " + crs.wireName() + ")", city.nameZh(),
                        city.nameEn()), null, null));
        return new Location(city.code(), layout.version(), layout.effectiveFrom(), wgs[0], wgs[1], unit,
                index.keyAreasAt(wgs[0], wgs[1]));
    }

    /**
     * A point inside a unit grid of the layout in force today: where a problem known only by its grid
     * (a hotline operator picked the grid, not a point) is placed.
     *
     * @throws ProblemException 400 naming {@code field} when no such unit grid is in force
     */
    public double[] pointInUnit(String field, String unitCode) {
        TenantRef here = currentCity();
        LayoutRef layout = layoutOn(here, today(here));
        return QuarkusTransaction.joiningExisting().call(() -> GridUnit.<GridUnit>find("layoutId = ?1 and code = ?2 and level = ?3",
                        layout.id(), unitCode, GridLevel.UNIT).firstResultOptional()
                .map(u -> {
                    try {
                        var p = new WKBReader(city.gridcity.grid.geo.GeoJsonGeometry.FACTORY).read(u.geometry).getInteriorPoint();
                        return new double[] {p.getX(), p.getY()};
                    } catch (ParseException e) {
                        throw new IllegalStateException("Stored polygon of " + unitCode + " is unreadable", e);
                    }
                })
                .orElseThrow(() -> ProblemException.invalid(field, "no unit grid " + unitCode + " in the layout in force ("
                        + "version " + layout.version() + "); give a 17-digit unit grid code or lon and lat")));
    }

    /** The current city's layout versions, newest first. */
    public List<LayoutRef> layouts() {
        return layoutsOf(currentCity());
    }

    /** The layout in force on a day; 404 when none is. */
    public LayoutRef layoutOn(TenantRef city, LocalDate day) {
        return layoutsOf(city).stream().filter(l -> !l.effectiveFrom().isAfter(day)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("A grid layout of " + city.nameEn() + " in force on " + day
                        + " (import one, or ask for a later date)"));
    }

    /** The index of a layout of the current city, built on first use. */
    public GridIndex index(TenantRef city, LayoutRef layout) {
        return indexes.computeIfAbsent(city.code() + "#" + layout.id(), k -> build(layout.id()));
    }

    /** Forgets the city's layouts and indexes; called after a layout is imported. */
    void invalidate(String cityCode) {
        layouts.remove(cityCode);
        indexes.keySet().removeIf(k -> k.startsWith(cityCode + "#"));
    }

    private record CachedLayouts(List<LayoutRef> layouts, long loadedAt) {
    }

    static final long LAYOUTS_TTL_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    private List<LayoutRef> layoutsOf(TenantRef city) {
        CachedLayouts cached = layouts.get(city.code());
        if (cached == null || System.nanoTime() - cached.loadedAt() > LAYOUTS_TTL_NANOS) {
            List<LayoutRef> list = QuarkusTransaction.joiningExisting().call(() ->
                    GridLayout.<GridLayout>listAll().stream()
                            .map(l -> new LayoutRef(l.id, l.version, l.effectiveFrom))
                            .sorted(Comparator.comparing(LayoutRef::effectiveFrom).reversed())
                            .toList());
            cached = new CachedLayouts(list, System.nanoTime());
            layouts.put(city.code(), cached);
        }
        return cached.layouts();
    }

    /** Today in the city's time zone: the day whose layout is in force. */
    public LocalDate today(TenantRef city) {
        return LocalDate.now(clock.withZone(java.time.ZoneId.of(city.timeZone())));
    }

    private GridIndex build(long layoutId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<GridUnit> rows = GridUnit.list("layoutId = ?1 order by code", layoutId);
            Map<String, GridUnit> byCode = new HashMap<>();
            rows.forEach(r -> byCode.put(r.code, r));
            Map<String, GridIndex.Node> nodes = new HashMap<>();
            List<GridIndex.Node> leaves = new ArrayList<>();
            List<Geometry> polygons = new ArrayList<>();
            WKBReader wkb = new WKBReader(city.gridcity.grid.geo.GeoJsonGeometry.FACTORY);
            for (GridUnit row : rows) {
                if (row.level == GridLevel.UNIT || row.level == GridLevel.KEY_AREA) {
                    leaves.add(node(row, byCode, nodes));
                    try {
                        polygons.add(wkb.read(row.geometry));
                    } catch (ParseException e) {
                        throw new IllegalStateException("Stored polygon of " + row.code + " is unreadable", e);
                    }
                }
            }
            return new GridIndex(layoutId, leaves, polygons);
        });
    }

    private static GridIndex.Node node(GridUnit row, Map<String, GridUnit> byCode, Map<String, GridIndex.Node> nodes) {
        GridIndex.Node existing = nodes.get(row.code);
        if (existing != null) {
            return existing;
        }
        GridUnit parentRow = row.parentCode == null ? null : byCode.get(row.parentCode);
        GridIndex.Node parent = parentRow == null ? null : node(parentRow, byCode, nodes);
        GridIndex.Node node = new GridIndex.Node(row.code, row.name, row.level, row.areaClass, row.communityType,
                row.patrolFactor, parent);
        nodes.put(row.code, node);
        return node;
    }

    private TenantRef currentCity() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Grids belong to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    /** For services of this package that need the current city. */
    Optional<TenantRef> city() {
        return tenant.tenantCode().flatMap(directory::byCode);
    }
}
