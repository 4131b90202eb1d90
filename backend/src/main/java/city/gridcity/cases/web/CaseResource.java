package city.gridcity.cases.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseEvent;
import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CaseQueries;
import city.gridcity.cases.CaseQueue;
import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CaseActions;
import city.gridcity.cases.CaseIntake;
import city.gridcity.cases.CaseReads;
import city.gridcity.cases.CaseVisibility;
import city.gridcity.cases.ReportCommand;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cases (案件): reports, the actions of the closed loop, their history, and the work queues. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "案件闭环 · The closed-loop case workflow")
public class CaseResource {

    private final CaseIntake intake;
    private final CaseActions actions;
    private final CaseReads reads;
    private final CaseVisibility visibility;
    private final CaseQueries queries;
    private final Actors actors;

    CaseResource(CaseIntake intake, CaseActions actions, CaseReads reads, CaseVisibility visibility, CaseQueries queries,
                 Actors actors) {
        this.intake = intake;
        this.actions = actions;
        this.reads = reads;
        this.visibility = visibility;
        this.queries = queries;
        this.actors = actors;
    }

    public record ReportBody(String source, String kind, String classCode, Double lon, Double lat, String crs,
                             String address, String description, CityCase.Priority priority, Boolean selfHandling) {
    }

    public record ActionBody(String action, Long version, String reason, String conditionCode,
                             CityCase.ProblemType problemType, CityCase.Priority priority, String departmentCode,
                             List<String> departments, String duplicateOf, Integer extensionAmount,
                             FilingCondition.Unit extensionUnit, LocalDate resumeOn, List<Long> photoIds) {
    }

    public record NearbyView(String number, String state, String stateZh, Instant reportedAt, int meTooCount,
                             int distanceM, String description) {
        static NearbyView of(DuplicateFinder.Nearby n) {
            return new NearbyView(n.number(), n.state().name(), n.state().labelZh(), n.reportedAt(), n.meTooCount(),
                    n.distanceM(), n.description());
        }
    }

    public record GridView(int layoutVersion, String unit, String management, String community, String street,
                           String district) {
    }

    public record PhaseView(String phase, int attempt, String department, Instant startedAt, Instant deadline,
                            boolean naturalTime, String extendedBy, Instant pausedAt, Instant endedAt, Boolean onTime,
                            Instant overdueAt) {
        static PhaseView of(CasePhase p) {
            return new PhaseView(p.phase.name(), p.attempt, p.departmentCode, p.startedAt, p.deadline, p.naturalTime,
                    p.extendedBy, p.pausedAt, p.endedAt, p.onTime, p.overdueAt);
        }
    }

    public record ParticipantView(String department, Instant calledAt, Instant joinedAt, Instant reportedAt,
                                  String report) {
        static ParticipantView of(CaseParticipant p) {
            return new ParticipantView(p.departmentCode, p.calledAt, p.joinedAt, p.reportedAt, p.report);
        }
    }

    public record CaseView(String number, long version, String state, String stateZh, String source, String kind,
                           String classCode, String className, String conditionCode, String limit, boolean keyClass,
                           boolean minor, BigDecimal baseCaseWeight, String problemType, String priority, double lon,
                           double lat, String address, GridView grid, String description, String reporter,
                           String department, String routedDepartment, String duplicateOf, int meTooCount,
                           boolean missedReport, String missedDistrict, String phase, Instant deadline, boolean overdue,
                           LocalDate suspendedUntil, int reworkCount, String solvedLevel, boolean selfHandled,
                           boolean auditSampled, String auditResult, Instant reportedAt, Instant filedAt,
                           Instant dispatchedAt, Instant closedAt, List<String> allowedActions, List<PhaseView> phases,
                           List<ParticipantView> participants, List<NearbyView> possibleDuplicates,
                           @Schema(description = "a volunteer's word before filing: CONFIRMED or INVALID_SUGGESTED")
                           String triage,
                           @Schema(description = "the community committee or street office whose own loop (二级闭环) the case began in")
                           String localUnit, Instant localDeadline,
                           @Schema(description = "whether the case is in its local loop now") boolean localLoop,
                           @Schema(description = "why it left its local loop: RETURNED, OVERDUE or BY_UNIT") String escalation) {
    }

