package city.gridcity.grid.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * Areas in square metres for geometries in degrees, by an equirectangular projection at the
 * geometry's latitude. Within a city (tens of kilometres) the error is far below a grid's tolerance.
 */
public final class LocalArea {

    private static final double METRES_PER_DEGREE_LAT = 110_574.0;
    private static final double METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320.0;

    private LocalArea() {
    }

    /** Square metres in one square degree at the given latitude. */
    public static double squareMetresPerSquareDegree(double latitude) {
        return METRES_PER_DEGREE_LAT * METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(Math.toRadians(latitude));
    }

    public static double squareMetres(Geometry g) {
        if (g == null || g.isEmpty()) {
            return 0;
        }
        return g.getArea() * squareMetresPerSquareDegree(g.getEnvelopeInternal().centre().y);
    }
}
