package city.gridcity.department.web;

import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.department.AreaNames;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The city administrator's departments page (处置部门): every disposal unit with its kind and the areas it answers
 * for, by name; a form to add one and one per department to change its name, kind, areas and whether it takes
 * cases. Checked by {@link DepartmentService} as the API is; each problem next to its field; post, redirect, get.
 * Areas are named through {@link AreaNames}, which the grid implements: the grid already depends (through
 * identity) on departments, so departments must not depend on the grid.
 */
@Path("/console/admin/departments")
@Produces(MediaType.TEXT_HTML)
public class DepartmentPages {

    static final String PAGE = "/console/admin/departments";
    private static final List<String> KEPT = List.of("code", "name", "kind", "areaCodes", "active");

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance departments(Messages.Msg msg, View view);
    }

    public record View(String csrf, List<Line> departments, Form form, String editing, List<Choice> kinds, String done,
                       String error) {
    }

    /** A department as the administrator reads it: its kind and areas by name, codes second. */
    public record Line(String code, String name, String kindLabel, String areas, boolean active, Form form, boolean open) {
    }

    public record Choice(String value, String label) {
    }

    /** The add form, or the change form of {@code View.editing}, as typed, with each field's problem. */
    public record Form(String code, String name, String kind, String areaCodes, boolean active, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    private final CurrentPrincipal current;
    private final DepartmentService departments;
    private final AreaNames areaNames;
    private final Messages messages;

    DepartmentPages(CurrentPrincipal current, DepartmentService departments, AreaNames areaNames, Messages messages) {
        this.current = current;
        this.departments = departments;
        this.areaNames = areaNames;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("Departments");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Form blank = new Form("", "", Department.Kind.CITY_DEPARTMENT.name(), "", true, Map.of());
        Form typed = null;
        String editing = null;
        if (refusal != null) {
            Flash.Note n = note.get();
            editing = n.value("editing");
            typed = new Form(orEmpty(n.value("code")), orEmpty(n.value("name")), orEmpty(n.value("kind")),
                    orEmpty(n.value("areaCodes")), "true".equals(n.value("active")),
                    PageErrors.byField(msg, refusal, "departments"));
        }
        // The form a refusal came back to shows what was typed; every other one shows the department as stored.
        Form adding = editing == null && typed != null ? typed : blank;
        String open = editing;
        Form changed = typed;
        List<Department> all = departments.list();
        Map<String, String> names = areaNames(all);
        List<Line> lines = all.stream().map(d -> new Line(d.code, d.name, msg.t("departmentKind." + d.kind.name()),
                Arrays.stream(d.areaCodes).map(c -> names.getOrDefault(c, c)).reduce((a, b) -> a + "、" + b).orElse(""),
                d.active, d.code.equals(open) ? changed : new Form(d.code, d.name, d.kind.name(),
                        String.join(" ", d.areaCodes), d.active, Map.of()), d.code.equals(open))).toList();
        List<Choice> kinds = Arrays.stream(Department.Kind.values())
                .map(k -> new Choice(k.name(), msg.t("departmentKind." + k.name()))).toList();
        View view = new View(csrf, lines, adding, editing, kinds, note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("departments.problems"));
        return PageSupport.page(Templates.departments(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (current.cityAdministrator("Departments").isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            departments.create(new DepartmentService.DepartmentSpec(trim(form.getFirst("code")), form.getFirst("name"),
                    kind(form.getFirst("kind")), areas(form.getFirst("areaCodes")), "true".equals(form.getFirst("active"))));
            return Flash.done(PAGE, "departments.done.created");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, kept(form, null));
        }
    }

    @POST
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("code") String code, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (current.cityAdministrator("Departments").isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            departments.update(code, new DepartmentService.DepartmentSpec(null, form.getFirst("name") == null ? ""
                    : form.getFirst("name"), kind(form.getFirst("kind")), areas(form.getFirst("areaCodes")),
                    "true".equals(form.getFirst("active"))));
            return Flash.done(PAGE, "departments.done.saved");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, e.status() == 404 ? Map.of() : kept(form, code));
        }
    }

    /** The names of the districts, streets and communities departments answer for. */
    private Map<String, String> areaNames(List<Department> all) {
        return areaNames.names(all.stream().flatMap(d -> Arrays.stream(d.areaCodes)).distinct().toList());
    }

    /** An unknown kind is passed on as none, so the service names the field; blank means "leave it" only on change. */
    private static Department.Kind kind(String value) {
        try {
            return value == null || value.isBlank() ? null : Department.Kind.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Area codes as typed: separated by spaces, commas or new lines (、 and ， too). */
    private static List<String> areas(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.trim().split("[\\s,，、]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Map<String, String> kept(MultivaluedMap<String, String> form, String editing) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : KEPT) {
            String v = form.getFirst(field);
            if (v != null) {
                typed.put(field, v);
            }
        }
        if (editing != null) {
            typed.put("editing", editing);
            typed.putIfAbsent("code", editing);
        }
        return typed;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
