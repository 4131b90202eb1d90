package city.gridcity.bench;

import city.gridcity.grid.GridFeature;
import city.gridcity.grid.GridGenerator;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.LayoutReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Locating points in the 16,161-unit-grid city: the service's {@link GridIndex} against a bare JTS
 * STR-tree of prepared polygons over the same unit grids, on the same points, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LocateBenchmark {

    private static final int POINTS = 1 << 16;

    private GridIndex index;
    private STRtree bare;
    private double[] lons;
    private double[] lats;
    private final GeometryFactory factory = new GeometryFactory();
    private int next;

    @Setup
    public void setUp() {
        List<GridFeature> features = new LayoutReader().read(GridGenerator.generate(GridGenerator.LARGE)).features();
        Map<String, GridFeature> byCode = new HashMap<>();
        features.forEach(f -> byCode.put(f.code(), f));
        Map<String, GridIndex.Node> nodes = new HashMap<>();
        List<GridIndex.Node> leaves = new ArrayList<>();
        List<Geometry> polygons = new ArrayList<>();
        bare = new STRtree();
        Envelope city = new Envelope();
        for (GridFeature f : features) {
            if (f.level() == GridLevel.UNIT) {
                leaves.add(node(f, byCode, nodes));
                polygons.add(f.geometry());
                bare.insert(f.geometry().getEnvelopeInternal(), PreparedGeometryFactory.prepare(f.geometry()));
                city.expandToInclude(f.geometry().getEnvelopeInternal());
            }
        }
        bare.build();
        index = new GridIndex(1L, leaves, polygons);
        if (index.size() != 16_161) {
            throw new IllegalStateException("expected 16,161 unit grids, got " + index.size());
        }
        SplittableRandom random = new SplittableRandom(42);
        lons = new double[POINTS];
        lats = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            lons[i] = city.getMinX() + random.nextDouble() * city.getWidth();
            lats[i] = city.getMinY() + random.nextDouble() * city.getHeight();
        }
        // Warm the prepared geometries of the bare tree, as the index's locators are warm.
        for (int i = 0; i < POINTS; i++) {
            bareLocate(lons[i], lats[i]);
        }
    }

    /** The service's lookup: unit grid and, through it, every level above. */
    @Benchmark
    public Object gridIndexLocate() {
        int i = next++ & (POINTS - 1);
        return index.locate(lons[i], lats[i]).orElse(null);
    }

    /** The baseline: a plain STR-tree query, then prepared point-in-polygon tests on the candidates. */
    @Benchmark
    public Object bareStrTreeLocate() {
        int i = next++ & (POINTS - 1);
        return bareLocate(lons[i], lats[i]);
    }

    private Object bareLocate(double lon, double lat) {
        Point point = factory.createPoint(new Coordinate(lon, lat));
        for (Object candidate : bare.query(point.getEnvelopeInternal())) {
            PreparedGeometry polygon = (PreparedGeometry) candidate;
            if (polygon.covers(point)) {
                return polygon;
            }
        }
        return null;
    }

    private static GridIndex.Node node(GridFeature f, Map<String, GridFeature> byCode, Map<String, GridIndex.Node> nodes) {
        GridIndex.Node existing = nodes.get(f.code());
        if (existing != null) {
            return existing;
        }
        GridFeature parent = f.parentCode() == null ? null : byCode.get(f.parentCode());
        GridIndex.Node node = new GridIndex.Node(f.code(), f.name(), f.level(), f.areaClass(), f.communityType(),
                f.patrolFactor(), parent == null ? null : node(parent, byCode, nodes));
        nodes.put(f.code(), node);
        return node;
    }
}
