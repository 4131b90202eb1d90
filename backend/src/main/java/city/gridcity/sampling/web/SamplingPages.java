package city.gridcity.sampling.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.sampling.Sampling;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 抽样审核 in the console, for city reviewers (city supervisors and assessors): a day's sampled district
 * supervisor reports (yesterday by default) with a link to each case and three buttons (valid, duplicate, false),
 * and every overdue sample (unjudged after its deadline) marked. A refusal is shown next to its sample.
 */
@Path("/console/sampling")
@Produces(MediaType.TEXT_HTML)
public class SamplingPages {

    static final String PAGE = "/console/sampling";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance sampling(Messages.Msg msg, View view);
    }

    /** A sample as a row: its deadline and judgement in the city's time. */
    public record Row(long id, String day, String caseNumber, String deadline, boolean overdue, String verdict,
                      String verdictLabel, String judged, String note) {
    }

    public record View(String csrf, String day, String previousDay, String nextDay, List<Row> samples, List<Row> overdue,
                       Long errorSample, String error, String done, String lead) {
    }

    private final CurrentPrincipal current;
    private final Sampling sampling;
    private final Messages messages;
    private final Clock clock;

    SamplingPages(CurrentPrincipal current, Sampling sampling, Messages messages, Clock clock) {
        this.current = current;
        this.sampling = sampling;
        this.messages = messages;
        this.clock = clock;
    }

    @GET
    public Response page(@QueryParam("day") String dayParam, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = reviewer();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        LocalDate day = parse(dayParam, LocalDate.now(clock.withZone(zone)).minusDays(1));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Long errorSample = note.map(n -> n.value("sampleId")).map(Long::valueOf).orElse(null);
        String error = refusal == null ? null : refusal.status() == 409 ? msg.t("sampling.alreadyJudged")
                : refusal.status() == 400 ? msg.t("sampling.badVerdict") : PageErrors.text(msg, refusal);
        Sampling.Settings rule = sampling.settings();
        List<Row> samples = sampling.list(day, null).stream().map(s -> row(s, msg, zone)).toList();
        List<Row> overdue = sampling.list(null, Sampling.Status.OVERDUE).stream().map(s -> row(s, msg, zone)).toList();
        View view = new View(csrf, day.toString(), day.minusDays(1).toString(), day.plusDays(1).toString(), samples,
                overdue, errorSample, error, note.map(Flash.Note::done).map(msg::t).orElse(null),
                java.text.MessageFormat.format(msg.t("sampling.lead"), rule.share().multiply(java.math.BigDecimal
                        .valueOf(100)).stripTrailingZeros().toPlainString() + " %", String.valueOf(rule.judgeWorkingDays())));
        return PageSupport.page(Templates.sampling(msg, view), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/{id}/judgement")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response judge(@PathParam("id") long id, @FormParam("verdict") String verdict, @FormParam("day") String day,
                          @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = reviewer();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String back = PAGE + (day == null || day.isBlank() ? "" : "?day=" + parse(day, null));
        try {
            sampling.judge(id, verdict, null, user.get().username());
            return Flash.done(back, "sampling.done");
        } catch (ProblemException e) {
            if (e.status() == 404 || e.status() == 401 || e.status() == 403) {
                throw e;
            }
            Map<String, String> typed = new HashMap<>();
            typed.put("sampleId", String.valueOf(id));
            return Flash.refused(back, e, typed);
        }
    }

    private static Row row(Sampling.SampleView s, Messages.Msg msg, ZoneId zone) {
        return new Row(s.id(), s.day().toString(), s.caseNumber(), time(s.deadline(), zone), s.overdue(), s.verdict(),
                s.verdict() == null ? (s.overdue() ? msg.t("sampling.status.overdue") : msg.t("sampling.status.unjudged"))
                        : msg.t("sampling.verdict." + s.verdict()), s.judgedBy() == null ? null
                        : java.text.MessageFormat.format(msg.t("sampling.judgedBy"), s.judgedBy(), time(s.judgedAt(), zone)),
                s.note());
    }

    private static String time(Instant t, ZoneId zone) {
        return t == null ? "" : TIME.format(t.atZone(zone));
    }

    /** The signed-in city reviewer; others are refused (403), visitors sent to sign in. */
    private Optional<Principal> reviewer() {
        Optional<Principal> p = current.get();
        if (p.isPresent() && (p.get().tenant() == null || p.get().roles().stream()
                .noneMatch(r -> r == Role.CITY_SUPERVISOR || r == Role.ASSESSOR))) {
            throw ProblemException.forbidden("role-not-allowed", "Sampled reports are judged by city supervisors and assessors.");
        }
        return p;
    }

    private static LocalDate parse(String value, LocalDate fallback) {
        try {
            return value == null || value.isBlank() ? fallback : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
