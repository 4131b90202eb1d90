package city.gridcity.department;

import java.util.Collection;
import java.util.Map;

/**
 * The names of the areas (districts, streets, communities) departments answer for. The grid implements it:
 * the grid depends on identity, which depends on departments, so departments cannot ask the grid directly.
 */
public interface AreaNames {

    /** Names by code of those of {@code codes} the city's grid has (6, 9 or 12 digits); unknown codes are absent. */
    Map<String, String> names(Collection<String> codes);
}
