package city.gridcity.grid;

import city.gridcity.grid.geo.GeoJsonGeometry;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** Reads the current city's layouts and units: lists, single units and GeoJSON for maps. */
@ApplicationScoped
public class GridQueries {

    private final GridLocator locator;

    GridQueries(GridLocator locator) {
        this.locator = locator;
    }

    public record UnitPage(List<GridUnit> items, long total, int page, int size) {
    }

    /** A unit of the layout in force by name, for pages that let people pick a grid by name. */
    public record NamedUnit(GridLevel level, String code, String name, String parentCode) {
    }

    /** The units of these levels in the layout in force today, level by level (top first), in code order. */
    @Transactional
    public List<NamedUnit> namedUnits(Collection<GridLevel> levels) {
        if (levels.isEmpty() || locator.layouts().isEmpty()) {
            return List.of();
        }
        GridLayout layout = layout(null, null);
        return GridUnit.<GridUnit>list("layoutId = ?1 and level in ?2", layout.id, levels).stream()
                .map(u -> new NamedUnit(u.level, u.code, u.name, u.parentCode))
                .sorted(java.util.Comparator.comparing(NamedUnit::level).thenComparing(NamedUnit::code)).toList();
    }

    /** The codes of one level's units, in code order, and the version of the layout they belong to. */
    public record LevelCodes(int layoutVersion, List<String> codes) {
    }

    @Transactional
    public List<GridLayout> layouts() {
        return GridLayout.list("order by version desc");
    }

    /** The layout with this version, or the one in force on {@code day} when version is null. */
    @Transactional
    public GridLayout layout(Integer version, LocalDate day) {
        if (version != null) {
            return GridLayout.<GridLayout>find("version", version).firstResultOptional()
                    .orElseThrow(() -> ProblemException.notFound("Grid layout version " + version));
        }
        var city = locator.city().orElseThrow(() -> ProblemException.forbidden("no-city", "Grids belong to a city."));
        return GridLayout.findById(locator.layoutOn(city, day != null ? day : locator.today(city)).id());
    }

    @Transactional
    public UnitPage units(GridLayout layout, GridLevel level, String parent, int page, int size) {
        StringBuilder where = new StringBuilder("layoutId = :layout");
        var params = new java.util.HashMap<String, Object>();
        params.put("layout", layout.id);
        if (level != null) {
            where.append(" and level = :level");
            params.put("level", level);
        }
        if (parent != null && !parent.isBlank()) {
            where.append(" and parentCode = :parent");
            params.put("parent", parent);
        }
        var query = GridUnit.<GridUnit>find(where + " order by code", params);
        return new UnitPage(query.page(Page.of(page, size)).list(), query.count(), page, size);
    }

    /**
     * One unit of the layout in force, as other features count over it: its code, name, parent, area class
     * (management grids), community type (communities) and area in m².
     */
    public record UnitInfo(String code, String name, String parent, String areaClass, String communityType,
                           double areaM2) {
    }

    /** Every unit of one level in the layout in force on the day (today when null, the city's time zone), by code. */
    @Transactional
    public List<UnitInfo> unitsInForce(GridLevel level, LocalDate day) {
        GridLayout layout = layout(null, day);
        // the columns only, not the units' geometries (an assessment run asks for 1,272 management grids)
        return GridUnit.getEntityManager().createQuery("select u.code, u.name, u.parentCode, u.areaClass, u.communityType, "
                        + "u.areaM2 from GridUnit u where u.layoutId = ?1 and u.level = ?2 order by u.code", Object[].class)
                .setParameter(1, layout.id).setParameter(2, level).getResultList().stream()
                .map(u -> new UnitInfo((String) u[0], (String) u[1], (String) u[2],
                        u[3] == null ? null : ((AreaClass) u[3]).wireName(),
                        u[4] == null ? null : ((CommunityType) u[4]).wireName(), (Double) u[5]))
                .toList();
    }

    /** The codes of one level's units in the layout in force today (in the city's time zone). */
    @Transactional
    public LevelCodes codesInForce(GridLevel level) {
        GridLayout layout = layout(null, null);
        List<String> codes = GridUnit.getEntityManager().createQuery(
                        "select u.code from GridUnit u where u.layoutId = ?1 and u.level = ?2 order by u.code", String.class)
                .setParameter(1, layout.id).setParameter(2, level).getResultList();
        return new LevelCodes(layout.version, codes);
    }

    /**
     * The names of units of one level by code, each from the newest layout that has it (a unit keeps its code
     * across re-drawings; a code that left the grid keeps its last name). Codes the city never had are absent.
     */
    @Transactional
    public Map<String, String> names(GridLevel level, Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        GridUnit.getEntityManager().createQuery("select u.code, u.name from GridUnit u, GridLayout l where l.id = u.layoutId "
                        + "and u.level = ?1 and u.code in ?2 order by l.version", Object[].class)
                .setParameter(1, level).setParameter(2, codes).getResultList()
                .forEach(r -> names.put((String) r[0], (String) r[1]));
        return names;
    }

    /**
     * The level of the city's grid unit with this code, from the newest layout that has it (a queue filter may
     * name a unit that a re-drawing retired: the cases located in it keep its code). Empty when the city never
     * had the code; another city's units are not seen (row-level security).
     */
    @Transactional
    public Optional<GridLevel> levelOf(String code) {
        return GridUnit.getEntityManager().createQuery("select u.level from GridUnit u, GridLayout l where l.id = u.layoutId "
                        + "and u.code = ?1 order by l.version desc", GridLevel.class)
                .setParameter(1, code).setMaxResults(1).getResultStream().findFirst();
    }

    @Transactional
    public Optional<GridUnit> unit(GridLayout layout, String code) {
        return GridUnit.find("layoutId = ?1 and code = ?2", layout.id, code).firstResultOptional();
    }

    /** One level of the layout with this version (or in force today when null) as GeoJSON, for pages' maps. */
    @Transactional
    public ObjectNode featureCollection(Integer layoutVersion, GridLevel level, String parent) {
        return featureCollection(layout(layoutVersion, null), level, parent);
    }

    /** One level of a layout as a GeoJSON FeatureCollection, for maps. */
    @Transactional
    public ObjectNode featureCollection(GridLayout layout, GridLevel level, String parent) {
        ObjectNode collection = JsonNodeFactory.instance.objectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        WKBReader reader = new WKBReader(GeoJsonGeometry.FACTORY);
        String where = "layoutId = ?1 and level = ?2" + (parent == null ? "" : " and parentCode = ?3") + " order by code";
        List<GridUnit> rows = parent == null ? GridUnit.list(where, layout.id, level)
                : GridUnit.list(where, layout.id, level, parent);
        for (GridUnit u : rows) {
            ObjectNode feature = features.addObject();
            feature.put("type", "Feature");
            ObjectNode props = feature.putObject("properties");
            props.put("level", u.level.wireName());
            props.put("code", u.code);
            props.put("name", u.name);
            if (u.areaClass != null) {
                props.put("areaClass", u.areaClass.wireName());
            }
            if (u.communityType != null) {
                props.put("communityType", u.communityType.wireName());
            }
            if (u.patrolFactor != null) {
                props.put("patrolFactor", u.patrolFactor);
            }
            try {
                feature.set("geometry", GeoJsonGeometry.write(reader.read(u.geometry)));
            } catch (ParseException e) {
                throw new IllegalStateException("Stored polygon of " + u.code + " is unreadable", e);
            }
        }
        return collection;
    }
}
