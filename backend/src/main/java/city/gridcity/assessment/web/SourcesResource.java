package city.gridcity.assessment.web;

import city.gridcity.assessment.SourceEntry;
import city.gridcity.assessment.Sources;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The entries of the non-system sources of assessment (明察 inspection, 暗访 visit, 社会监督 supervision, 公众评议 survey):
 * assessors enter every source, city supervisors also unannounced visits; the city administrator reads them. An entry
 * is never changed: a correction is a new entry naming the one it corrects.
 */
@Path("/api/v1/assessment/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assessment sources", description = "考评 · 明察, 暗访, 社会监督, 公众评议")
public class SourcesResource {

    private final Sources sources;
    private final CurrentPrincipal current;

    SourcesResource(Sources sources, CurrentPrincipal current) {
        this.sources = sources;
        this.current = current;
    }

    @GET
    @Path("/{source}/entries")
    @RolesAllowed({Role.Names.ASSESSOR, Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "The city's entries of a source (inspection, visit, supervision, survey) with a day in [from, to), "
            + "of one target when target= is given; each with who entered it and when, and whether a later entry corrected it")
    public List<Sources.View> list(@PathParam("source") String source, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("target") String target) {
        SourceEntry.Source s = readable(source);
        return sources.list(s, date("from", from), date("to", to), target);
    }

    @GET
    @Path("/{source}/entries/{id}")
    @RolesAllowed({Role.Names.ASSESSOR, Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "One entry of a source")
    public Sources.View one(@PathParam("source") String source, @PathParam("id") long id) {
        SourceEntry.Source s = readable(source);
        return sources.one(id).filter(v -> v.source().equals(s.wireName()))
                .orElseThrow(() -> ProblemException.notFound("Entry " + id));
    }

    @POST
    @Path("/{source}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ASSESSOR, Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "Enter one entry: inspection {target, day, score 0-100, panelist}; visit {target, day, place, "
            + "description, photos}; supervision {target, day, kind RESIDENT|MEDIA, description, caseNumber}; survey "
            + "{target, day, score 0-100, respondents}. A correction names the entry it replaces in corrects (withdraw: true "
            + "removes it). Bad input is a 400 naming each field (an unknown target, a score out of range, a day in the "
            + "future); a published period is a 409 naming day; nothing is stored then")
    @APIResponseSchema(value = Sources.View.class, responseCode = "201", responseDescription = "The entry")
    public Response enter(@PathParam("source") String source, Sources.Entering body) {
        SourceEntry.Source s = Sources.source(source);
        Principal p = current.require();
        if (!Sources.mayEnter(p, s)) {
            throw ProblemException.forbidden("role-not-allowed", "Only assessors enter " + s.wireName()
                    + " entries (city supervisors also unannounced visits).");
        }
        return Response.status(201).entity(sources.enter(s, body, p.username())).build();
    }

    @POST
    @Path("/survey/imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Role.Names.ASSESSOR)
    @Operation(summary = "Import survey results (公众评议) as CSV, UTF-8: a header target,score[,respondents][,day] (or "
            + "考评对象,得分,样本数,日期), one target per line by code or Chinese name; day= for files without a day column. "
            + "All or nothing: every problem is listed by line (lines[N].field) and nothing is stored; the same file twice "
            + "is a 409 naming file")
    @APIResponseSchema(value = Sources.Imported.class, responseCode = "201", responseDescription = "The results stored")
    public Response importSurvey(@QueryParam("day") String day, byte[] file) {
        Principal p = current.require();
        return Response.status(201).entity(sources.importSurvey(file, day, p.username())).build();
    }

    private SourceEntry.Source readable(String source) {
        SourceEntry.Source s = Sources.source(source);
        if (!Sources.mayRead(current.require(), s)) {
            throw ProblemException.forbidden("role-not-allowed", "Only assessors and the city administrator read "
                    + s.wireName() + " entries.");
        }
        return s;
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
}