    public record EventView(int seq, String action, String from, String to, String actor, String role, Instant at,
                            String reason, String data, List<Long> photoIds) {
        static EventView of(CaseEvent e) {
            return new EventView(e.seq, e.action, e.fromState == null ? null : e.fromState.name(), e.toState.name(),
                    e.actorName, e.actorRole, e.at, e.reason, e.data, Arrays.asList(e.photoIds));
        }
    }

    @POST
    @Path("/cases")
    @RolesAllowed({Role.Names.RESIDENT, Role.Names.VOLUNTEER, Role.Names.DISTRICT_SUPERVISOR, Role.Names.CITY_SUPERVISOR,
            Role.Names.ACCEPTOR})
    @Operation(summary = "Report a problem (上报): located in the grid, checked for duplicates; a supervisor or "
            + "volunteer may report a minor problem as handled on the spot (selfHandling)")
    @APIResponseSchema(value = CaseView.class, responseCode = "201", responseDescription = "The case, located and numbered")
    @APIResponse(responseCode = "404", description = "The city has no grid layout in force, or no such subclass")
    @APIResponse(responseCode = "422", description = "The point is outside the city's grid")
    @APIResponse(responseCode = "503", description = "Too many reports at once: nothing was stored; send it again after Retry-After")
    public Response report(@NotNull @Valid ReportBody b) {
        Actor actor = actors.current();
        CaseIntake.Reported r = intake.report(new ReportCommand(b.source(), kind(b.kind()), b.classCode(), b.lon(),
                b.lat(), crs(b.crs()), b.address(), b.description(), b.priority(),
                Boolean.TRUE.equals(b.selfHandling()), null), actor);
        // What a reporter is shown is what they would see nearby: other people's words only for staff.
        return Response.created(URI.create("/api/v1/cases/" + r.theCase().number))
                .entity(view(r.theCase(), actor, visibility.nearby(actor, r.possibleDuplicates()), r.phases(), List.of()))
                .build();
    }

    @GET
    @Path("/cases/nearby")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Open cases of a subclass near a point: check before reporting, say 'me too' instead")
    public List<NearbyView> nearby(@QueryParam("kind") String kind, @QueryParam("classCode") String classCode,
                                   @QueryParam("lon") Double lon, @QueryParam("lat") Double lat) {
        if (lon == null || lat == null) {
            throw ProblemException.invalid("lon", "give lon and lat of the problem");
        }
        if (kind == null) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
        if (classCode == null || !classCode.matches("^[0-9]{4}$")) {
            throw ProblemException.invalid("classCode", "give the 4-digit subclass code");
        }
        return reads.nearby(kind(kind), classCode, lon, lat, actors.current()).stream().map(NearbyView::of).toList();
    }

