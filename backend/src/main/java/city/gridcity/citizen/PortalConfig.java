package city.gridcity.citizen;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current city's portal settings (pack section {@code portal}). The map under a report is always the
 * city's own grid, served by the product; a city may add base-map tiles for production. The pages may
 * load nothing from another origin (their Content-Security-Policy is {@code 'self'}), so the tiles must
 * be served on the service's own origin: a reverse proxy in front of it routes e.g. {@code /tiles/} to the
 * tile server. No tile server is reachable in development: the grid alone is the map then.
 */
@ApplicationScoped
public class PortalConfig {

    private final Clock clock;

    PortalConfig(Clock clock) {
        this.clock = clock;
    }

    /** Base-map tiles: a URL template with {z}, {x}, {y}, and the attribution shown on the map. */
    public record Tiles(String url, String attribution) {
    }

    /** The city's tiles, if it configured any. */
    @Transactional
    public Optional<Tiles> tiles() {
        return PortalSettings.<PortalSettings>findAll().firstResultOptional().filter(s -> s.tileUrl != null)
                .map(s -> new Tiles(s.tileUrl, s.tileAttribution));
    }

    /**
     * Sets the city's tiles (null URL: none).
     *
     * @throws ProblemException 400 naming {@code tileUrl} when it is not a same-origin template
     */
    @Transactional
    public void setTiles(String url, String attribution) {
        List<Problem.FieldError> errors = check(url, attribution);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        PortalSettings s = PortalSettings.<PortalSettings>findAll().firstResultOptional().orElseGet(PortalSettings::new);
        s.tileUrl = url;
        s.tileAttribution = attribution;
        s.updatedAt = clock.instant();
        s.persist();
    }

    static List<Problem.FieldError> check(String url, String attribution) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (url != null && (!url.startsWith("/") || url.startsWith("//") || url.length() > 300
                || !url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}"))) {
            errors.add(new Problem.FieldError("tileUrl", "give a path on this service's own origin with {z}, {x} and {y}, "
                    + "e.g. /tiles/{z}/{x}/{y}.png (the pages load nothing from other sites; route it with a reverse proxy)"));
        }
        if (attribution != null && attribution.length() > 200) {
            errors.add(new Problem.FieldError("tileAttribution", "keep it to 200 characters"));
        }
        return errors;
    }
}
