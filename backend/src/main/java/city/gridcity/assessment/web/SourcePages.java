package city.gridcity.assessment.web;

import city.gridcity.assessment.SourceEntry;
import city.gridcity.assessment.Sources;
import city.gridcity.calendar.CalendarService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's page for the non-system sources of assessment (明察, 暗访, 社会监督, 公众评议): one source at a time
 * (source=), a month's entries (month=) with who entered each and whether it was corrected, the form to enter one (or a
 * correction of one) and, for surveys, the CSV import. Assessors enter every source, city supervisors unannounced
 * visits, the city administrator reads. A refused form shows each problem next to its field; a refused file lists
 * every bad line.
 */
@Path("/console/assessment/sources")
@Produces(MediaType.TEXT_HTML)
public class SourcePages {

    static final String PAGE = "/console/assessment/sources";

    @CheckedTemplate(basePath = "console/assessment")
    static class Templates {
        static native TemplateInstance sources(Messages.Msg msg, SourcesView view);
    }

    public record Tab(String code, String label, boolean current) {
    }

    public record Row(long id, String target, String day, String what, String detail, List<String> photos,
                      String caseNumber, String by, String at, String status, boolean current) {
    }

    public record LineProblem(String line, String field, String message) {
    }

    public record SourcesView(String csrf, String source, String heading, String month, List<Tab> tabs, boolean mayEnter, List<Row> rows,
                              List<Sources.Choice> targets, Map<String, String> values, Map<String, String> errors,
                              List<LineProblem> lines, String error, String done) {
        public String error(String field) {
            return errors.get(field);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }
    }

    static final List<String> FIELDS = List.of("target", "day", "score", "panelist", "kind", "place", "description",
            "photos", "caseNumber", "respondents", "corrects", "withdraw");

    private final CurrentPrincipal current;
    private final Sources sources;
    private final CalendarService calendar;
    private final Messages messages;

