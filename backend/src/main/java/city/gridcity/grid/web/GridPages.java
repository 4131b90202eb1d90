package city.gridcity.grid.web;

import city.gridcity.grid.GridDrafts;
import city.gridcity.grid.GridImportService;
import city.gridcity.grid.GridLayout;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridProblem;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The city administrator's grid pages (网格管理): the layout versions and their dates; an upload that is checked
 * as a dry run and kept as a draft, whose page lists every problem by feature and draws the file with the faulty
 * features marked, and imports the very file that was checked; and a map to browse the levels in force by name
 * and look up a point. Post, redirect, get: the draft outlives the upload's request for that.
 */
@Path("/console/admin/grid")
@Produces(MediaType.TEXT_HTML)
public class GridPages {

    static final String PAGE = "/console/admin/grid";
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int SHOWN_PROBLEMS = 200;

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance grid(Messages.Msg msg, GridView view);

        static native TemplateInstance gridDraft(Messages.Msg msg, DraftView view);
    }

    public record GridView(String csrf, List<LayoutLine> layouts, List<DraftLine> drafts, List<Choice> levels,
                           String effectiveFrom, Map<String, String> errors, String done, String error) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    public record LayoutLine(int version, String effectiveFrom, String importedAt, String importedBy, String counts,
                             boolean inForce) {
    }

    public record DraftLine(long id, String fileName, String uploadedAt, String uploadedBy, boolean valid,
                            int problemCount, Integer importedVersion) {
    }

    public record Choice(String value, String label) {
    }

    public record DraftView(String csrf, long id, String fileName, String uploadedAt, String uploadedBy, boolean valid,
                            Integer importedVersion, String counts, int problemCount, List<ProblemLine> problems,
                            boolean more, String effectiveFrom, Map<String, String> errors, String error) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A problem as the administrator reads it: the feature by code and name, the kind in words. */
    public record ProblemLine(String where, String kind, String message) {
    }

    private final CurrentPrincipal current;
    private final GridDrafts drafts;
    private final GridQueries queries;
    private final Messages messages;

    GridPages(CurrentPrincipal current, GridDrafts drafts, GridQueries queries, Messages messages) {
        this.current = current;
        this.drafts = drafts;
        this.queries = queries;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The grid pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        LocalDate today = LocalDate.now(zone);
        List<GridLayout> all = queries.layouts();
        Integer inForce = all.stream().filter(l -> !l.effectiveFrom.isAfter(today)).map(l -> l.version).findFirst().orElse(null);
        List<LayoutLine> layouts = all.stream().map(l -> new LayoutLine(l.version, l.effectiveFrom.toString(),
                MOMENT.format(l.importedAt.atZone(zone)), l.importedBy, counts(msg, l.districtCount, l.streetCount,
                l.communityCount, l.managementCount, l.unitCount, l.keyAreaCount), Integer.valueOf(l.version).equals(inForce)))
                .toList();
        List<DraftLine> kept = drafts.latest().stream().map(d -> new DraftLine(d.id(), d.fileName(),
                MOMENT.format(d.uploadedAt().atZone(zone)), d.uploadedBy(), d.valid(), d.report().problemCount(),
                d.importedVersion())).toList();
        List<Choice> levels = Arrays.stream(GridLevel.values()).filter(l -> l != GridLevel.UNIT && l != GridLevel.KEY_AREA)
                .map(l -> new Choice(l.wireName(), msg.t("grid.level." + l.wireName()))).toList();
        GridView view = new GridView(csrf, layouts, kept, levels,
                note.map(n -> n.value("effectiveFrom")).orElse(""),
                refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "grid"),
                note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("grid.problems"));
        return PageSupport.page(Templates.grid(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("effectiveFrom") String effectiveFrom,
                           @RestForm(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The grid pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            LocalDate from = date(effectiveFrom);
            if (file == null || file.size() == 0) {
                throw ProblemException.invalid("file", "choose a GeoJSON file of the city's grid");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long id = drafts.upload(bytes, file.fileName(), from, user.get().username());
            return Response.seeOther(URI.create(PAGE + "/drafts/" + id)).build();
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of("effectiveFrom", effectiveFrom == null ? "" : effectiveFrom));
        }
    }

    @GET
    @Path("/drafts/{id}")
    public Response draft(@PathParam("id") long id, @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                          @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        String page = PAGE + "/drafts/" + id;
        Optional<Principal> user = current.cityAdministrator("The grid pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + page)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        GridDrafts.Draft d = drafts.get(id);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        GridImportService.ImportReport r = d.report();
        Map<String, Integer> c = r.counts() == null ? Map.of() : r.counts();
        List<ProblemLine> problems = new ArrayList<>();
        for (GridProblem p : r.problems().subList(0, Math.min(r.problems().size(), SHOWN_PROBLEMS))) {
            problems.add(new ProblemLine(p.index() < 0 ? msg.t("grid.wholeLayout")
                    : msg.f("grid.feature", p.index() + 1) + (p.code() == null ? "" : " · " + p.code()),
                    label(msg, "grid.problem." + p.kind(), p.kind()), p.message()));
        }
        DraftView view = new DraftView(csrf, d.id(), d.fileName(), MOMENT.format(d.uploadedAt().atZone(zone)), d.uploadedBy(),
                d.valid(), d.importedVersion(), counts(msg, c.getOrDefault("district", 0), c.getOrDefault("street", 0),
                c.getOrDefault("community", 0), c.getOrDefault("management", 0), c.getOrDefault("unit", 0),
                c.getOrDefault("key_area", 0)), r.problemCount(), problems, r.problemCount() > problems.size(),
                note.map(n -> n.value("effectiveFrom")).orElse(d.effectiveFrom().toString()),
                refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "grid"),
                refusal == null ? null : PageErrors.text(msg, refusal));
        return PageSupport.page(Templates.gridDraft(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, page));
    }

    /** The draft's features for its map, the faulty ones marked. */
    @GET
    @Path("/drafts/{id}/map.geojson")
    @Produces("application/geo+json")
    public Response draftMap(@PathParam("id") long id) {
        if (current.cityAdministrator("The grid pages").isEmpty()) {
            throw ProblemException.unauthorized("unauthenticated", "Sign in to the console first.");
        }
        ObjectNode map = drafts.map(id);
        return Response.ok(map).header("Cache-Control", "private, no-store").build();
    }

    @POST
    @Path("/drafts/{id}/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response importDraft(@PathParam("id") long id, MultivaluedMap<String, String> form,
                                @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The grid pages");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String effectiveFrom = form.getFirst("effectiveFrom");
        try {
            drafts.importDraft(id, date(effectiveFrom), user.get().username());
            return Flash.done(PAGE, "grid.done.imported");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(PAGE + "/drafts/" + id, e, Map.of("effectiveFrom", effectiveFrom == null ? "" : effectiveFrom));
        }
    }

    private static LocalDate date(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(typed.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("effectiveFrom", "give a date such as 2027-01-01, or leave it blank for today");
        }
    }

    private static String counts(Messages.Msg msg, int districts, int streets, int communities, int management, int units,
                                 int keyAreas) {
        return msg.t("grid.level.district") + " " + districts + " · " + msg.t("grid.level.street") + " " + streets + " · "
                + msg.t("grid.level.community") + " " + communities + " · " + msg.t("grid.level.management") + " " + management
                + " · " + msg.t("grid.level.unit") + " " + units + " · " + msg.t("grid.level.key_area") + " " + keyAreas;
    }

    private static String label(Messages.Msg msg, String key, String fallback) {
        String text = msg.t(key);
        return text.equals(key) ? fallback : text;
    }
}
