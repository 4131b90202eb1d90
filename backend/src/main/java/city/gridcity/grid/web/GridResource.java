package city.gridcity.grid.web;

import city.gridcity.grid.AreaClass;
import city.gridcity.grid.CommunityType;
import city.gridcity.grid.GridImportService;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLayout;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.GridQueries;
import city.gridcity.grid.GridUnit;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.grid.geo.GeoJsonGeometry;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** A city's grid: import layouts, read units and maps, locate points. */
@Path("/api/v1/grid")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grid", description = "网格：导入、查询、定位 · Grid layouts, units and locating points")
public class GridResource {

    private final GridImportService imports;
    private final GridLocator locator;
    private final GridQueries queries;
    private final CurrentPrincipal current;

    GridResource(GridImportService imports, GridLocator locator, GridQueries queries, CurrentPrincipal current) {
        this.imports = imports;
        this.locator = locator;
        this.queries = queries;
        this.current = current;
    }

    public record LayoutView(int version, LocalDate effectiveFrom, Instant importedAt, String importedBy,
                             int districts, int streets, int communities, int managementGrids, int unitGrids,
                             int keyAreas) {
        static LayoutView of(GridLayout l) {
            return new LayoutView(l.version, l.effectiveFrom, l.importedAt, l.importedBy, l.districtCount, l.streetCount,
                    l.communityCount, l.managementCount, l.unitCount, l.keyAreaCount);
        }
    }

