package city.gridcity.grid.geo;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coordinate systems clients in China send. GCJ-02 ("Mars coordinates") is what AMap and
 * Tencent maps give; BD-09 is Baidu's, offset again from GCJ-02. Everything is stored in WGS84.
 */
public enum CoordinateSystem {
    WGS84("wgs84"),
    GCJ02("gcj02"),
    BD09("bd09");

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private final String wireName;

    CoordinateSystem(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CoordinateSystem> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /** Converts {lon, lat} in this system to WGS84. */
    public double[] toWgs84(double lon, double lat) {
        return switch (this) {
            case WGS84 -> new double[] {lon, lat};
            case GCJ02 -> gcj02ToWgs84(lon, lat);
            case BD09 -> {
                double[] gcj = bd09ToGcj02(lon, lat);
                yield gcj02ToWgs84(gcj[0], gcj[1]);
            }
        };
    }

    /** WGS84 to GCJ-02: the published forward transform (identity outside mainland China). */
    public static double[] wgs84ToGcj02(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double dLat = transformLat(lon - 105.0, lat - 35.0);
        double dLon = transformLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    /**
     * GCJ-02 to WGS84. The forward transform has no closed inverse; a few fixed-point iterations
     * bring the error below a millimetre.
     */
    static double[] gcj02ToWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < 10; i++) {
            double[] g = wgs84ToGcj02(wLon, wLat);
            double dLon = g[0] - lon;
            double dLat = g[1] - lat;
            wLon -= dLon;
            wLat -= dLat;
            if (Math.abs(dLon) < 1e-10 && Math.abs(dLat) < 1e-10) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    static double[] bd09ToGcj02(double lon, double lat) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new double[] {z * Math.cos(theta), z * Math.sin(theta)};
    }

    /** GCJ-02 to BD-09, for tests and for clients that need Baidu coordinates back. */
    public static double[] gcj02ToBd09(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    private static boolean outsideChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
