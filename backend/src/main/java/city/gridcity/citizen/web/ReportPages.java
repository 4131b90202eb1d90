package city.gridcity.citizen.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.ResidentCases;
import city.gridcity.cases.ResidentPhase;
import city.gridcity.catalog.ResidentCatalog;
import city.gridcity.citizen.PortalConfig;
import city.gridcity.citizen.PortalReports;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * 随手拍: a resident reports a problem on the portal. The form works without JavaScript (a category list,
 * lon/lat fields, photo fields, and the nearby open cases shown before the report is stored); with it, a
 * Leaflet map over the city's own grid, "use my location" (browser positions are taken as GCJ-02, as
 * phones in China report them; the intake converts), live nearby cases and photo thumbnails. Refusals
 * come back as the form with each message next to its field and nothing stored.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {

    /** The intake's field names as the form calls them. */
    static final Map<String, String> FORM_FIELDS = Map.of("classCode", "category", "kind", "category",
            "lon", "location", "lat", "location", "crs", "location", "outside-city", "location", "file", "photos",
            "source", "form");

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance report(Messages.Msg msg, PortalFormat fmt, Form form);

        static native TemplateInstance nearby(Messages.Msg msg, PortalFormat fmt, Nearby nearby);
    }

    /** The categories of one major class. */
    public record Group(String label, List<ResidentCatalog.Category> items, boolean open) {
    }

    /** Open cases near the point, and where the point is (its grid) or why it is refused. */
    public record Nearby(String city, String csrf, String category, String lon, String lat, String crs, Double wgsLon,
                         Double wgsLat, String place, String error, List<DuplicateFinder.Nearby> cases) {

        public ResidentPhase phaseOf(DuplicateFinder.Nearby n) {
            return ResidentPhase.of(n.state());
        }
    }

    /** The report form as filled in, with each field's refusal. */
    public record Form(String city, String csrf, List<Group> groups, String category, String lon, String lat,
                       String crs, String address, String description, Map<String, String> errors,
                       Nearby nearby, String tileUrl, String tileAttribution, int maxPhotos) {

        public String error(String field) {
            return errors.get(field);
        }

        public boolean has(String field) {
            return errors.containsKey(field);
        }
    }

    private final PortalRequest request;
    private final PortalReports reports;
    private final PortalConfig config;
    private final GridLocator grid;

    ReportPages(PortalRequest request, PortalReports reports, PortalConfig config, GridLocator grid) {
        this.request = request;
        this.reports = reports;
        this.config = config;
        this.grid = grid;
    }

    @GET
    @Path("c/{city}/report")
    public Response form(@PathParam("city") String code, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        if (request.resident().isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/report");
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused report comes back here (post-redirect-get) with its problems and what was typed; photos are
        // chosen again, as a browser never refills a file field.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Form form = refusal == null ? form(page, csrf, null, null, null, "wgs84", null, null, Map.of(), null)
                : form(page, csrf, note.get().value("category"), note.get().value("lon"), note.get().value("lat"),
                note.get().value("crs") == null ? "wgs84" : note.get().value("crs"), note.get().value("address"),
                note.get().value("description"), PortalRequest.fieldErrors(page.msg(), refusal, FORM_FIELDS), null);
        return PageSupport.page(Templates.report(page.msg(), page.fmt(), form), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/c/" + code + "/report"));
    }

    @POST
    @Path("c/{city}/report")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response report(@PathParam("city") String code, @RestForm("category") String category,
                           @RestForm("lon") String lon, @RestForm("lat") String lat, @RestForm("crs") String crs,
                           @RestForm("address") String address, @RestForm("description") String description,
                           @RestForm("confirm") String confirm, @RestForm("photos") List<FileUpload> files,
                           @RestForm(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        PortalRequest.Page page = request.page(code, null, headers);
        Optional<Actor> resident = request.resident();
        if (resident.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/report");
        }
        Double x = number(lon);
        Double y = number(lat);
        CoordinateSystem system = crs(crs);
        try {
            // Without the page's script nobody has seen the open cases nearby yet: show them before storing.
            if (!"1".equals(confirm)) {
                Nearby near = nearby(page, csrfCookie, category, lon, lat, crs, resident.get());
                if (near != null && !near.cases().isEmpty()) {
                    Form form = form(page, csrfCookie, category, lon, lat, crs, address, description, Map.of(), near);
                    return PageSupport.page(Templates.report(page.msg(), page.fmt(), form), 200);
                }
            }
            String number = reports.report(new PortalReports.Report(category, x, y, system, address, description,
                    uploads(files)), resident.get());
            return Response.seeOther(URI.create("/c/" + code + "/my/cases/" + number + "?reported=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw e;
            }
            Map<String, String> typed = new java.util.HashMap<>();
            typed.put("category", category);
            typed.put("lon", lon);
            typed.put("lat", lat);
            typed.put("crs", crs);
            typed.put("address", address);
            typed.put("description", description);
            typed.values().removeIf(java.util.Objects::isNull);
            return Flash.refused("/c/" + code + "/report", e, typed);
        }
    }

    /** The open cases near a point, as a piece of the form: the page's script fetches it as the point or category changes. */
    @GET
    @Path("c/{city}/report/nearby")
    public Response nearby(@PathParam("city") String code, @QueryParam("category") String category,
                           @QueryParam("lon") String lon, @QueryParam("lat") String lat, @QueryParam("crs") String crs,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, null, headers);
        Optional<Actor> resident = request.resident();
        if (resident.isEmpty()) {
            throw ProblemException.unauthorized("unauthenticated", "Sign in to report.");
        }
        Nearby near = nearby(page, csrfCookie, category, lon, lat, crs, resident.get());
        return PageSupport.page(Templates.nearby(page.msg(), page.fmt(), near == null ? empty(page, csrfCookie) : near), 200);
    }

    /** 同问: the resident follows an open case near them instead of reporting it again. */
    @POST
    @Path("c/{city}/cases/{number}/me-too")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response meToo(@PathParam("city") String code, @PathParam("number") String number,
                          @FormParam("lon") String lon, @FormParam("lat") String lat, @FormParam("crs") String crs,
                          @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                          @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        request.page(code, null, headers);
        Optional<Actor> resident = request.resident();
        if (resident.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/report");
        }
        try {
            reports.meToo(number, number(lon), number(lat), crs(crs), resident.get());
        } catch (ProblemException e) {
            if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
                throw e;
            }
            // Refused (too far, closed meanwhile...): back to the report form, which says why and keeps the point.
            Map<String, String> typed = new java.util.HashMap<>();
            typed.put("lon", lon);
            typed.put("lat", lat);
            typed.put("crs", crs);
            typed.values().removeIf(java.util.Objects::isNull);
            return Flash.refused("/c/" + code + "/report", e, typed);
        }
        return Response.seeOther(URI.create("/c/" + code + "/my/cases/" + number + "?metoo=1")).build();
    }

    /**
     * Where the point lies and the open cases of the category near it; null when category or point are
     * not given yet (nothing to look for).
     */
    private Nearby nearby(PortalRequest.Page page, String csrf, String category, String lon, String lat, String crs,
                          Actor resident) {
        Double x = number(lon);
        Double y = number(lat);
        if (x == null || y == null) {
            return null;
        }
        CoordinateSystem system = crs(crs);
        GridLocator.Location where;
        try {
            where = grid.locate(x, y, system, null);
        } catch (ProblemException e) {
            return new Nearby(page.city().code(), csrf, category, lon, lat, crs, null, null, null,
                    PortalRequest.fieldErrors(page.msg(), e, FORM_FIELDS).values().iterator().next(), List.of());
        }
        String place = ResidentCases.placeName(where.unit());
        List<DuplicateFinder.Nearby> cases;
        try {
            cases = category == null || category.isBlank() ? List.of()
                    : reports.nearby(category, x, y, system, resident);
        } catch (ProblemException e) {
            cases = List.of();
        }
        return new Nearby(page.city().code(), csrf, category, lon, lat, crs, where.lon(), where.lat(), place, null, cases);
    }

    private static Nearby empty(PortalRequest.Page page, String csrf) {
        return new Nearby(page.city().code(), csrf, null, null, null, null, null, null, null, null, List.of());
    }

    private Form form(PortalRequest.Page page, String csrf, String category, String lon, String lat, String crs,
                      String address, String description, Map<String, String> errors, Nearby nearby) {
        Map<String, List<ResidentCatalog.Category>> byMajor = new LinkedHashMap<>();
        for (ResidentCatalog.Category c : reports.categories()) {
            String label = page.msg().t("kind." + c.kind().name()) + " · " + page.fmt().major(c.kind(), c.code(), c.majorName());
            byMajor.computeIfAbsent(label, k -> new ArrayList<>()).add(c);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<ResidentCatalog.Category>> e : byMajor.entrySet()) {
            // The first group is open, and the one holding the choice already made.
            boolean open = groups.isEmpty() || e.getValue().stream().anyMatch(c -> c.key().equals(category));
            groups.add(new Group(e.getKey(), e.getValue(), open));
        }
        Optional<PortalConfig.Tiles> tiles = config.tiles();
        return new Form(page.city().code(), csrf, groups, category, lon, lat, crs == null ? "wgs84" : crs, address,
                description, errors, nearby, tiles.map(PortalConfig.Tiles::url).orElse(null),
                tiles.map(PortalConfig.Tiles::attribution).orElse(null), PortalReports.MAX_PHOTOS);
    }

    private static List<PortalReports.Upload> uploads(List<FileUpload> files) {
        List<PortalReports.Upload> uploads = new ArrayList<>();
        if (files == null) {
            return uploads;
        }
        for (FileUpload f : files) {
            // A file field left empty still sends a part, with no name and no bytes.
            if (f == null || f.size() == 0) {
                continue;
            }
            try {
                uploads.add(new PortalReports.Upload(Files.readAllBytes(f.uploadedFile()), f.fileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    /** A coordinate as typed; what is not a number is left for the intake to name as the location. */
    private static Double number(String value) {
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Positions from the page's script say gcj02; the map and typed coordinates are WGS84. */
    private static CoordinateSystem crs(String value) {
        return value == null ? CoordinateSystem.WGS84
                : CoordinateSystem.fromWireName(value).orElse(CoordinateSystem.WGS84);
    }
}
