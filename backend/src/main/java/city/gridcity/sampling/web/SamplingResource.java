package city.gridcity.sampling.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.sampling.Sampling;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The daily sample of district supervisors' reports (抽样) and its judgements by city reviewers (city supervisors
 * and assessors): the rule, a day's draw, the samples by status, a judgement.
 */
@Path("/api/v1/sampling")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sampling", description = "抽样审核 · Sampled reports judged valid, duplicate or false")
public class SamplingResource {

    private final Sampling sampling;
    private final CurrentPrincipal current;

    SamplingResource(Sampling sampling, CurrentPrincipal current) {
        this.sampling = sampling;
        this.current = current;
    }

    public record SettingsChange(BigDecimal share, Integer judgeWorkingDays) {
    }

    public record DrawRequest(String day) {
    }

    public record JudgementRequest(String verdict, String note) {
    }

    @GET
    @Path("/settings")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "The city's sampling rule: the share of each day's reports drawn and the judging deadline")
    public Sampling.Settings settings() {
        return sampling.settings();
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Set the share (0..1) and the judging deadline in working days (1..60)")
    public Sampling.Settings updateSettings(SettingsChange body) {
        if (body == null) {
            throw ProblemException.invalid("share", "send {share, judgeWorkingDays}");
        }
        return sampling.updateSettings(body.share(), body.judgeWorkingDays(), current.require().username());
    }

    @POST
    @Path("/draws")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Draw a past day's sample now (the daily job draws yesterday); a day drawn already is returned as recorded")
    public Sampling.Draw draw(DrawRequest body) {
        return sampling.draw(day(body == null ? null : body.day(), true), current.require().username());
    }

    @GET
    @Path("/draws/{day}")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "The recorded draw of a day: seed, share, reports and the samples drawn")
    public Sampling.Draw drawOf(@PathParam("day") String day) {
        LocalDate d = day(day, true);
        return sampling.drawOf(d).orElseThrow(() -> ProblemException.notFound("A draw of " + d));
    }

    @GET
    @Path("/samples")
    @RolesAllowed({Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "Samples of a day (all days without one) by status: UNJUDGED, JUDGED or OVERDUE (unjudged after the deadline)")
    public List<Sampling.SampleView> samples(@QueryParam("day") String day, @QueryParam("status") String status) {
        return sampling.list(day(day, false), status(status));
    }

    @POST
    @Path("/samples/{id}/judgement")
    @RolesAllowed({Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "Judge a sampled report VALID, DUPLICATE or FALSE, with an optional note")
    public Sampling.SampleView judge(@PathParam("id") long id, JudgementRequest body) {
        if (body == null) {
            throw ProblemException.invalid("verdict", "send {verdict, note}");
        }
        return sampling.judge(id, body.verdict(), body.note(), current.require().username());
    }

    static LocalDate day(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid("day", "give a day (YYYY-MM-DD, the city's time zone)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("day", "'" + value + "' is not a day; give YYYY-MM-DD");
        }
    }

    static Sampling.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Sampling.Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "give UNJUDGED, JUDGED or OVERDUE");
        }
    }
}