    SourcePages(CurrentPrincipal current, Sources sources, CalendarService calendar, Messages messages) {
        this.current = current;
        this.sources = sources;
        this.calendar = calendar;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("source") String source, @QueryParam("month") String month,
                         @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        SourceEntry.Source s = source == null || source.isBlank() ? SourceEntry.Source.INSPECTION : Sources.source(source);
        String here = PAGE + "?source=" + s.wireName();
        Principal user = reader(s);
        if (user == null) {
            return login(here);
        }
        Messages.Msg msg = msg(user, lang, headers);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Map<String, String> values = new LinkedHashMap<>();
        if (refusal != null) {
            FIELDS.forEach(f -> values.put(f, note.get().value(f) == null ? "" : note.get().value(f)));
        } else {
            values.put("day", calendar.today().toString());
        }
        return render(user, msg, s, month(month), Csrf.tokenOrNew(csrfCookie), values, refusal, List.of(),
                note.map(Flash.Note::done).map(msg::t).orElse(null), lang, flash);
    }

    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enter(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        SourceEntry.Source s = Sources.source(form.getFirst("source"));
        String here = PAGE + "?source=" + s.wireName();
        Principal user = enterer(s);
        if (user == null) {
            return login(here);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        FIELDS.forEach(f -> typed.put(f, form.getFirst(f) == null ? "" : form.getFirst(f).trim()));
        try {
            List<Problem.FieldError> errors = new ArrayList<>();
            BigDecimal score = number(errors, "score", typed.get("score"));
            Integer respondents = whole(errors, "respondents", typed.get("respondents"));
            Integer corrects = whole(errors, "corrects", typed.get("corrects"));
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            List<String> photos = typed.get("photos").isEmpty() ? null
                    : Arrays.stream(typed.get("photos").split("[\\s,]+")).filter(p -> !p.isBlank()).toList();
            sources.enter(s, new Sources.Entering(typed.get("target"), typed.get("day"), score, typed.get("panelist"),
                    typed.get("kind"), typed.get("place"), typed.get("description"), photos, typed.get("caseNumber"),
                    respondents, corrects == null ? null : corrects.longValue(), "on".equals(typed.get("withdraw"))
                    || "true".equals(typed.get("withdraw"))), user.username());
            return Flash.done(here, "sources.done.entered");
        } catch (ProblemException e) {
            return Flash.refused(here, e, typed);
        }
    }

    @POST
    @Path("/survey/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importSurvey(@RestForm("file") FileUpload file, @RestForm("day") String day,
                                 @RestForm(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                                 @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        SourceEntry.Source s = SourceEntry.Source.SURVEY;
        String here = PAGE + "?source=survey";
        Principal user = importer();
        if (user == null) {
            return login(here);
        }
        try {
            byte[] bytes = file == null || file.size() == 0 ? new byte[0] : read(file);
            sources.importSurvey(bytes, day, user.username());
            return Flash.done(here, "sources.done.imported");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            // every bad line is listed on the answer itself: a long list does not fit in the note's cookie
            Messages.Msg msg = msg(user, null, headers);
            List<LineProblem> lines = new ArrayList<>();
            for (Problem.FieldError f : e.errors()) {
                if (f.field().startsWith("lines[")) {
                    int close = f.field().indexOf(']');
                    String field = close + 2 <= f.field().length() ? f.field().substring(close + 2) : "";
                    String key = "sources.error." + (field.isEmpty() ? "file" : field);
                    String text = msg.english() || msg.t(key).equals(key) ? f.message() : msg.t(key);
                    lines.add(new LineProblem(f.field().substring(6, close), field, text));
                }
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("importDay", day == null ? "" : day);
            values.put("day", calendar.today().toString());
            ProblemException shown = lines.isEmpty() ? e : new ProblemException(e.status(), e.code(), e.title(),
                    e.getMessage(), e.errors().stream().filter(f -> !f.field().startsWith("lines["))
                    .map(f -> new Problem.FieldError(f.field(), f.message())).toList(), null);
            return render(user, msg, s, YearMonth.from(calendar.today()), Csrf.tokenOrNew(csrfCookie), values,
                    remap(shown), lines, null, null, null);
        }
    }

    /** A file's field problems show next to the import form's fields (day → importDay). */
    private static ProblemException remap(ProblemException e) {
        List<Problem.FieldError> errors = e.errors().stream()
                .map(f -> new Problem.FieldError("day".equals(f.field()) ? "importDay" : f.field(), f.message())).toList();
        return new ProblemException(e.status(), e.code(), e.title(), e.getMessage(), errors.isEmpty()
                ? List.of(new Problem.FieldError("file", e.getMessage())) : errors, null);
    }

    private Response render(Principal user, Messages.Msg msg, SourceEntry.Source s, YearMonth month, String csrf,
                            Map<String, String> values, ProblemException refusal, List<LineProblem> lines, String done,
                            String lang, String flash) {
        List<Tab> tabs = Arrays.stream(SourceEntry.Source.values()).filter(t -> Sources.mayRead(user, t))
                .map(t -> new Tab(t.wireName(), msg.t("sources.tab." + t.wireName()), t == s)).toList();
        List<Row> rows = sources.list(s, month.atDay(1), month.plusMonths(1).atDay(1), null).stream()
                .map(v -> row(msg, user, v)).toList();
        Map<String, String> errors = refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "sources");
        String error = refusal == null && lines.isEmpty() ? null : !lines.isEmpty() ? msg.t("sources.fileProblems")
                : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("assessment.problems");
        SourcesView view = new SourcesView(csrf, s.wireName(), msg.t("sources.enter." + s.wireName()), month.toString(), tabs, Sources.mayEnter(user, s), rows,
                sources.targetChoices(), values, errors, lines, error, done);
        int status = !lines.isEmpty() ? 400 : refusal == null ? 200 : refusal.status();
        return PageSupport.page(Templates.sources(msg, view), status, Csrf.cookie(csrf), Language.remember(lang),
                Flash.clear(flash, PAGE));
    }

    private static Row row(Messages.Msg msg, Principal user, Sources.View v) {
        String what = switch (v.source()) {
            case "inspection", "survey" -> v.score() == null ? "—" : v.score().stripTrailingZeros().toPlainString();
            case "supervision" -> v.kind() == null ? "—" : msg.t("sources.kind." + v.kind());
            default -> msg.t("sources.problem");
        };
        List<String> detail = new ArrayList<>();
        if (v.panelist() != null) {
            detail.add(v.panelist());
        }
        if (v.respondents() != null) {
            detail.add(msg.f("sources.respondentsOf", String.valueOf(v.respondents())));
        }
        if (v.place() != null) {
            detail.add(v.place());
        }
        if (v.description() != null) {
            detail.add(v.description());
        }
        // ids as text: a number argument would be grouped (#1,234)
        String status = v.withdrawn() ? msg.f("sources.status.withdraws", String.valueOf(v.corrects()))
                : v.correctedBy() != null ? msg.f("sources.status.corrected", String.valueOf(v.correctedBy()))
                : v.corrects() != null ? msg.f("sources.status.corrects", String.valueOf(v.corrects()))
                : msg.t("sources.status.current");
        return new Row(v.id(), v.targetName() == null ? v.target() : v.targetName() + " (" + v.target() + ")",
                v.day().toString(), what, String.join(" · ", detail), v.photos(), v.caseNumber(), v.createdBy(),
                time(user, v.createdAt()), status, v.current());
    }

    private YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return YearMonth.from(calendar.today());
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("month", "give the month as YYYY-MM, not '" + month + "'");
        }
    }

    private static BigDecimal number(List<Problem.FieldError> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "give a number from 0 to 100, not '" + text + "'"));
            return null;
        }
    }

    private static Integer whole(List<Problem.FieldError> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "give a whole number, not '" + text + "'"));
            return null;
        }
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Principal user, Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of(user.tenant().timeZone())).format(at);
    }

    private Messages.Msg msg(Principal user, String lang, HttpHeaders headers) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    /** The signed-in city user, null when nobody is signed in; a platform operator is refused. */
    private Principal signedIn() {
        Optional<Principal> p = current.get();
        if (p.isPresent() && p.get().tenant() == null) {
            throw ProblemException.forbidden("no-city", "Assessment belongs to a city; sign in as a user of a city.");
        }
        return p.orElse(null);
    }

    private Principal reader(SourceEntry.Source s) {
        Principal p = signedIn();
        if (p != null && !Sources.mayRead(p, s)) {
            throw ProblemException.forbidden("role-not-allowed", "The assessment sources are for the city's assessors "
                    + "(city supervisors: unannounced visits) and its administrator.");
        }
        return p;
    }

    private Principal enterer(SourceEntry.Source s) {
        Principal p = signedIn();
        if (p != null && !Sources.mayEnter(p, s)) {
            throw ProblemException.forbidden("role-not-allowed", "Only assessors enter " + s.wireName()
                    + " entries (city supervisors also unannounced visits).");
        }
        return p;
    }

    private Principal importer() {
        return enterer(SourceEntry.Source.SURVEY);
    }

    private static Response login(String next) {
        return Response.seeOther(URI.create("/console/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .build();
    }
}
