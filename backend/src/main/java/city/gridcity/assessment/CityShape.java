package city.gridcity.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The parts of the city's grid that some indicators count over: its communities (with their type, which
 * sets the low-case threshold) and its management grids (with their area class and area), each with the
 * district it lies in, from the layout in force at the period's end.
 */
public record CityShape(List<Community> communities, List<ManagementGrid> grids) {

    public record Community(String code, String district, String type) {
    }

    public record ManagementGrid(String code, String district, String areaClass, BigDecimal km2) {
    }

    public static CityShape empty() {
        return new CityShape(List.of(), List.of());
    }
}
