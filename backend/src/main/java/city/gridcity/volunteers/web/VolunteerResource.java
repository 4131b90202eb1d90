package city.gridcity.volunteers.web;

import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.volunteers.Memberships;
import city.gridcity.volunteers.ServiceRecord;
import city.gridcity.volunteers.VolunteerMembership;
import city.gridcity.volunteers.VolunteerRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Volunteers (志愿者): residents apply to serve a community, the city's administrator decides, appoints
 * and ends; a volunteer reads their communities and service time. Their triage itself is the loop's
 * actions on cases ({@code confirm}, {@code mark-invalid}, {@code merge}, {@code persuade-fix}) and
 * their queue is {@code GET /api/v1/queues/triage}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Volunteers", description = "志愿者与社区核实 · Volunteers and community triage")
public class VolunteerResource {

    private final Memberships memberships;
    private final VolunteerRecords records;
    private final GridQueries grid;
    private final CurrentPrincipal current;
    private final Clock clock;

    VolunteerResource(Memberships memberships, VolunteerRecords records, GridQueries grid, CurrentPrincipal current,
                      Clock clock) {
        this.memberships = memberships;
        this.records = records;
        this.grid = grid;
        this.current = current;
        this.clock = clock;
    }

    public record ApplicationBody(String communityCode, String motivation) {
    }

    public record AppointBody(Long userId, String communityCode, String note) {
    }

    public record DecisionBody(String note) {
    }

    public record MembershipView(long id, long userId, String communityCode, String communityName, String status,
                                 String motivation, Instant appliedAt, Instant decidedAt, String decisionNote) {
    }

    public record ServiceView(String caseNumber, String work, int minutes, Instant at) {
        static ServiceView of(ServiceRecord r) {
            return new ServiceView(r.caseNumber, r.work.name(), r.minutes, r.at);
        }
    }

    public record MyVolunteering(List<MembershipView> memberships, long totalMinutes, long monthMinutes,
                                 List<ServiceView> latest) {
    }

    @POST
    @Path("/volunteers/applications")
    @RolesAllowed({Role.Names.RESIDENT, Role.Names.VOLUNTEER})
    @Operation(summary = "Apply to volunteer in a community (申请成为志愿者); the city's administrator decides")
    @APIResponseSchema(value = MembershipView.class, responseCode = "201", responseDescription = "The application, pending")
    public Response apply(ApplicationBody b) {
        Principal me = current.require();
        VolunteerMembership m = memberships.apply(me.id(), b == null ? null : b.communityCode(),
                b == null ? null : b.motivation());
        return Response.created(URI.create("/api/v1/volunteers/memberships/" + m.id)).entity(view(m)).build();
    }

    @GET
    @Path("/volunteers/memberships")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Applications and memberships, newest first: ?status=PENDING|ACTIVE|DECLINED|ENDED, ?community=")
    public List<MembershipView> list(@QueryParam("status") String status, @QueryParam("community") String community) {
        VolunteerMembership.Status s = null;
        if (status != null) {
            try {
                s = VolunteerMembership.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "use PENDING, ACTIVE, DECLINED or ENDED");
            }
        }
        return views(memberships.list(s, community));
    }

    @POST
    @Path("/volunteers/memberships")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Appoint a user of the city as a volunteer of a community, at once (gives the volunteer role)")
    @APIResponseSchema(value = MembershipView.class, responseCode = "201", responseDescription = "The membership, active")
    public Response appoint(AppointBody b) {
        if (b == null || b.userId() == null) {
            throw ProblemException.invalid("userId", "name the user to appoint (see /api/v1/users)");
        }
        VolunteerMembership m = memberships.appoint(b.userId(), b.communityCode(), b.note(), current.require().id());
        return Response.created(URI.create("/api/v1/volunteers/memberships/" + m.id)).entity(view(m)).build();
    }

    @POST
    @Path("/volunteers/memberships/{id}/approve")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Approve a pending application (gives the volunteer role; the volunteer signs in again)")
    public MembershipView approve(@PathParam("id") long id, DecisionBody b) {
        return view(memberships.decide(id, true, b == null ? null : b.note(), current.require().id()));
    }

    @POST
    @Path("/volunteers/memberships/{id}/decline")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Decline a pending application, saying why (note)")
    public MembershipView decline(@PathParam("id") long id, DecisionBody b) {
        return view(memberships.decide(id, false, b == null ? null : b.note(), current.require().id()));
    }

    @POST
    @Path("/volunteers/memberships/{id}/end")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "End an active membership; the volunteer role goes with the last one")
    public MembershipView end(@PathParam("id") long id, DecisionBody b) {
        return view(memberships.end(id, b == null ? null : b.note(), current.require().id()));
    }

    @GET
    @Path("/me/volunteering")
    @RolesAllowed({Role.Names.RESIDENT, Role.Names.VOLUNTEER})
    @Operation(summary = "My applications and communities, and my service time (志愿服务时长) in minutes")
    public MyVolunteering mine() {
        Principal me = current.require();
        TenantRef city = me.tenant();
        ZoneId zone = ZoneId.of(city.timeZone());
        VolunteerRecords.Summary s = records.of(me.id(), LocalDate.now(clock.withZone(zone)), zone, 20);
        return new MyVolunteering(views(memberships.of(me.id())), s.totalMinutes(), s.monthMinutes(),
                s.latest().stream().map(ServiceView::of).toList());
    }

    private MembershipView view(VolunteerMembership m) {
        return views(List.of(m)).get(0);
    }

    private List<MembershipView> views(List<VolunteerMembership> list) {
        Map<String, String> names = grid.names(GridLevel.COMMUNITY, list.stream().map(m -> m.communityCode).distinct().toList());
        return list.stream().map(m -> new MembershipView(m.id, m.userId, m.communityCode, names.get(m.communityCode),
                m.status.name(), m.motivation, m.appliedAt, m.decidedAt, m.decisionNote)).toList();
    }
}