    @GET
    @Path("/cases/{number}")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "A case with its phases, called-in departments and the actions you may take now")
    public CaseView get(@PathParam("number") String number) {
        Actor actor = actors.current();
        CityCase c = reads.get(number, actor);
        return view(c, actor, reads.possibleDuplicates(c, actor));
    }

    @GET
    @Path("/cases/{number}/events")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "A case's history: every accepted action, in order, never changed")
    public List<EventView> events(@PathParam("number") String number) {
        Actor actor = actors.current();
        return reads.events(reads.get(number, actor), actor).stream().map(EventView::of).toList();
    }

    @POST
    @Path("/cases/{number}/actions")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Act on a case: file, reject, merge, dispatch, accept, report-back, return, request/approve/"
            + "refuse extension or suspension, resume, verify-pass/fail, self-close, audit, void, whistle, join, "
            + "report-part, consult, decide. 409 with allowedActions when not possible now; 403 for another role")
    public CaseView act(@PathParam("number") String number, @NotNull @Valid ActionBody b) {
        Actor actor = actors.current();
        CityCase c = actions.act(number, new ActionCommand(b.action(), b.version(), b.reason(), b.conditionCode(),
                b.problemType(), b.priority(), b.departmentCode(), b.departments(), b.duplicateOf(), b.extensionAmount(),
                b.extensionUnit(), b.resumeOn(), b.photoIds()), actor);
        return view(c, actor, List.of());
    }

    @POST
    @Path("/cases/{number}/me-too")
    @RolesAllowed(Role.Names.RESIDENT)
    @Operation(summary = "我也遇到: follow an open case near you ({lon, lat}) instead of reporting the same problem again")
    public CaseView meToo(@PathParam("number") String number, @Valid MeTooBody b) {
        Actor actor = actors.current();
        return view(intake.meToo(number, b == null ? null : b.lon(), b == null ? null : b.lat(), actor), actor, List.of());
    }

    /** Where the resident sees the problem: "me too" is for a case near them. */
    public record MeTooBody(Double lon, Double lat) {
    }

    @GET
    @Path("/queues/{queue}")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "A work queue (acceptance, dispatch, disposal, verification, approval), soonest deadline first")
    public CaseQueries.Page queue(@PathParam("queue") String queue, @QueryParam("grid") String grid,
                                  @QueryParam("kind") String kind, @QueryParam("classCode") String classCode,
                                  @QueryParam("state") String state, @QueryParam("overdue") Boolean overdue,
                                  @QueryParam("after") String after, @QueryParam("limit")
                                  @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                                          maximum = "" + CaseQueries.MAX_PAGE, defaultValue = "50")) String limit) {
        CaseQueue q = CaseQueue.fromWireName(queue).orElseThrow(() -> ProblemException.notFound("Queue '" + queue
                + "' (queues: " + Arrays.stream(CaseQueue.values()).map(CaseQueue::wireName).toList() + ")"));
        CaseState s = null;
        if (state != null) {
            try {
                s = CaseState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "use one of " + q.states().stream().map(Enum::name).toList());
            }
        }
        return queries.queue(q, actors.current(), new CaseQueries.Filter(grid, kind == null ? null : kind(kind), classCode,
                s, overdue), after, Paging.bounded("limit", limit, 50, 1, CaseQueries.MAX_PAGE));
    }

    private CaseView view(CityCase c, Actor actor, List<DuplicateFinder.Nearby> near) {
        return view(c, actor, near, reads.phases(c), reads.participants(c));
    }

    private CaseView view(CityCase c, Actor actor, List<DuplicateFinder.Nearby> near, List<CasePhase> phases,
                          List<CaseParticipant> participants) {
        String duplicateOf = reads.duplicateOfNumber(c).orElse(null);
        return new CaseView(c.number, c.version, c.state.name(), c.state.labelZh(), c.sourceCode,
                c.kind.name().toLowerCase(), c.classCode, c.className, c.conditionCode,
                c.limitAmount == null ? null : c.limitAmount + " " + c.limitUnit, c.keyClass, c.minor, c.baseCaseWeight,
                c.problemType.name(), c.priority.name(), c.lon, c.lat, c.address,
                new GridView(c.layoutVersion, c.unitCode, c.managementCode, c.communityCode, c.streetCode, c.districtCode),
                c.description, visibility.seesReporter(c, actor) ? c.reporterName : null, c.departmentCode, c.routedDepartment, duplicateOf, c.meTooCount,
                c.missedReport, c.missedDistrictCode, c.phase == null ? null : c.phase.name(), c.phaseDeadline, c.overdue,
                c.suspendedUntil, c.reworkCount, c.solvedLevel == null ? null : c.solvedLevel.name(), c.selfHandled,
                c.auditSampled, c.auditResult, c.reportedAt, c.filedAt, c.dispatchedAt, c.closedAt,
                actions.allowedActions(c, actor), phases.stream().map(PhaseView::of).toList(),
                participants.stream().map(ParticipantView::of).toList(),
                near.stream().map(NearbyView::of).toList(), c.triage == null ? null : c.triage.name(), c.localUnitCode,
                c.localDeadline, c.localLoop, c.escalation == null ? null : c.escalation.name());
    }

    private static CatalogClass.Kind kind(String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return CatalogClass.Kind.of(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
    }

    private static CoordinateSystem crs(String crs) {
        if (crs == null) {
            return CoordinateSystem.WGS84;
        }
        return CoordinateSystem.fromWireName(crs).orElseThrow(() -> ProblemException.invalid("crs",
                "must be wgs84, gcj02 or bd09"));
    }
}
