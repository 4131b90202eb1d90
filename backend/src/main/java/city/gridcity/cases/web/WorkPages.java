package city.gridcity.cases.web;

import static city.gridcity.cases.web.PageParams.blankToNull;
import static city.gridcity.cases.web.PageParams.filterEnum;
import static city.gridcity.cases.web.PageParams.toSignIn;
import static city.gridcity.cases.web.PageParams.url;

import city.gridcity.cases.CaseQueries;
import city.gridcity.cases.CaseQueue;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.facts.web.SatisfactionPages;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.identity.Role;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.shared.web.Paging;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's work pages: one's queues ("my work") and a queue with filters and paging, soonest deadline first. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class WorkPages {

    static final int SUMMARY_LINES = 5;
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    @CheckedTemplate(basePath = "console/cases")
    static class Templates {
        static native TemplateInstance work(Messages.Msg msg, PageFormat fmt, List<QueueCard> queues, boolean canReport,
                                            boolean canModerate, boolean canSeeSatisfaction, String reportLabel);

        static native TemplateInstance queue(Messages.Msg msg, PageFormat fmt, QueueView view);
    }

    /** An option of a select: its value, its label and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /** One of the user's queues on the "my work" page: its size and its most urgent cases. */
    public record QueueCard(String name, String label, long total, long overdue, List<CaseQueries.Line> first,
                            boolean more, String error) {
    }

    /**
     * A queue page. {@code fieldErrors} holds the problem of a filter shown next to its field (grid, subclass code),
     * {@code error} any other; {@code mapLevels} are the levels the map can pick a grid at (the chosen grid's level
     * selected, else community).
     */
    public record QueueView(String name, String label, List<CaseQueries.Line> lines, String grid, String classCode,
                            List<Option> kinds, List<Option> states, List<Option> overdue, String nextUrl,
                            String firstUrl, String error, List<GridGroup> grids, Map<String, String> unitNames,
                            Map<String, String> fieldErrors, List<Option> mapLevels) {
    }

    /** One level of the grid filter's choices: its label and its units by name, the code second. */
    public record GridGroup(GridLevel level, String label, List<Option> units) {
    }

    /** Levels a queue can be filtered by: each case is located in all of them. */
    static final List<GridLevel> FILTER_LEVELS = List.of(GridLevel.DISTRICT, GridLevel.STREET, GridLevel.COMMUNITY,
            GridLevel.MANAGEMENT);

    /** Filters whose problem is shown next to the field rather than above the table. */
    private static final java.util.Set<String> NEXT_TO_FIELD = java.util.Set.of("grid", "classCode");

    private final Viewers viewers;
    private final CaseQueries queries;
    private final GridQueries gridQueries;

    private final WorkflowConfigService workflow;

    WorkPages(Viewers viewers, CaseQueries queries, GridQueries gridQueries, WorkflowConfigService workflow) {
        this.viewers = viewers;
        this.queries = queries;
        this.gridQueries = gridQueries;
        this.workflow = workflow;
    }

    /**
     * The report button names the sources this user reports from (a district supervisor: their own patrol; an
     * acceptor: the hotline, WeChat...), as the report form offers them.
     */
    private String reportLabel(Viewers.Viewer v) {
        Messages.Msg msg = v.msg();
        List<String> names = workflow.sources().stream()
                .filter(s -> s.active && s.channel.reporters().stream().anyMatch(v.actor().roles()::contains))
                .map(s -> msg.english() ? s.nameEn : s.nameZh).toList();
        if (names.isEmpty()) {
            return msg.t("work.reportPlain");
        }
        String shown = String.join(msg.english() ? ", " : "、", names.subList(0, Math.min(3, names.size())));
        return msg.f(names.size() > 3 ? "work.reportFromMany" : "work.reportFrom", shown);
    }

    private List<GridGroup> gridGroups(Messages.Msg msg, String chosen) {
        List<GridQueries.NamedUnit> units = gridQueries.namedUnits(FILTER_LEVELS);
        List<GridGroup> groups = new ArrayList<>();
        for (GridLevel level : FILTER_LEVELS) {
            List<Option> options = units.stream().filter(u -> u.level() == level)
                    .map(u -> new Option(u.code(), u.name() + " · " + u.code(), u.code().equals(chosen))).toList();
            if (!options.isEmpty()) {
                groups.add(new GridGroup(level, msg.t("grid." + level.wireName()), options));
            }
        }
        return groups;
    }

    /** The levels the map picks a grid at: the chosen grid's own level first chosen, else community. */
    private List<Option> mapLevels(Messages.Msg msg, List<GridGroup> groups) {
        GridLevel at = groups.stream().filter(g -> g.units().stream().anyMatch(Option::selected)).map(GridGroup::level)
                .findFirst().orElse(GridLevel.COMMUNITY);
        return FILTER_LEVELS.stream().map(l -> new Option(l.wireName(), msg.t("grid." + l.wireName()), l == at)).toList();
    }

    /** Unit grids' names for the table: a queue page names at most its page's units. */
    private Map<String, String> unitNames(List<CaseQueries.Line> lines) {
        return gridQueries.names(GridLevel.UNIT, lines.stream().map(CaseQueries.Line::unitCode)
                .filter(java.util.Objects::nonNull).distinct().toList());
    }

    @GET
    @Path("/work")
    public Response work(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Optional<Viewers.Viewer> signedIn = viewers.viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
        List<QueueCard> cards = new ArrayList<>();
        for (CaseQueue q : CaseQueue.values()) {
            if (q.roles().stream().noneMatch(v.actor().roles()::contains)) {
                continue;
            }
            String label = v.msg().t("queue." + q.wireName());
            try {
                CaseQueries.Count count = queries.count(q, v.actor());
                if (q == CaseQueue.LOCAL && count.total() == 0) {
                    // Only community committees and street offices run local loops: other departments never see it.
                    continue;
                }
                CaseQueries.Page first = queries.queue(q, v.actor(), new CaseQueries.Filter(null, null, null, null, null),
                        null, SUMMARY_LINES);
                cards.add(new QueueCard(q.wireName(), label, count.total(), count.overdue(), first.items(),
                        first.next() != null, null));
            } catch (ProblemException e) {
                cards.add(new QueueCard(q.wireName(), label, 0, 0, List.of(), false, PageErrors.text(v.msg(), e)));
            }
        }
        boolean canReport = v.actor().roles().stream().anyMatch(ReportPages.REPORTERS::contains);
        boolean canModerate = v.actor().roles().stream().anyMatch(r -> r == Role.ACCEPTOR || r == Role.CITY_ADMIN);
        boolean canSeeSatisfaction = v.actor().roles().stream().anyMatch(SatisfactionPages.READERS::contains);
        return PageSupport.page(Templates.work(v.msg(), v.fmt(), cards, canReport, canModerate, canSeeSatisfaction,
                        canReport ? reportLabel(v) : null), 200,
                Language.remember(lang));
    }

    @GET
    @Path("/queues/{queue}")
    public Response queue(@PathParam("queue") String name, @QueryParam("grid") String grid,
                          @QueryParam("kind") String kind, @QueryParam("classCode") String classCode,
                          @QueryParam("state") String state, @QueryParam("overdue") String overdue,
                          @QueryParam("after") String after, @QueryParam("size") String size,
                          @QueryParam("lang") String lang,
                          @Context HttpHeaders headers) {
        Optional<Viewers.Viewer> signedIn = viewers.viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
        Messages.Msg msg = v.msg();
        CaseQueue q = CaseQueue.fromWireName(name).orElseThrow(() -> ProblemException.notFound("Queue '" + name + "'"));
        if (q.roles().stream().noneMatch(v.actor().roles()::contains)) {
            throw ProblemException.forbidden("queue-not-yours", msg.t("error.queue-not-yours"));
        }
        grid = blankToNull(grid);
        classCode = blankToNull(classCode);
        CatalogClass.Kind k = filterEnum(CatalogClass.Kind.class, kind);
        CaseState s = filterEnum(CaseState.class, state);
        Boolean late = overdue == null || overdue.isBlank() ? null : Boolean.valueOf(overdue);

        List<Option> kinds = new ArrayList<>(List.of(new Option("", msg.t("filter.any"), k == null)));
        Arrays.stream(CatalogClass.Kind.values()).forEach(x -> kinds.add(new Option(x.name(), msg.t("kind." + x.name()), x == k)));
        List<Option> states = new ArrayList<>(List.of(new Option("", msg.t("filter.any"), s == null)));
        q.states().forEach(x -> states.add(new Option(x.name(), msg.t("state." + x.name()), x == s)));
        List<Option> overdueOptions = List.of(new Option("", msg.t("filter.any"), late == null),
                new Option("true", msg.t("filter.overdue.yes"), Boolean.TRUE.equals(late)),
                new Option("false", msg.t("filter.overdue.no"), Boolean.FALSE.equals(late)));

        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("grid", grid);
        filters.put("kind", k == null ? null : k.name());
        filters.put("classCode", classCode);
        filters.put("state", s == null ? null : s.name());
        filters.put("overdue", late == null ? null : late.toString());
        String base = "/console/queues/" + q.wireName();
        try {
            // The same bounds as the API's queues: a size outside them is named on the page, not clamped.
            int pageSize = Paging.bounded("size", blankToNull(size), PAGE_SIZE, 1, MAX_PAGE_SIZE);
            if (blankToNull(size) != null) {
                filters.put("size", String.valueOf(pageSize));
            }
            String firstUrl = after == null || after.isBlank() ? null : url(base, filters);
            CaseQueries.Page page = queries.queue(q, v.actor(), new CaseQueries.Filter(grid, k, classCode, s, late),
                    blankToNull(after), pageSize);
            String nextUrl = null;
            if (page.next() != null) {
                Map<String, String> next = new LinkedHashMap<>(filters);
                next.put("after", page.next());
                nextUrl = url(base, next);
            }
            List<GridGroup> groups = gridGroups(msg, grid);
            return PageSupport.page(Templates.queue(msg, v.fmt(), new QueueView(q.wireName(), msg.t("queue." + q.wireName()),
                    page.items(), grid, classCode, kinds, states, overdueOptions, nextUrl, firstUrl, null,
                    groups, unitNames(page.items()), Map.of(), mapLevels(msg, groups))), 200,
                    Language.remember(lang));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            String field = e.errors().isEmpty() ? null : e.errors().get(0).field();
            String text = "unknown-grid".equals(e.code()) ? msg.f("filter.grid.unknown", grid)
                    : String.join(" ", Viewers.errorTexts(msg, e));
            boolean nextToField = NEXT_TO_FIELD.contains(field);
            List<GridGroup> groups = gridGroups(msg, grid);
            return PageSupport.page(Templates.queue(msg, v.fmt(), new QueueView(q.wireName(), msg.t("queue." + q.wireName()),
                    List.of(), grid, classCode, kinds, states, overdueOptions, null, base,
                    nextToField ? null : text, groups, Map.of(), nextToField ? Map.of(field, text) : Map.of(),
                    mapLevels(msg, groups))), 400,
                    Language.remember(lang));
        }
    }
}
