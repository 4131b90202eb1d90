package city.gridcity.cases.facts.web;

import city.gridcity.cases.CityCase;
import city.gridcity.cases.facts.SolvedLevels;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The console's page of where problems were solved (解决层级): per district and per street, the shares of the
 * period's closed cases solved at grid, community, street, district and city level against the goal of 60 % in
 * the grid and 30 % in the community, the mean and median hours each level took, and the cases of the streets' and
 * communities' own loops (二级闭环) among them, escalated or not. For the case facts' readers.
 */
@Path("/console/solved-levels")
@Produces(MediaType.TEXT_HTML)
public class SolvedLevelPages {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance solvedLevels(Messages.Msg msg, View view);
    }

    public record View(PeriodForm period, List<Group> groups, int gridGoal, int communityGoal) {
    }

    public record Group(String key, String label, List<Row> rows) {
    }

    /** One area: name (code beside it), closed cases, and per level its share, count and mean hours. */
    public record Row(String name, String code, long closed, List<Cell> levels, boolean gridGoalMet,
                      boolean communityGoalMet, long localCases, long escalated) {
    }

    public record Cell(String level, String label, String percent, long cases, String hours, String median,
                       long localCases) {
    }

    private final CurrentPrincipal current;
    private final SolvedLevels solved;
    private final Messages messages;
    private final Clock clock;

    SolvedLevelPages(CurrentPrincipal current, SolvedLevels solved, Messages messages, Clock clock) {
        this.current = current;
        this.solved = solved;
        this.messages = messages;
        this.clock = clock;
    }

    @GET
    public Response page(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("lang") String lang,
                         @Context HttpHeaders headers) {
        Optional<Principal> signedIn = current.get();
        if (signedIn.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Principal user = signedIn.get();
        if (user.tenant() == null || user.roles().stream().noneMatch(SatisfactionPages.READERS::contains)) {
            throw ProblemException.forbidden("role-not-allowed", "Where problems were solved is for the city's "
                    + "administrators, assessors, dispatchers and supervisors.");
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.tenant().timeZone());
        PeriodForm period = PeriodForm.parse(from, to, LocalDate.now(clock.withZone(zone)), msg, "/console/solved-levels");
        if (!period.valid()) {
            return PageSupport.page(Templates.solvedLevels(msg, new View(period, List.of(), SolvedLevels.GRID_GOAL,
                    SolvedLevels.COMMUNITY_GOAL)), 400, Language.remember(lang));
        }
        List<Group> groups = new ArrayList<>();
        for (SolvedLevels.By by : SolvedLevels.By.values()) {
            String key = by.name().toLowerCase();
            groups.add(new Group(key, msg.t("solved.by." + key), solved.of(period.first(), period.last(), zone, by).stream()
                    .map(a -> new Row(a.name() != null ? a.name() : a.code(), a.name() != null ? a.code() : null, a.closed(),
                            Arrays.stream(CityCase.Level.values()).map(l -> cell(msg, l, a.levels().get(l))).toList(),
                            a.gridGoalMet(), a.communityGoalMet(), a.localCases(), a.escalated()))
                    .toList()));
        }
        return PageSupport.page(Templates.solvedLevels(msg, new View(period, groups, SolvedLevels.GRID_GOAL,
                SolvedLevels.COMMUNITY_GOAL)), 200, Language.remember(lang));
    }

    private static Cell cell(Messages.Msg msg, CityCase.Level level, SolvedLevels.Level l) {
        return new Cell(level.name(), msg.t("level." + level.name()), percent(l.percent()), l.cases(),
                l.meanHours() == null ? "—" : msg.f("solved.hours", l.meanHours().toPlainString()),
                l.medianHours() == null ? "—" : msg.f("solved.median", l.medianHours().toPlainString()), l.localCases());
    }

    private static String percent(BigDecimal p) {
        return p == null ? "—" : p.stripTrailingZeros().toPlainString() + "%";
    }
}
