package city.gridcity.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The unit grids of one layout in an STR-tree, each with a point-in-polygon locator built once, and
 * the chain of levels above each unit resolved in advance. Immutable after construction, so one
 * instance serves every thread.
 */
public final class GridIndex {

    /** A polygon of the layout and, through {@code parent}, every level above it. */
    public record Node(String code, String name, GridLevel level, AreaClass areaClass, CommunityType communityType,
                       Double patrolFactor, Node parent) {

        /** This node and its ancestors, bottom up: unit, management grid, community, street, district. */
        public List<Node> chain() {
            List<Node> chain = new ArrayList<>(5);
            for (Node n = this; n != null; n = n.parent()) {
                chain.add(n);
            }
            return chain;
        }
    }

    /**
     * A polygon with its point-in-polygon locator. Small polygons (unit grids have a handful of
     * corners) are tested by a plain ray crossing, faster than building and querying a segment
     * index; large ones get the indexed locator, built eagerly so lookups never write.
     */
    private record Entry(Node node, PointOnGeometryLocator locator) {
    }

    static final int SIMPLE_LOCATOR_MAX_POINTS = 64;

    private final long layoutId;
    private final STRtree units = new STRtree();
    private final List<Entry> keyAreas = new ArrayList<>();
    private final int size;

    /** @param polygons unit grids and key areas with their nodes (ancestors already linked) */
    public GridIndex(long layoutId, List<Node> nodes, List<Geometry> polygons) {
        this.layoutId = layoutId;
        int count = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Geometry polygon = polygons.get(i);
            PointOnGeometryLocator locator;
            if (polygon.getNumPoints() <= SIMPLE_LOCATOR_MAX_POINTS) {
                locator = new SimplePointInAreaLocator(polygon);
            } else {
                locator = new IndexedPointInAreaLocator(polygon);
                locator.locate(polygon.getCoordinate());
            }
            Entry entry = new Entry(node, locator);
            if (node.level() == GridLevel.KEY_AREA) {
                keyAreas.add(entry);
            } else {
                units.insert(polygon.getEnvelopeInternal(), entry);
                count++;
            }
        }
        units.build();
        this.size = count;
    }

    public long layoutId() {
        return layoutId;
    }

    public int size() {
        return size;
    }

    /** The unit grid containing the point (on a shared edge: one of the two, always the same one). */
    public Optional<Node> locate(double lon, double lat) {
        Coordinate point = new Coordinate(lon, lat);
        Finder finder = new Finder(point);
        units.query(new Envelope(point), finder);
        return Optional.ofNullable(finder.found);
    }

    /** The key areas containing the point. */
    public List<Node> keyAreasAt(double lon, double lat) {
        if (keyAreas.isEmpty()) {
            return List.of();
        }
        Coordinate point = new Coordinate(lon, lat);
        List<Node> found = new ArrayList<>(1);
        for (Entry e : keyAreas) {
            if (e.locator().locate(point) != Location.EXTERIOR) {
                found.add(e.node());
            }
        }
        return found;
    }

    /** Keeps the first candidate that really contains the point. */
    private static final class Finder implements org.locationtech.jts.index.ItemVisitor {
        private final Coordinate point;
        private Node found;

        Finder(Coordinate point) {
            this.point = point;
        }

        @Override
        public void visitItem(Object item) {
            if (found == null) {
                Entry e = (Entry) item;
                if (e.locator().locate(point) != Location.EXTERIOR) {
                    found = e.node();
                }
            }
        }
    }
}
