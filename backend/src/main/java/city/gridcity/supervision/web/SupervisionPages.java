package city.gridcity.supervision.web;

import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.supervision.StaffingService;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The city administrator's supervisors page (监督员岗位): the staffing rule's report (one district supervisor per two
 * management grids, city-wide and per district, by name) and each supervisor's management grids, changed as a list
 * of codes with their names shown; a code that is not a management grid in force is named with its line.
 */
@Path("/console/admin/supervision")
@Produces(MediaType.TEXT_HTML)
public class SupervisionPages {

    static final String PAGE = "/console/admin/supervision";
    private static final Pattern GRID_FIELD = Pattern.compile("managementGrids\\[(\\d+)]");

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance supervision(Messages.Msg msg, View view);
    }

    public record View(String csrf, int layoutVersion, Row city, List<Row> districts, int unassigned, String unassignedNames,
                       List<Person> supervisors, String done, String error) {
    }

    public record Row(String name, int grids, int supervisors, int required, boolean meets) {
    }

    public record Person(long id, String name, String username, String roles, String grids, String codes, boolean open,
                         String error) {
    }

    private final CurrentPrincipal current;
    private final StaffingService staffing;
    private final GridQueries grid;
    private final Messages messages;

    SupervisionPages(CurrentPrincipal current, StaffingService staffing, GridQueries grid, Messages messages) {
        this.current = current;
        this.staffing = staffing;
        this.grid = grid;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The supervisors page");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        String editing = note.map(n -> n.value("editing")).orElse(null);
        StaffingService.StaffingReport report;
        try {
            report = staffing.report();
        } catch (ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
            // No layout in force yet: no staffing to check, the posts still listed (and refused until a grid exists).
            report = new StaffingService.StaffingReport(0, new StaffingService.Staffing("city", 0, 0, 0, true), List.of(), 0,
                    List.of());
        }
        List<StaffingService.Supervisor> people = staffing.supervisors();
        Set<String> codes = new HashSet<>(report.unassignedGrids());
        people.forEach(p -> codes.addAll(p.managementGrids()));
        Map<String, String> gridNames = grid.names(GridLevel.MANAGEMENT, codes);
        Map<String, String> districtNames = grid.names(GridLevel.DISTRICT,
                report.districts().stream().map(StaffingService.Staffing::area).toList());
        List<Person> persons = people.stream().map(p -> {
            boolean open = String.valueOf(p.user().id()).equals(editing);
            return new Person(p.user().id(), p.user().displayName(), p.user().username(),
                    String.join("、", p.user().roles().stream().filter(r -> r == Role.DISTRICT_SUPERVISOR || r == Role.CITY_SUPERVISOR)
                            .map(r -> msg.t("role." + r.wireName())).toList()),
                    String.join("、", p.managementGrids().stream().map(c -> gridNames.getOrDefault(c, c)).toList()),
                    open ? note.get().value("grids") : String.join("\n", p.managementGrids()), open,
                    open && refusal != null ? gridError(msg, refusal) : null);
        }).toList();
        View view = new View(csrf, report.layoutVersion(), row(msg.t("supervision.city"), report.city()),
                report.districts().stream().map(d -> row(districtNames.getOrDefault(d.area(), d.area()), d)).toList(),
                report.unassignedGridCount(), String.join("、", report.unassignedGrids().stream().limit(30)
                .map(c -> gridNames.getOrDefault(c, c)).toList()) + (report.unassignedGridCount() > 30 ? "……" : ""),
                persons, note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : msg.t("supervision.problems"));
        return PageSupport.page(Templates.supervision(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@PathParam("userId") long userId, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The supervisors page");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String typed = form.getFirst("grids") == null ? "" : form.getFirst("grids");
        List<String> codes = Arrays.stream(typed.trim().split("[\\s,，、]+")).filter(s -> !s.isBlank()).toList();
        try {
            staffing.assign(userId, codes, user.get().username());
            return Flash.done(PAGE, "supervision.done.saved");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(PAGE, e, Map.of("editing", String.valueOf(userId), "grids", typed));
        }
    }

    /** The service names a code by its index in the list; the page names the code itself. */
    private static String gridError(Messages.Msg msg, ProblemException refusal) {
        List<String> parts = new ArrayList<>();
        for (Problem.FieldError f : refusal.errors()) {
            Matcher m = GRID_FIELD.matcher(f.field());
            parts.add(m.matches() ? msg.f("supervision.error.grid", f.message().replaceFirst("^'([^']*)'.*$", "$1"))
                    : PageErrors.text(msg, refusal));
        }
        return parts.isEmpty() ? PageErrors.text(msg, refusal) : String.join(" ", parts);
    }

    private static Row row(String name, StaffingService.Staffing s) {
        return new Row(name, s.managementGrids(), s.districtSupervisors(), s.required(), s.meetsRule());
    }
}
