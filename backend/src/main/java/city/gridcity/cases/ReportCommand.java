package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.grid.geo.CoordinateSystem;

/**
 * A report from any channel (console, API, hotline, and later the portal and Open311): where, what,
 * and through which source. {@code source} defaults to the reporter's channel; {@code hotlineTicket}
 * is set by the hotline channel only.
 */
public record ReportCommand(String source, CatalogClass.Kind kind, String classCode, Double lon, Double lat,
                            CoordinateSystem crs, String address, String description, CityCase.Priority priority,
                            boolean selfHandling, String hotlineTicket) {
}
