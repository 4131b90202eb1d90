package city.gridcity.grid.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads and writes GeoJSON polygons in WGS84 (longitude, latitude). Reading reports what is wrong
 * with a geometry in words a map editor understands (an unclosed ring, a coordinate out of range)
 * instead of failing on the first problem.
 */
public final class GeoJsonGeometry {

    /** SRID 4326: WGS84 longitude/latitude, what is stored. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonGeometry() {
    }

    /** A parsed geometry, or the problems that kept it from being built. */
    public record Parsed(Geometry geometry, List<String> problems) {
    }

    public static Parsed read(JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (node == null || node.isNull() || !node.isObject()) {
            return new Parsed(null, List.of("has no geometry; give a Polygon or MultiPolygon"));
        }
        String type = node.path("type").asText("");
        JsonNode coordinates = node.path("coordinates");
        Geometry geometry = switch (type) {
            case "Polygon" -> polygon(coordinates, "", problems);
            case "MultiPolygon" -> multiPolygon(coordinates, problems);
            default -> {
                problems.add("geometry type '" + type + "' is not supported; use Polygon or MultiPolygon");
                yield null;
            }
        };
        return new Parsed(problems.isEmpty() ? geometry : null, problems);
    }

    private static MultiPolygon multiPolygon(JsonNode coordinates, List<String> problems) {
        if (!coordinates.isArray() || coordinates.isEmpty()) {
            problems.add("MultiPolygon needs at least one polygon");
            return null;
        }
        Polygon[] polygons = new Polygon[coordinates.size()];
        for (int i = 0; i < coordinates.size(); i++) {
            polygons[i] = polygon(coordinates.get(i), "polygon " + i + ": ", problems);
        }
        return problems.isEmpty() ? FACTORY.createMultiPolygon(polygons) : null;
    }

    private static Polygon polygon(JsonNode rings, String where, List<String> problems) {
        if (!rings.isArray() || rings.isEmpty()) {
            problems.add(where + "a polygon needs at least its outer ring");
            return null;
        }
        LinearRing[] built = new LinearRing[rings.size()];
        for (int r = 0; r < rings.size(); r++) {
            built[r] = ring(rings.get(r), where + (r == 0 ? "outer ring" : "hole " + r), problems);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        LinearRing[] holes = new LinearRing[built.length - 1];
        System.arraycopy(built, 1, holes, 0, holes.length);
        return FACTORY.createPolygon(built[0], holes);
    }

    private static LinearRing ring(JsonNode positions, String where, List<String> problems) {
        if (!positions.isArray() || positions.size() < 4) {
            problems.add(where + " needs at least 4 positions (a closed ring of 3 corners)");
            return null;
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            JsonNode p = positions.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                problems.add(where + ", position " + i + " is not [longitude, latitude]");
                return null;
            }
            double lon = p.get(0).asDouble();
            double lat = p.get(1).asDouble();
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                problems.add(where + ", position " + i + " [" + lon + ", " + lat + "] is outside WGS84 longitude/latitude");
                return null;
            }
            coordinates[i] = new Coordinate(lon, lat);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            problems.add(where + " is not closed: its last position must repeat its first, [" + coordinates[0].x + ", "
                    + coordinates[0].y + "]");
            return null;
        }
        return FACTORY.createLinearRing(coordinates);
    }

    /** The geometry as a GeoJSON object, coordinates rounded to 7 decimals (about 1 cm). */
    public static ObjectNode write(Geometry geometry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (geometry instanceof Polygon polygon) {
            node.put("type", "Polygon");
            node.set("coordinates", rings(polygon));
        } else if (geometry instanceof MultiPolygon multi) {
            node.put("type", "MultiPolygon");
            ArrayNode polygons = node.putArray("coordinates");
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) multi.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("Only polygons are written, not " + geometry.getGeometryType());
        }
        return node;
    }

    private static ArrayNode rings(Polygon polygon) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        rings.add(positions(polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : coordinates) {
            array.addArray().add(round(c.x)).add(round(c.y));
        }
        return array;
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }
}