    public record UnitView(String level, String code, String name, String parentCode, String areaClass,
                           String communityType, Double patrolFactor, double areaM2, double[] bbox,
                           @Schema(ref = "Geometry", description = "The polygon, when one unit is asked for") JsonNode geometry) {
        static UnitView of(GridUnit u, boolean withGeometry) {
            JsonNode geometry = null;
            if (withGeometry) {
                try {
                    geometry = GeoJsonGeometry.write(new WKBReader(GeoJsonGeometry.FACTORY).read(u.geometry));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new UnitView(u.level.wireName(), u.code, u.name, u.parentCode,
                    u.areaClass == null ? null : u.areaClass.wireName(),
                    u.communityType == null ? null : u.communityType.wireName(), u.patrolFactor,
                    Math.round(u.areaM2 * 10) / 10.0, new double[] {u.minLon, u.minLat, u.maxLon, u.maxLat}, geometry);
        }
    }

    public record UnitList(int layoutVersion, List<UnitView> items, long total, int page, int size) {
    }

    public record Place(String code, String name, String areaClass, String communityType, Double patrolFactor) {
        static Place of(GridIndex.Node n) {
            AreaClass ac = n.areaClass();
            CommunityType ct = n.communityType();
            return new Place(n.code(), n.name(), ac == null ? null : ac.wireName(), ct == null ? null : ct.wireName(),
                    n.patrolFactor());
        }
    }

    public record LocationView(String city, int layoutVersion, LocalDate layoutEffectiveFrom, double lon, double lat,
                               Place unit, Place management, Place community, Place street, Place district,
                               List<Place> keyAreas) {
        static LocationView of(GridLocator.Location l) {
            List<GridIndex.Node> chain = l.unit().chain();
            return new LocationView(l.city(), l.layoutVersion(), l.layoutEffectiveFrom(), l.lon(), l.lat(),
                    Place.of(chain.get(0)), at(chain, 1), at(chain, 2), at(chain, 3), at(chain, 4),
                    l.keyAreas().stream().map(Place::of).toList());
        }

        private static Place at(List<GridIndex.Node> chain, int i) {
            return i < chain.size() ? Place.of(chain.get(i)) : null;
        }
    }

    @POST
    @Path("/layouts")
    @Consumes({MediaType.APPLICATION_JSON, "application/geo+json"})
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Import a grid layout (GeoJSON FeatureCollection with level and code on every feature); "
            + "dryRun=true only validates and lists every problem")
    @APIResponse(responseCode = "200", description = "The dry run's report: nothing stored",
            content = @Content(schema = @Schema(implementation = GridImportService.ImportReport.class)))
    @APIResponse(responseCode = "201", description = "The layout is stored as a new version",
            content = @Content(schema = @Schema(implementation = GridImportService.ImportReport.class)))
    public Response importLayout(@RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FeatureCollection")),
            @Content(mediaType = "application/geo+json", schema = @Schema(ref = "FeatureCollection"))}) JsonNode body,
                                 @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                                 @QueryParam("effectiveFrom") String effectiveFrom) {
        if (body == null) {
            throw ProblemException.invalid("body", "send a GeoJSON FeatureCollection");
        }
        GridImportService.ImportReport report = imports.importLayout(body, date("effectiveFrom", effectiveFrom), dryRun,
                current.require().username());
        return Response.status(dryRun ? 200 : 201).entity(report).build();
    }

    @GET
    @Path("/layouts")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "The city's layout versions, newest first")
    public List<LayoutView> layouts() {
        return queries.layouts().stream().map(LayoutView::of).toList();
    }

    @GET
    @Path("/units")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Units of a layout (in force today unless version or at is given), by level and parent")
    @APIResponseSchema(value = UnitList.class, responseCode = "200", responseDescription = "One page of units")
    @APIResponse(responseCode = "404", description = "The city has no grid layout in force then, or no such version")
    public UnitList units(@QueryParam("level") String level, @QueryParam("parent") String parent,
                          @QueryParam("version") Integer version, @QueryParam("at") String at,
                          @BeanParam PageParams paging) {
        Paging p = paging.resolve(100, 1000);
        GridLayout layout = queries.layout(version, date("at", at));
        GridQueries.UnitPage result = queries.units(layout, level(level, false), parent, p.page(), p.size());
        return new UnitList(layout.version, result.items().stream().map(u -> UnitView.of(u, false)).toList(),
                result.total(), p.page(), p.size());
    }

    @GET
    @Path("/units/{code}")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "One unit with its polygon")
    public UnitView unit(@PathParam("code") String code, @QueryParam("version") Integer version,
                         @QueryParam("at") String at) {
        GridLayout layout = queries.layout(version, date("at", at));
        return queries.unit(layout, code).map(u -> UnitView.of(u, true))
                .orElseThrow(() -> ProblemException.notFound("Grid unit " + code + " in layout version " + layout.version));
    }

    @GET
    @Path("/geojson")
    @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "One level of a layout as a GeoJSON FeatureCollection for maps (optionally one parent's children)")
    @APIResponse(responseCode = "200", description = "The level's units as features with their codes and names", content = {
            @Content(mediaType = "application/geo+json", schema = @Schema(ref = "FeatureCollection")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FeatureCollection"))})
    @APIResponse(responseCode = "404", description = "The city has no grid layout in force then, or no such version")
    public ObjectNode geojson(@QueryParam("level") String level, @QueryParam("parent") String parent,
                              @QueryParam("version") Integer version, @QueryParam("at") String at) {
        GridLayout layout = queries.layout(version, date("at", at));
        return queries.featureCollection(layout, level(level, true), parent);
    }

    @GET
    @Path("/locate")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Locate a point: unit grid, management grid, community, street, district and key areas. "
            + "crs: wgs84 (default), gcj02 (AMap, Tencent) or bd09 (Baidu)")
    @APIResponseSchema(value = LocationView.class, responseCode = "200", responseDescription = "Where the point lies")
    @APIResponse(responseCode = "404", description = "The city has no grid layout in force then")
    @APIResponse(responseCode = "422", description = "The point is outside the city's grid")
    public LocationView locate(@QueryParam("lon") Double lon, @QueryParam("lat") Double lat,
                               @QueryParam("crs") @DefaultValue("wgs84") String crs, @QueryParam("at") String at) {
        if (lon == null || !Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw ProblemException.invalid("lon", "give the longitude, a number from -180 to 180");
        }
        if (lat == null || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw ProblemException.invalid("lat", "give the latitude, a number from -90 to 90");
        }
        CoordinateSystem system = CoordinateSystem.fromWireName(crs).orElseThrow(() -> ProblemException.invalid("crs",
                "must be wgs84, gcj02 or bd09"));
        return LocationView.of(locator.locate(lon, lat, system, date("at", at)));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date like 2026-12-01");
        }
    }

    private static GridLevel level(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid("level", "name the level: one of " + GridLevel.wireNames());
            }
            return null;
        }
        return GridLevel.fromWireName(value).orElseThrow(() -> ProblemException.invalid("level",
                "must be one of " + GridLevel.wireNames()));
    }
}
