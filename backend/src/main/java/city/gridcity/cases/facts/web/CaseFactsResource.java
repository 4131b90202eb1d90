package city.gridcity.cases.facts.web;

import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.cases.facts.CaseFactsRebuild;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The case facts (the read side of cases) for the city's staff who assess and supervise, and their rebuild. */
@Path("/api/v1/case-facts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Case facts", description = "案件事实 · What is known about each case, for assessment and dashboards")
public class CaseFactsResource {

    private final CaseFactsQueries queries;
    private final CaseFactsRebuild rebuild;

    CaseFactsResource(CaseFactsQueries queries, CaseFactsRebuild rebuild) {
        this.queries = queries;
        this.rebuild = rebuild;
    }

    @GET
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR, Role.Names.DISPATCHER, Role.Names.DISTRICT_SUPERVISOR,
            Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "The facts rows of a period (from inclusive, to exclusive, local dates of the city) on the "
            + "moment reported, filed or closed, by grid level and code, department, kind and subclass; paged")
    public CaseFactsQueries.Page list(@BeanParam FilterParams filter, @QueryParam("page") String page,
                                      @QueryParam("size") String size) {
        return queries.list(filter.parse(), number("page", page, 0, 0, CaseFactsQueries.MAX_PAGE),
                number("size", size, 50, 1, CaseFactsQueries.MAX_SIZE));
    }

    @GET
    @Path("/summary")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR, Role.Names.DISPATCHER, Role.Names.DISTRICT_SUPERVISOR,
            Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "Counts and sums over the cases of a period: reported, filed, closed, closed on time, overdue "
            + "per phase, returns, rework, missed reports, base case weights")
    public CaseFactsQueries.Summary summary(@BeanParam FilterParams filter) {
        return queries.summary(filter.parse());
    }

    @GET
    @Path("/satisfaction")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR, Role.Names.DISPATCHER, Role.Names.DISTRICT_SUPERVISOR,
            Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "Residents' satisfaction (满意率) per department, district or street (by=) over the cases of a "
            + "period, on the moment closed unless on= says otherwise: rated cases, ratings, each answer, the satisfied "
            + "and basically satisfied share and the not-solved share of the ratings, reopen requests")
    public List<CaseFactsQueries.SatisfactionRate> satisfaction(@BeanParam FilterParams filter,
                                                                @QueryParam("by") String by) {
        CaseFactsQueries.Filter f = filter.parse();
        CaseFactsQueries.RateGroup group = choice("by", by, CaseFactsQueries.RateGroup.class);
        return queries.satisfaction(f.on() != null ? f : new CaseFactsQueries.Filter(f.from(), f.to(),
                CaseFactsQueries.Moment.CLOSED, f.level(), f.code(), f.department(), f.kind(), f.classCode()), group);
    }

    @GET
    @Path("/{number}")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR, Role.Names.DISPATCHER, Role.Names.DISTRICT_SUPERVISOR,
            Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "The facts of one case of the city")
    public CaseFactsQueries.Fact one(@PathParam("number") String number) {
        return queries.byNumber(number).orElseThrow(() -> ProblemException.notFound("Facts of case " + number));
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Recompute every case's facts from its history and rewrite the rows that differ; answers "
            + "how many were rebuilt, how many differed (and of those were missing), with examples")
    public CaseFactsRebuild.Result rebuild() {
        return rebuild.rebuildAll();
    }

    /** The filter of the list and the summary, as query parameters; parsed into 400s that name the parameter. */
    public static class FilterParams {
        @QueryParam("from")
        String from;
        @QueryParam("to")
        String to;
        @QueryParam("on")
        String on;
        @QueryParam("level")
        String level;
        @QueryParam("code")
        String code;
        @QueryParam("department")
        String department;
        @QueryParam("kind")
        String kind;
        @QueryParam("classCode")
        String classCode;

        CaseFactsQueries.Filter parse() {
            return new CaseFactsQueries.Filter(date("from", from), date("to", to),
                    choice("on", on, CaseFactsQueries.Moment.class),
                    choice("level", level, CaseFactsQueries.GridLevel.class), blankToNull(code), blankToNull(department),
                    kind(kind), blankToNull(classCode));
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "give a date as YYYY-MM-DD, not '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalid(field, "use one of " + Arrays.stream(type.getEnumConstants())
                        .map(e -> e.name().toLowerCase()).toList()));
    }

    private static CatalogClass.Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return CatalogClass.Kind.of(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.invalid(field, "give a whole number from " + min + " to " + max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
