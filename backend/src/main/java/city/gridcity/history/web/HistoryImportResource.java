package city.gridcity.history.web;

import city.gridcity.history.HistoryImports;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** History imports (历史案件导入): a city arriving from an older system brings its cases, by its administrator. */
@Path("/api/v1/history/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History import", description = "历史案件导入 · Cases of the city's older system, one per line")
public class HistoryImportResource {

    static final String NDJSON = "application/x-ndjson";

    private final HistoryImports imports;
    private final CurrentPrincipal current;

    HistoryImportResource(HistoryImports imports, CurrentPrincipal current) {
        this.imports = imports;
        this.current = current;
    }

    @POST
    @Consumes({NDJSON, "application/jsonl", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Import cases of the old system, one JSON object per line: number, source, reporter {role, ref}, "
            + "kind, classCode, lon, lat, address, reportedAt, events [{action, actor {role, ref}, department, at, reason, "
            + "condition, photos}], ratings, missedReport / districtReport, judgements. Each line is checked as intake "
            + "checks a report at its moment; any problem refuses the whole file (400, every problem by line and field), "
            + "nothing stored. The same file again is the same import (200); lines imported before with the same content "
            + "are counted unchanged")
    @APIResponseSchema(value = HistoryImports.Summary.class, responseCode = "201", responseDescription = "The import")
    @APIResponse(responseCode = "200", description = "The same file was imported before: that import, nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HistoryImports.Summary.class)))
    public Response create(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("file", "send the cases as JSON Lines, one case per line");
        }
        HistoryImports.Outcome outcome = imports.run(body, current.require().username());
        return Response.status(outcome.created() ? 201 : 200).entity(outcome.summary()).build();
    }

    @GET
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "The city's history imports, newest first")
    public List<HistoryImports.Summary> list() {
        return imports.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "One import: its state and counts (lines, cases created, unchanged, judgements)")
    public HistoryImports.Summary one(@PathParam("id") long id) {
        return imports.get(id).orElseThrow(() -> ProblemException.notFound("History import " + id));
    }
}
