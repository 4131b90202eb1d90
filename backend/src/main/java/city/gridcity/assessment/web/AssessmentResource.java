package city.gridcity.assessment.web;

import city.gridcity.assessment.Appeals;
import city.gridcity.assessment.Publications;
import city.gridcity.assessment.RunHistory;
import city.gridcity.assessment.Runs;
import city.gridcity.assessment.TargetUsers;
import city.gridcity.assessment.Scheme;
import city.gridcity.assessment.SchemeEdits;
import city.gridcity.assessment.SchemeVersion;
import city.gridcity.assessment.Schemes;
import city.gridcity.calendar.CalendarService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    /**
     * One linked deduction as the API takes it (its code is in the address): the date its version takes effect, its
     * name, kind (SAME_GRID 同网同责 or SAME_ITEM 同项同责), the districts' scheme it reads (SAME_GRID), the item, the
     * share charged from 0 to 1.
     */
    public record LinkedBody(LocalDate effectiveFrom, String name, city.gridcity.assessment.LinkedDeductions.Kind kind,
                             String scheme, String item, java.math.BigDecimal share) {
    }

    /** What to run: a scheme, optionally an overlay stacked on it, and the period [from, to) in the city's days. */
    public record RunBody(@NotNull String scheme, String overlay, String from, String to) {
    }

    /** An appeal: the target, the case and/or item of the deduction, and the reason. */
    public record AppealBody(String target, String caseNumber, String item, String reason) {
    }

    /** An assessor's decision: UPHELD or REJECTED, and why. */
    public record DecisionBody(String decision, String reason) {
    }

    private final Schemes schemes;
    private final Runs runs;
    private final CurrentPrincipal current;
    private final CalendarService calendar;
    private final TargetUsers targetUsers;
    private final Appeals appeals;
    private final Publications publications;
    private final RunHistory history;
    private final city.gridcity.assessment.Sources sources;
    private final SchemeEdits edits;

    AssessmentResource(Schemes schemes, Runs runs, CurrentPrincipal current, CalendarService calendar,
                       TargetUsers targetUsers, Appeals appeals, Publications publications, RunHistory history,
                       city.gridcity.assessment.Sources sources, SchemeEdits edits) {
        this.edits = edits;
        this.sources = sources;
        this.calendar = calendar;
        this.schemes = schemes;
        this.runs = runs;
        this.current = current;
        this.targetUsers = targetUsers;
        this.appeals = appeals;
        this.publications = publications;
        this.history = history;
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
            + "(an unknown indicator or rule, weights not adding up where required) is a 400 naming each field, nothing stored; "
            + "a version after the first dated before today in the city is a 422 naming effectiveFrom")
    @APIResponse(responseCode = "422", description = "A new version of an existing scheme dated before today in the city")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response putScheme(@PathParam("code") String code, SchemeBody body) {
        if (body == null) {
            throw ProblemException.invalid("scheme", "send {effectiveFrom, scheme}");
        }
        return Response.status(201).entity(edits.putScheme(code, body.effectiveFrom(), body.scheme(),
                current.require().username())).build();
    }

    @PUT
    @Path("/overlays/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a version of a campaign overlay (考评+) in force from a date, checked with the composite it "
            + "makes with its baseline; bad input is a 400 naming each field, nothing stored; a version after the first dated "
            + "before today in the city is a 422 naming effectiveFrom")
    @APIResponse(responseCode = "422", description = "A new version of an existing overlay dated before today in the city")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response putOverlay(@PathParam("code") String code, OverlayBody body) {
        if (body == null) {
            throw ProblemException.invalid("overlay", "send {effectiveFrom, overlay}");
        }
        return Response.status(201).entity(edits.putOverlay(code, body.effectiveFrom(), body.overlay(),
                current.require().username())).build();
    }

    @PUT
    @Path("/schemes/{code}/linked/{rule}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add or change one linked deduction (关联扣分) of a departments' scheme: a new version of the "
            + "scheme from effectiveFrom (today or later in the city) with the rule {rule} added, or changed when the "
            + "scheme has it. SAME_GRID (同网同责) names the districts' scheme in force then and its item; SAME_ITEM "
            + "(同项同责) an item of this scheme; share from 0 to 1. Bad input: 400 naming each field (linked.item, "
            + "linked.share, linked.scheme...); a date in the past: 422 naming effectiveFrom; nothing stored")
    @APIResponse(responseCode = "422", description = "effectiveFrom is before today in the city")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response putLinked(@PathParam("code") String code, @PathParam("rule") String rule, LinkedBody body) {
        if (body == null) {
            throw ProblemException.invalid("linked", "send {effectiveFrom, name, kind, scheme, item, share}");
        }
        boolean has = edits.newest(SchemeVersion.Kind.SCHEME, code)
                .map(v -> v.body().path("linked").findValuesAsText("code").contains(rule)).orElse(false);
        Scheme.LinkedRule r = new Scheme.LinkedRule(rule, body.name(), body.kind(), body.scheme(), body.item(),
                body.share());
        return Response.status(201).entity(edits.linked(code, body.effectiveFrom(), has ? rule : null, r, List.of(),
                current.require().username())).build();
    }

    @DELETE
    @Path("/schemes/{code}/linked/{rule}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Remove one linked deduction of a scheme: a new version from effectiveFrom= (today or later "
            + "in the city) without it; a date in the past: 422 naming effectiveFrom; nothing stored")
    @APIResponse(responseCode = "422", description = "effectiveFrom is before today in the city")
    @APIResponseSchema(value = Schemes.Version.class, responseCode = "201", responseDescription = "The new version")
    public Response removeLinked(@PathParam("code") String code, @PathParam("rule") String rule,
                                 @QueryParam("effectiveFrom") String effectiveFrom) {
        return Response.status(201).entity(edits.removeLinked(code, date("effectiveFrom", effectiveFrom), rule,
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
        if (!TargetUsers.assessor(p) && !targetUsers.speaksFor(p, target)) {
            throw ProblemException.forbidden("not-your-card", "Only assessors and administrators see other targets' "
                    + "score cards; you may see your own department's or your own post's.");
        }
        return runs.card(id, target).orElseThrow(() -> ProblemException.notFound("Score card of " + target + " in run " + id));
    }

    @GET
    @Path("/runs/{id}/cards/{target}/entries")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The source entries (明察, 暗访, 社会监督, 公众评议) a run read for a target, as the run read "
            + "them (later corrections do not show here); seen by whoever may see the card")
    public List<city.gridcity.assessment.Sources.View> cardEntries(@PathParam("id") long id,
                                                                   @PathParam("target") String target) {
        card(id, target);
        return sources.byIds(runs.entries(id), target);
    }

    @POST
    @Path("/runs/{id}/appeals")
    @RolesAllowed({Role.Names.DEPARTMENT_HANDLER, Role.Names.DISTRICT_SUPERVISOR, Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "A target's user appeals one deduction of a run (申诉): the target, the case behind the deduction "
            + "and/or the item, and the reason, while the appeal window is open (publication.appealWindowDays working "
            + "days from the run). After the window: 409 naming run; an unknown target, item or case: 400 naming it; "
            + "nothing is stored then. Only the target's own users may appeal (403 otherwise)")
    @APIResponseSchema(value = Appeals.View.class, responseCode = "201", responseDescription = "The pending appeal")
    public Response appeal(@PathParam("id") long id, AppealBody body) {
        Principal p = current.require();
        String target = body == null ? null : body.target();
        if (runs.one(id).isEmpty()) {
            throw ProblemException.notFound("Run " + id);
        }
        if (target != null && !target.isBlank() && !targetUsers.speaksFor(p, target.trim())) {
            throw ProblemException.forbidden("not-your-target", "Only the target's own users appeal its deductions: "
                    + "a department's handlers, an area's responsible department, a supervisor for their own post.");
        }
        Appeals.View v = appeals.file(id, body == null ? null
                : new Appeals.Filing(body.target(), body.caseNumber(), body.item(), body.reason()), p.username());
        return Response.status(201).entity(v).build();
    }

    @GET
    @Path("/appeals")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The city's appeals, oldest first; status=PENDING for the queue to arbitrate")
    public List<Appeals.View> appeals(@QueryParam("status") String status) {
        return appeals.list(status);
    }

    @GET
    @Path("/appeals/{id}")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "One appeal")
    public Appeals.View appealOne(@PathParam("id") long id) {
        return appeals.one(id).orElseThrow(() -> ProblemException.notFound("Appeal " + id));
    }

    @POST
    @Path("/appeals/{id}/decision")
    @RolesAllowed(Role.Names.ASSESSOR)
    @Operation(summary = "An assessor arbitrates an appeal: UPHELD or REJECTED with a reason; upheld computes the run's "
            + "next version with every upheld appeal of the run (the case left out of the item, or the item waived)")
    public Appeals.Decision decide(@PathParam("id") long id, DecisionBody body) {
        return appeals.decide(id, body == null ? null : body.decision(), body == null ? null : body.reason(),
                current.require().username());
    }

    @GET
    @Path("/runs/{id}/versions")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Every version of the run's family (the first run and each recomputation after an upheld "
            + "appeal), first first")
    public List<Runs.Summary> versions(@PathParam("id") long id) {
        return found(runs.versions(id), "Run " + id);
    }

    @GET
    @Path("/runs/{id}/comparison")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The run (before) compared with another (with=, after): per target its totals and ranks, per "
            + "item its score before, after and the difference")
    public RunHistory.Comparison comparison(@PathParam("id") long id, @QueryParam("with") String with) {
        long other;
        try {
            other = Long.parseLong(with == null ? "" : with.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("with", "give the id of the run to compare with");
        }
        return history.compare(id, other);
    }

    @GET
    @Path("/runs/{id}/audit")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "The run's audit trail: each version computed, each appeal filed and decided, the publication")
    public List<RunHistory.Entry> audit(@PathParam("id") long id) {
        return history.audit(id).orElseThrow(() -> ProblemException.notFound("Run " + id));
    }

    @POST
    @Path("/runs/{id}/publication")
    @RolesAllowed(Role.Names.ASSESSOR)
    @Operation(summary = "Publish the run (公布) after its appeal window: its family's newest version, no appeal pending; "
            + "rankings per group with the scheme's reward and accountability outcomes. Before the window closes: 409 "
            + "naming run, nothing stored")
    @APIResponseSchema(value = Publications.View.class, responseCode = "201", responseDescription = "The publication")
    public Response publish(@PathParam("id") long id) {
        return Response.status(201).entity(publications.publish(id, current.require().username())).build();
    }

    @GET
    @Path("/publications")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The city's published rankings, newest first (every member of the city's staff)")
    public List<Publications.View> publications() {
        return publications.list();
    }

    @GET
    @Path("/publications/{id}")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "One published ranking")
    public Publications.View publication(@PathParam("id") long id) {
        return publications.one(id).orElseThrow(() -> ProblemException.notFound("Publication " + id));
    }

    @GET
    @Path("/publications/{id}/ranking.csv")
    @Produces("text/csv")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "A published ranking as CSV (UTF-8): group, rank, target, name, total, outcomes")
    public Response csv(@PathParam("id") long id) {
        Publications.View v = publication(id);
        return Response.ok(Publications.csv(v), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"ranking-" + id + ".csv\"").build();
    }

    @GET
    @Path("/publications/{id}/ranking.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "A published ranking as an XLSX workbook")
    public Response xlsx(@PathParam("id") long id) {
        Publications.View v = publication(id);
        return Response.ok(Publications.xlsx(v), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"ranking-" + id + ".xlsx\"").build();
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
