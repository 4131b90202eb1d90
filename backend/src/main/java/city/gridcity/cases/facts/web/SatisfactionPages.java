package city.gridcity.cases.facts.web;

import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's satisfaction page (满意度): residents' satisfaction rates per department, district and street over a
 * period of the city's days, on the moment the cases closed, from the same query as
 * {@code GET /api/v1/case-facts/satisfaction}. For the roles that read the case facts; residents and other staff
 * are refused.
 */
@Path("/console/satisfaction")
@Produces(MediaType.TEXT_HTML)
public class SatisfactionPages {

    /** Who may read it: the case facts' readers, as {@link CaseFactsResource} allows them. */
    public static final Set<Role> READERS = EnumSet.of(Role.CITY_ADMIN, Role.ASSESSOR, Role.DISPATCHER,
            Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR);

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance satisfaction(Messages.Msg msg, View view);
    }

    /** The page: the period as given (the last day inclusive), quick periods, one table per grouping. */
    public record View(String from, String to, List<Preset> presets, List<Group> groups, String fromError,
                       String toError) {
    }

    /** A quick period link: this month, last month, this year. */
    public record Preset(String label, String url, boolean on) {
    }

    public record Group(String key, String label, List<Row> rows) {
    }

    /** One department, district or street: its name (its code beside it), ratings and rates. */
    public record Row(String name, String code, String ratings, String satisfiedPercent, long satisfied,
                      long basicallySatisfied, long dissatisfied, String notSolvedPercent, String reopens) {
    }

    private final CurrentPrincipal current;
    private final CaseFactsQueries queries;
    private final Messages messages;
    private final Clock clock;

    SatisfactionPages(CurrentPrincipal current, CaseFactsQueries queries, Messages messages, Clock clock) {
        this.current = current;
        this.queries = queries;
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
        if (user.tenant() == null || user.roles().stream().noneMatch(READERS::contains)) {
            throw ProblemException.forbidden("role-not-allowed", "Satisfaction rates are for the city's administrators, "
                    + "assessors, dispatchers and supervisors.");
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(user.tenant().timeZone())));
        PeriodForm period = PeriodForm.parse(from, to, today, msg, "/console/satisfaction");
        List<Preset> presets = period.presets().stream().map(p -> new Preset(p.label(), p.url(), p.on())).toList();
        String shownFrom = period.shownFrom();
        String shownTo = period.shownTo();
        if (!period.valid()) {
            return PageSupport.page(Templates.satisfaction(msg, new View(shownFrom, shownTo, presets, List.of(),
                    period.fromError(), period.toError())), 400, Language.remember(lang));
        }
        LocalDate first = period.first();
        LocalDate last = period.last();
        // The page names the last day; the query's period ends the day after it (exclusive).
        CaseFactsQueries.Filter filter = new CaseFactsQueries.Filter(first, last.plusDays(1), CaseFactsQueries.Moment.CLOSED,
                null, null, null, null, null);
        List<Group> groups = new ArrayList<>();
        for (CaseFactsQueries.RateGroup by : CaseFactsQueries.RateGroup.values()) {
            String key = by.name().toLowerCase();
            groups.add(new Group(key, msg.t("satisfaction.by." + key), queries.satisfaction(filter, by).stream()
                    .map(r -> new Row(r.name() != null ? r.name() : r.code() != null ? r.code()
                            : msg.t("satisfaction.noDepartment"), r.name() != null ? r.code() : null,
                            two(msg, "satisfaction.ratingsOf", r.ratings(), r.ratedCases()), percent(r.satisfiedPercent()),
                            r.satisfied(), r.basicallySatisfied(), r.dissatisfied(), percent(r.notSolvedPercent()),
                            two(msg, "satisfaction.reopensOf", r.reopenRequests(), r.reopenAccepted())))
                    .toList()));
        }
        return PageSupport.page(Templates.satisfaction(msg, new View(shownFrom, shownTo, presets, groups, null, null)), 200,
                Language.remember(lang));
    }

    private static String two(Messages.Msg msg, String key, long first, long second) {
        return msg.f(key, first).replace("{1}", String.valueOf(second));
    }

    private static String percent(BigDecimal p) {
        return p == null ? "—" : p.stripTrailingZeros().toPlainString() + "%";
    }
}
