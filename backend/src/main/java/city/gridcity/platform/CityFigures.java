package city.gridcity.platform;

import java.time.Instant;
import java.util.List;

/**
 * A feature's figures of the current city for the platform operator's list of cities (its size and activity).
 * Features implement it, so the platform, which they depend on for their pack sections, depends on none of them;
 * the caller holds the city (and so its row-level security) while asking.
 */
public interface CityFigures {

    /** A figure under its label key of the console bundle ({@code platform.figure.<key>}). */
    record Figure(String key, String value) {
    }

    List<Figure> figures(Instant now);
}
