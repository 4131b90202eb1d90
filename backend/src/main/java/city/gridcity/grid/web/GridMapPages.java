package city.gridcity.grid.web;

import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.GridQueries;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's maps read the grid through the page session: the API takes only a bearer token, which a
 * page's script does not hold. The same data as {@code /api/v1/grid/geojson} and {@code /locate}, for the
 * city's staff.
 */
@Path("/console/map")
public class GridMapPages {

    /** A level a point lies in: the level's name, the unit's name and its code (a secondary detail). */
    public record Place(String level, String levelZh, String code, String name) {
    }

    public record Located(double lon, double lat, List<Place> places) {
    }

    private final CurrentPrincipal current;
    private final GridQueries queries;
    private final GridLocator locator;

    GridMapPages(CurrentPrincipal current, GridQueries queries, GridLocator locator) {
        this.current = current;
        this.queries = queries;
        this.locator = locator;
    }

    @GET
    @Path("/grid.geojson")
    @Produces("application/geo+json")
    public ObjectNode grid(@QueryParam("level") String level) {
        staff();
        GridLevel l = GridLevel.fromWireName(level == null ? "management" : level)
                .filter(x -> x != GridLevel.UNIT && x != GridLevel.KEY_AREA)
                .orElseThrow(() -> ProblemException.invalid("level", "must be district, street, community or management"));
        return queries.featureCollection((Integer) null, l, null);
    }

    /** Where a point lies, by name, before a report is sent: the same answer the intake will give. */
    @GET
    @Path("/locate")
    @Produces(MediaType.APPLICATION_JSON)
    public Located locate(@QueryParam("lon") Double lon, @QueryParam("lat") Double lat, @QueryParam("crs") String crs) {
        staff();
        if (lon == null || !Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw ProblemException.invalid("lon", "give the longitude, a number from -180 to 180");
        }
        if (lat == null || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw ProblemException.invalid("lat", "give the latitude, a number from -90 to 90");
        }
        CoordinateSystem system = CoordinateSystem.fromWireName(crs == null || crs.isBlank() ? "wgs84" : crs)
                .orElseThrow(() -> ProblemException.invalid("crs", "must be wgs84, gcj02 or bd09"));
        GridLocator.Location at = locator.locate(lon, lat, system, null);
        List<Place> places = new ArrayList<>();
        List<GridIndex.Node> chain = new ArrayList<>(at.unit().chain());
        java.util.Collections.reverse(chain);
        chain.forEach(n -> places.add(new Place(n.level().wireName(), n.level().labelZh(), n.code(), n.name())));
        at.keyAreas().forEach(n -> places.add(new Place(n.level().wireName(), n.level().labelZh(), n.code(), n.name())));
        return new Located(at.lon(), at.lat(), places);
    }

    private Principal staff() {
        Principal p = current.get().orElseThrow(() -> ProblemException.unauthorized("unauthenticated",
                "Sign in to the console first."));
        if (p.tenant() == null || p.roles().stream().allMatch(r -> r == Role.RESIDENT || r == Role.HOTLINE)) {
            throw ProblemException.forbidden("staff-only", "The console's maps are for the city's staff.");
        }
        return p;
    }
}
