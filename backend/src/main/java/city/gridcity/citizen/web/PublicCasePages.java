package city.gridcity.citizen.web;

import city.gridcity.cases.CasePhotos;
import city.gridcity.cases.ResidentCases;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.shared.web.Paging;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.Set;

/**
 * The city's public cases: a list and map of open and recently closed cases, and each case's public page
 * (category, approximate place, where it stands, age, public timeline, approved photos). Nobody learns who
 * reported, their words, phone or exact point here. The map's layers are served from here as well, to
 * visitors too: the city's grid (management grids and above) and the cases' approximate points.
 */
@Path("/")
public class PublicCasePages {

    static final int PAGE_SIZE = 20;
    static final int MAP_CASES = 500;
    private static final Set<GridLevel> MAP_LEVELS = EnumSet.of(GridLevel.DISTRICT, GridLevel.STREET,
            GridLevel.COMMUNITY, GridLevel.MANAGEMENT);

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance cases(Messages.Msg msg, PortalFormat fmt, String city, String show,
                                             ResidentCases.PublicPage list, boolean more);

        static native TemplateInstance publicCase(Messages.Msg msg, PortalFormat fmt, String city,
                                                  ResidentCases.PublicCase view);
    }

    private final PortalRequest request;
    private final ResidentCases cases;
    private final GridQueries grid;

    PublicCasePages(PortalRequest request, ResidentCases cases, GridQueries grid) {
        this.request = request;
        this.cases = cases;
        this.grid = grid;
    }

    @GET
    @Path("c/{city}/cases")
    @Produces(MediaType.TEXT_HTML)
    public Response list(@PathParam("city") String code, @QueryParam("show") String show,
                         @QueryParam("page") String pageNumber, @QueryParam("lang") String lang,
                         @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        ResidentCases.Show which = show(show);
        Paging p = Paging.of(pageNumber, null, PAGE_SIZE, PAGE_SIZE);
        ResidentCases.PublicPage list = cases.publicCases(which, p.page(), p.size());
        boolean more = (long) (p.page() + 1) * p.size() < list.total();
        return PageSupport.page(Templates.cases(page.msg(), page.fmt(), code, which.name().toLowerCase(), list, more), 200,
                Language.remember(lang));
    }

    @GET
    @Path("c/{city}/cases/{number}")
    @Produces(MediaType.TEXT_HTML)
    public Response publicCase(@PathParam("city") String code, @PathParam("number") String number,
                               @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        return PageSupport.page(Templates.publicCase(page.msg(), page.fmt(), code, cases.publicCase(number)), 200,
                Language.remember(lang));
    }

    /** An approved photo of a public case for anyone; a resident's own report's photos for them. */
    @GET
    @Path("c/{city}/cases/{number}/photos/{id}")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    public Response photo(@PathParam("city") String code, @PathParam("number") String number, @PathParam("id") long id) {
        return serve(number, id, false);
    }

    @GET
    @Path("c/{city}/cases/{number}/photos/{id}/thumbnail")
    @Produces("image/jpeg")
    public Response thumbnail(@PathParam("city") String code, @PathParam("number") String number,
                              @PathParam("id") long id) {
        return serve(number, id, true);
    }

    /** The city's grid in force at one level (management grids by default), for the maps. */
    @GET
    @Path("c/{city}/map/grid.geojson")
    @Produces("application/geo+json")
    public Response gridLayer(@PathParam("city") String code, @QueryParam("level") String level) {
        GridLevel l = level == null || level.isBlank() ? GridLevel.MANAGEMENT : GridLevel.fromWireName(level)
                .filter(MAP_LEVELS::contains).orElseThrow(() -> ProblemException.invalid("level",
                        "one of district, street, community, management"));
        ObjectNode collection = grid.featureCollection(grid.layout(null, null), l, null);
        return Response.ok(collection.toString(), "application/geo+json").header("Cache-Control", "public, max-age=300")
                .build();
    }

    /** The public cases' approximate points, newest first, for the public map. */
    @GET
    @Path("c/{city}/map/cases.geojson")
    @Produces("application/geo+json")
    public Response caseLayer(@PathParam("city") String code, @QueryParam("lang") String lang,
                              @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        ObjectNode collection = JsonNodeFactory.instance.objectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (ResidentCases.Summary s : cases.publicCases(ResidentCases.Show.ALL, 0, MAP_CASES).items()) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            ObjectNode geometry = f.putObject("geometry");
            geometry.put("type", "Point");
            geometry.putArray("coordinates").add(s.approxLon()).add(s.approxLat());
            ObjectNode props = f.putObject("properties");
            props.put("number", s.number());
            props.put("category", page.fmt().category(s.kind(), s.classCode(), s.category()));
            props.put("state", page.fmt().phase(s.phase()));
            props.put("finished", s.phase().finished());
            props.put("age", page.fmt().age(s.reportedAt()));
            props.put("url", "/c/" + code + "/cases/" + s.number());
        }
        return Response.ok(collection.toString(), "application/geo+json").header("Cache-Control", "no-store").build();
    }

    private Response serve(String number, long id, boolean thumbnail) {
        CasePhotos.Content c = cases.photo(number, id, thumbnail, request.user().orElse(null));
        boolean isPublic = cases.isPublicPhoto(number, id);
        // A photo that is not public must never be handed by a shared cache to someone else.
        return Response.ok(c.bytes(), c.mediaType())
                .header("Cache-Control", isPublic ? "public, max-age=600" : "private, max-age=600")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static ResidentCases.Show show(String value) {
        if (value == null || value.isBlank()) {
            return ResidentCases.Show.ALL;
        }
        try {
            return ResidentCases.Show.valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return ResidentCases.Show.ALL;
        }
    }
}
