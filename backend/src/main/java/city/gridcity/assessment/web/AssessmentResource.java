package city.gridcity.assessment.web;

import city.gridcity.assessment.Runs;
import city.gridcity.assessment.Scheme;
import city.gridcity.assessment.SchemeVersion;
import city.gridcity.assessment.Schemes;
import city.gridcity.calendar.CalendarService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Assessment (考评 / 考评+) of the current city: schemes and overlays as data (the city administrator edits
 * them), runs (assessors and administrators start and read them), score cards (also the target's own user:
 * a department's handlers, a supervisor for their post).
 */
@Path("/api/v1/assessment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assessment", description = "考评 · Schemes, overlays, runs and score cards")
public class AssessmentResource {

    /** A new version of a scheme: the date it takes effect and the scheme itself. */
    public record SchemeBody(LocalDate effectiveFrom, Scheme scheme) {
    }

    /** A new version of an overlay: the date it takes effect and the overlay itself. */
    public record OverlayBody(LocalDate effectiveFrom, Scheme.Overlay overlay) {
    }

    /** What to run: a scheme, optionally an overlay stacked on it, and the period [from, to) in the city's days. */
    public record RunBody(@NotNull String scheme, String overlay, String from, String to) {
    }

    private final Schemes schemes;
    private final Runs runs;
    private final CurrentPrincipal current;
    private final UserService users;
    private final CalendarService calendar;

    AssessmentResource(Schemes schemes, Runs runs, CurrentPrincipal current, UserService users, CalendarService calendar) {
        this.calendar = calendar;
        this.schemes = schemes;
        this.runs = runs;
        this.current = current;
        this.users = users;
    }

    @GET
    @Path("/schemes")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The newest version of each of the city's schemes and overlays")
    public List<Schemes.Version> current() {
        return schemes.current();
    }

    @PUT
    @Path("/schemes/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a version of a scheme in force from a date (the versions are the audit trail); bad input "
            + "(an unknown indicator or rule, weights not adding up where required) is a 400 naming each field, nothing stored")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response putScheme(@PathParam("code") String code, SchemeBody body) {
        if (body == null) {
            throw ProblemException.invalid("scheme", "send {effectiveFrom, scheme}");
        }
        return Response.status(201).entity(schemes.saveScheme(code, body.effectiveFrom(), body.scheme(),
                current.require().username())).build();
    }

    @PUT
    @Path("/overlays/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a version of a campaign overlay (考评+) in force from a date, checked with the composite it "
            + "makes with its baseline; bad input is a 400 naming each field, nothing stored")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response putOverlay(@PathParam("code") String code, OverlayBody body) {
        if (body == null) {
            throw ProblemException.invalid("overlay", "send {effectiveFrom, overlay}");
        }
        return Response.status(201).entity(schemes.saveOverlay(code, body.effectiveFrom(), body.overlay(),
                current.require().username())).build();
    }

    @GET
    @Path("/schemes/{code}/versions")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Every version of a scheme, oldest first: who added it, when, in force from when, and what")
    public List<Schemes.Version> schemeVersions(@PathParam("code") String code) {
        return found(schemes.versions(SchemeVersion.Kind.SCHEME, code), "Scheme '" + code + "'");
    }

    @GET
    @Path("/overlays/{code}/versions")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Every version of an overlay, oldest first")
    public List<Schemes.Version> overlayVersions(@PathParam("code") String code) {
        return found(schemes.versions(SchemeVersion.Kind.OVERLAY, code), "Overlay '" + code + "'");
    }

    @GET
    @Path("/schemes/{code}/composite")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The scheme in force on a day (today when on= is left out), with an overlay stacked on it "
            + "when overlay= names one: baseline ⊕ overlay, computed")
    public Scheme composite(@PathParam("code") String code, @QueryParam("overlay") String overlay,
                            @QueryParam("on") String on) {
        LocalDate day = on == null || on.isBlank() ? calendar.today() : date("on", on);
        Scheme base = schemes.scheme(code, day).map(Schemes.InForce::value)
                .orElseThrow(() -> ProblemException.notFound("Scheme '" + code + "' in force on " + day));
        if (overlay == null || overlay.isBlank()) {
            return base;
        }
        Scheme.Overlay o = schemes.overlay(overlay, day).map(Schemes.InForce::value)
                .orElseThrow(() -> ProblemException.notFound("Overlay '" + overlay + "' in force on " + day));
        return base.with(o);
    }

    @POST
    @Path("/runs")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Run a scheme (and optionally an overlay) over a period [from, to) of the city's days: every "
            + "target's items, components, total and rank within its group, stored immutably with the versions used "
            + "and a digest of the inputs; a period starting in the future is a 400 naming from")
    @APIResponseSchema(value = Runs.Summary.class, responseCode = "201", responseDescription = "The run and its ranking")
    public Response run(@NotNull RunBody body) {
        Runs.Summary s = runs.start(new Runs.Request(body.scheme(), blankToNull(body.overlay()), date("from", body.from()),
                date("to", body.to())), current.require().username());
        return Response.status(201).entity(s).build();
    }

    @GET
    @Path("/runs")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The city's runs, newest first, each with its ranking")
    public List<Runs.Summary> runs() {
        return runs.list();
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "One run and its ranking")
    public Runs.Summary one(@PathParam("id") long id) {
        return runs.one(id).orElseThrow(() -> ProblemException.notFound("Run " + id));
    }

    @POST
    @Path("/runs/{id}/reproduction")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Compute a run again from the facts and the scheme versions it used and compare the result "
            + "byte for byte with the stored one (nothing is stored)")
    public Runs.Reproduction reproduce(@PathParam("id") long id) {
        return runs.reproduce(id).orElseThrow(() -> ProblemException.notFound("Run " + id));
    }

    @GET
    @Path("/runs/{id}/cards/{target}")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "A target's score card in a run: each component and item with its value, numerator and "
            + "denominator, the inputs behind it (the cases of a deduction) and its points. Assessors and "
            + "administrators see every card; a department's handler only their department's, a supervisor only "
            + "their own post's (the user id); anyone else is refused")
    public Runs.Card card(@PathParam("id") long id, @PathParam("target") String target) {
        Principal p = current.require();
        boolean assessor = p.roles().contains(Role.ASSESSOR) || p.roles().contains(Role.CITY_ADMIN);
        if (!assessor && !own(p, target)) {
            throw ProblemException.forbidden("not-your-card", "Only assessors and administrators see other targets' "
                    + "score cards; you may see your own department's or your own post's.");
        }
        return runs.card(id, target).orElseThrow(() -> ProblemException.notFound("Score card of " + target + " in run " + id));
    }

    private boolean own(Principal p, String target) {
        if (p.roles().contains(Role.DEPARTMENT_HANDLER)
                && users.departmentOf(p.id()).filter(d -> Objects.equals(d, target)).isPresent()) {
            return true;
        }
        return (p.roles().contains(Role.DISTRICT_SUPERVISOR) || p.roles().contains(Role.CITY_SUPERVISOR))
                && p.id() != null && p.id().toString().equals(target);
    }

    private static <T> List<T> found(List<T> list, String what) {
        if (list.isEmpty()) {
            throw ProblemException.notFound(what);
        }
        return list;
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "give a date as YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
