package city.gridcity.cases.web;

import static city.gridcity.cases.web.PageParams.blankToNull;
import static city.gridcity.cases.web.PageParams.encode;
import static city.gridcity.cases.web.PageParams.parseCoordinate;
import static city.gridcity.cases.web.PageParams.parseEnum;
import static city.gridcity.cases.web.PageParams.toSignIn;

import city.gridcity.cases.CaseIntake;
import city.gridcity.cases.ReportCommand;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.cases.web.WorkPages.Option;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.Subclass;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import java.util.HashMap;
import java.util.Map;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The console's report form, for acceptors (hotline calls, WeChat, media...) and supervisors; it reports through the one intake. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {

    /** Who enters reports through the console: acceptors (calls, WeChat, media...) and supervisors. */
    static final Set<Role> REPORTERS = EnumSet.of(Role.ACCEPTOR, Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR);

    @CheckedTemplate(basePath = "console/cases")
    static class Templates {
        static native TemplateInstance report(Messages.Msg msg, ReportView view);
    }

    public record ReportView(List<Option> sources, List<Option> components, List<Option> events, List<Option> crs,
                             String lon, String lat, String address, String description, String csrf,
                             List<String> errors) {
    }

    private final Viewers viewers;
    private final CaseIntake intake;
    private final WorkflowConfigService workflow;
    private final CatalogService catalog;

    ReportPages(Viewers viewers, CaseIntake intake, WorkflowConfigService workflow, CatalogService catalog) {
        this.viewers = viewers;
        this.intake = intake;
        this.workflow = workflow;
        this.catalog = catalog;
    }

    @GET
    @Path("/cases/new")
    public Response reportForm(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                               @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Viewers.Viewer> signedIn = viewers.viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
        requireReporter(v);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused report came back by redirect with what was typed, so nothing has to be entered again.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Flash.Note n = note.orElse(null);
        ReportView view = n == null ? reportView(v, csrf, null, null, "wgs84", null, null, null, null, List.of())
                : reportView(v, csrf, n.value("source"), n.value("subclass"), n.value("crs"), n.value("lon"),
                n.value("lat"), n.value("address"), n.value("description"),
                refusal == null ? List.of() : Viewers.errorTexts(v.msg(), refusal));
        return PageSupport.page(Templates.report(v.msg(), view), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/console/cases/new"));
    }

    @POST
    @Path("/cases")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@FormParam("source") String source, @FormParam("subclass") String subclass,
                           @FormParam("lon") String lon, @FormParam("lat") String lat, @FormParam("crs") String crs,
                           @FormParam("address") String address, @FormParam("description") String description,
                           @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewers.Viewer> signedIn = viewers.viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
        requireReporter(v);
        try {
            CatalogClass.Kind kind = null;
            String code = null;
            if (subclass != null && subclass.contains(":")) {
                kind = parseEnum("classCode", CatalogClass.Kind.class, subclass.substring(0, subclass.indexOf(':')));
                code = subclass.substring(subclass.indexOf(':') + 1);
            }
            if (kind == null) {
                throw ProblemException.invalid("classCode", "choose the subclass from the catalog");
            }
            CoordinateSystem system = CoordinateSystem.fromWireName(crs == null ? "wgs84" : crs)
                    .orElseThrow(() -> ProblemException.invalid("crs", "must be wgs84, gcj02 or bd09"));
            CaseIntake.Reported r = intake.report(new ReportCommand(blankToNull(source), kind, code,
                    parseCoordinate(lon), parseCoordinate(lat), system, address, description, null, false, null), v.actor());
            return Response.seeOther(URI.create("/console/cases/" + encode(r.theCase().number) + "?reported=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 401) {
                throw e;
            }
            Map<String, String> typed = new HashMap<>();
            typed.put("source", source);
            typed.put("subclass", subclass);
            typed.put("crs", crs);
            typed.put("lon", lon);
            typed.put("lat", lat);
            typed.put("address", address);
            typed.put("description", description);
            return Flash.refused("/console/cases/new", e, typed);
        }
    }

    private ReportView reportView(Viewers.Viewer v, String csrf, String source, String subclass, String crs, String lon,
                                  String lat, String address, String description, List<String> errors) {
        Messages.Msg msg = v.msg();
        List<Option> sources = workflow.sources().stream()
                .filter(s -> s.active && s.channel.reporters().stream().anyMatch(v.actor().roles()::contains))
                .map(s -> new Option(s.code, msg.english() ? s.nameEn : s.nameZh, s.code.equals(source))).toList();
        List<Subclass> active = catalog.subclasses().stream().filter(Subclass::active).toList();
        List<Option> components = classOptions(active, CatalogClass.Kind.COMPONENT, subclass, msg);
        List<Option> events = classOptions(active, CatalogClass.Kind.EVENT, subclass, msg);
        List<Option> systems = Arrays.stream(CoordinateSystem.values()).map(s -> new Option(s.wireName(),
                msg.t("crs." + s.wireName()), s.wireName().equals(crs))).toList();
        return new ReportView(sources, components, events, systems, lon, lat, address, description, csrf, errors);
    }

    /** Subclasses of one kind; the kind is in each label too, as components and events share codes. */
    private static List<Option> classOptions(List<Subclass> classes, CatalogClass.Kind kind, String chosen,
                                             Messages.Msg msg) {
        String kindLabel = msg.t("kind." + kind.name());
        return classes.stream().filter(c -> c.kind() == kind).map(c -> {
            String value = kind.name() + ":" + c.code();
            return new Option(value, kindLabel + " " + c.code() + " " + c.majorName(msg.english()) + " · " + c.name(msg.english()),
                    value.equals(chosen));
        }).toList();
    }

    private static void requireReporter(Viewers.Viewer v) {
        if (v.actor().roles().stream().noneMatch(REPORTERS::contains)) {
            throw ProblemException.forbidden("report-not-yours", v.msg().t("error.report-not-yours"));
        }
    }
}
