package city.gridcity.hotline.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseDirectory;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.hotline.HotlineService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API of the city hotline platform (12345 / 12319): it files complaints under its ticket
 * numbers (a retry is answered with the same case) and reads their state; the result is called back
 * to it as the {@code hotline.result} webhook event when the case ends.
 */
@Path("/api/v1/hotline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Hotline", description = "12345/12319 热线对接 · Hotline intake, call-back and matching")
public class HotlineResource {

    private final HotlineService hotline;
    private final CurrentPrincipal principal;

    HotlineResource(HotlineService hotline, CurrentPrincipal principal) {
        this.hotline = hotline;
        this.principal = principal;
    }

    public record ComplaintBody(String ticket, String source, String kind, String classCode, Double lon, Double lat,
                                String crs, String unitCode, String address, String text) {
    }

    public record ComplaintView(String ticket, String caseNumber, String state, String stateZh, boolean created,
                                Instant reportedAt, Instant closedAt) {
        static ComplaintView of(CaseDirectory.CaseSummary c, boolean created) {
            return new ComplaintView(c.hotlineTicket(), c.number(), c.state().name(), c.state().labelZh(), created,
                    c.reportedAt(), c.closedAt());
        }
    }

    @POST
    @Path("/complaints")
    @RolesAllowed(Role.Names.HOTLINE)
    @Operation(summary = "File a complaint once per ticket number: 201 the first time, 200 with the same case on a retry")
    @APIResponse(responseCode = "201", description = "Filed: the complaint's new case",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "200", description = "A retry: the case filed the first time",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(responseCode = "422", description = "The place is outside the city's grid")
    public Response submit(@NotNull ComplaintBody b) {
        Principal p = principal.require();
        CatalogClass.Kind kind;
        try {
            kind = b.kind() == null ? null : CatalogClass.Kind.of(b.kind());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
        CoordinateSystem crs = b.crs() == null ? CoordinateSystem.WGS84 : CoordinateSystem.fromWireName(b.crs())
                .orElseThrow(() -> ProblemException.invalid("crs", "must be wgs84, gcj02 or bd09"));
        HotlineService.Submitted s = hotline.submit(new HotlineService.Complaint(b.ticket(), b.source(), kind, b.classCode(),
                b.lon(), b.lat(), crs, b.unitCode(), b.address(), b.text()),
                new Actor(p.id(), p.displayName(), p.roles(), null));
        ComplaintView view = ComplaintView.of(s.theCase(), s.created());
        return s.created()
                ? Response.created(URI.create("/api/v1/hotline/complaints/" + b.ticket())).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("/complaints/{ticket}")
    @RolesAllowed({Role.Names.HOTLINE, Role.Names.CITY_STAFF})
    @Operation(summary = "The state of a complaint's case")
    public ComplaintView get(@PathParam("ticket") String ticket) {
        return ComplaintView.of(hotline.byTicket(ticket), false);
    }

    @GET
    @Path("/rates")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "Discovery rate (complaints the grid found too) and 未诉先办 rate (solved before the call) over days")
    public HotlineService.Rates rates(@QueryParam("from") String from, @QueryParam("to") String to) {
        return hotline.rates(day("from", from), day("to", to));
    }

    @POST
    @Path("/matching")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Match a day's complaints with grid findings now (the hourly job does yesterday's by itself)")
    public MatchView match(@QueryParam("day") String day) {
        Principal p = principal.require();
        if (day == null) {
            throw ProblemException.invalid("day", "give the day to match as YYYY-MM-DD");
        }
        LocalDate d = day("day", day);
        return new MatchView(d, hotline.matchDay(d, ZoneId.of(p.tenant().timeZone())));
    }

    public record MatchView(LocalDate day, int matched) {
    }

    private static LocalDate day(String field, String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "give a date as YYYY-MM-DD");
        }
    }
}
