package city.gridcity.assessment.web;

import city.gridcity.assessment.AppealAttachments;
import city.gridcity.assessment.AppealFilings;
import city.gridcity.assessment.Appeals;
import city.gridcity.assessment.Publications;
import city.gridcity.assessment.RunHistory;
import city.gridcity.assessment.LinkedDeductions;
import city.gridcity.assessment.Runs;
import city.gridcity.assessment.Scoring;
import city.gridcity.assessment.Schemes;
import city.gridcity.assessment.SchemeVersion;
import city.gridcity.assessment.TargetUsers;
import city.gridcity.calendar.CalendarService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's assessment pages (考评): the runs (and a form to start one), a run's ranking per group with a chart,
 * its versions, appeals and publish button, a target's score card down to the cases behind each deduction (with
 * the appeal form for the target's own users), two versions compared, and the appeals queue with a decision form.
 * Assessors and the city administrator see every page; a target's user sees only their own score cards. Post,
 * redirect, get; a refused form shows each problem next to its field.
 */
@Path("/console/assessment")
@Produces(MediaType.TEXT_HTML)
public class AssessmentPages {

    static final String PAGE = "/console/assessment";
    static final String ECHARTS = "/_static/echarts/6.0.0/dist/echarts.min.js";

    @CheckedTemplate(basePath = "console/assessment")
    static class Templates {
        static native TemplateInstance runs(Messages.Msg msg, RunsView view);

        static native TemplateInstance run(Messages.Msg msg, RunView view);

        static native TemplateInstance card(Messages.Msg msg, CardView view);

        static native TemplateInstance comparison(Messages.Msg msg, ComparisonView view);

        static native TemplateInstance appeals(Messages.Msg msg, AppealsView view);

        static native TemplateInstance appeal(Messages.Msg msg, AppealView view);
    }

    public record RunRow(long id, String scheme, int version, String period, int targets, String createdAt,
                         String appealUntil, String state) {
    }

    public record CardLink(long run, String period, String scheme, String target, String name) {
    }

    /** A scheme or overlay to choose, by name. */
    public record Choice(String code, String name) {
    }

    public record RunsView(String csrf, boolean assessor, List<RunRow> runs, List<Choice> schemes, List<Choice> overlays,
                           List<CardLink> mine,
                           String scheme, String overlay, String from, String to, Map<String, String> errors,
                           String error, String done) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    public record Line(int rank, String target, String name, String total, String outcomes) {
    }

    public record GroupView(String name, List<Line> lines) {
    }

    public record VersionRow(long id, int version, String createdAt, String createdBy, int exclusions, boolean current) {
    }

    public record AppealRow(long id, long run, String target, String caseNumber, String item, String reason,
                            String status, String statusText, String createdAt, String createdBy, String decisionReason,
                            Long resultRun, boolean failed, List<FileRow> files, String itemName, String targetName) {
    }

    /** A file an appeal carries, as listed: its name, what it is (photo or PDF), its size, where to open it. */
    public record FileRow(long id, String name, String kind, String size, String href, boolean photo) {
    }

    /**
     * One appeal's page: what is appealed and why, its files (with the form to add more for the target's users while
     * it is pending) and, for an assessor while pending, the decision form.
     */
    public record AppealView(String csrf, AppealRow appeal, String targetName, boolean assessor, boolean mayAdd,
                             String filesHint, String decision, String reason, Map<String, String> errors, String error,
                             String done) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    public record RunView(String csrf, long id, String scheme, int version, String period, String appealUntil,
                          boolean windowOpen, Long publication, boolean canPublish, boolean newest, List<GroupView> groups,
                          String chartNames, String chartTotals, String echarts, List<VersionRow> versions,
                          List<AppealRow> appeals, Long firstVersion, String error, String done) {
    }

    public record ItemRow(String component, String code, String name, String indicator, String indicatorName,
                          String value, String numerator,
                          String denominator, String score, String points, boolean deduction, List<String> cases,
                          List<String> others) {
    }

    /** A linked deduction (关联扣分) on a card: its rule, the case, where it came from, the share and the points. */
    public record LinkedRow(String rule, String name, String kind, String caseNumber, String from, String fromItem,
                            String fromDeduction, String share, String points) {
    }

    public record CardView(String csrf, long run, String target, String name, String group, String total, int rank,
                           boolean assessor, boolean mayAppeal, String appealUntil, List<ItemRow> items,
                           List<AppealRow> appeals, String caseNumber, String item, String reason,
                           Map<String, String> errors, String error, String done, List<LinkedRow> linked,
                           List<String> linkedRules, List<EntryLine> entries, String filesHint) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A source entry (明察, 暗访, 社会监督, 公众评议) the run read for the card's target. */
    public record EntryLine(long id, String source, String day, String what, String detail, String by) {
    }

    public record ComparisonView(long run, long with, int version, int withVersion, List<RunHistory.TargetChange> targets,
                                 List<VersionRow> versions) {
    }

    public record AppealsView(String csrf, String status, List<AppealRow> appeals, Long failed, String decision,
                              String reason, Map<String, String> errors, String error, String done) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    private final CurrentPrincipal current;
    private final Runs runs;
    private final Appeals appeals;
    private final Publications publications;
    private final RunHistory history;
    private final Schemes schemes;
    private final TargetUsers targetUsers;
    private final CalendarService calendar;
    private final Messages messages;
    private final ObjectMapper json;
    private final city.gridcity.assessment.Sources sources;
    private final AppealAttachments attachments;
    private final AppealFilings filings;

    AssessmentPages(CurrentPrincipal current, Runs runs, Appeals appeals, Publications publications, RunHistory history,
                    Schemes schemes, TargetUsers targetUsers, CalendarService calendar, Messages messages,
                    ObjectMapper json, city.gridcity.assessment.Sources sources, AppealAttachments attachments,
                    AppealFilings filings) {
        this.sources = sources;
        this.attachments = attachments;
        this.filings = filings;
        this.current = current;
        this.runs = runs;
        this.appeals = appeals;
        this.publications = publications;
        this.history = history;
        this.schemes = schemes;
        this.targetUsers = targetUsers;
        this.calendar = calendar;
        this.messages = messages;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(PAGE);
        }
        Principal user = signedIn.get();
        Messages.Msg msg = msg(user, lang, headers);
        boolean assessor = TargetUsers.assessor(user);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        List<Runs.Summary> all = runs.list();
        List<RunRow> rows = new ArrayList<>();
        List<CardLink> mine = new ArrayList<>();
        List<Schemes.Version> current = schemes.current();
        Map<String, String> schemeNames = named(choices(current, SchemeVersion.Kind.SCHEME));
        Map<String, String> overlayNames = named(choices(current, SchemeVersion.Kind.OVERLAY));
        for (Runs.Summary s : all) {
            String scheme = schemeNames.getOrDefault(s.scheme(), s.scheme());
            if (assessor) {
                rows.add(new RunRow(s.id(), scheme + (s.overlay() == null ? ""
                        : " + " + overlayNames.getOrDefault(s.overlay(), s.overlay())), s.version(),
                        period(s.from(), s.to()), s.targets(), time(user, s.createdAt()),
                        s.appealUntil() == null ? "—" : s.appealUntil().toString(), state(msg, s)));
            } else {
                s.ranking().stream().filter(r -> targetUsers.speaksFor(user, r.target()))
                        .forEach(r -> mine.add(new CardLink(s.id(), period(s.from(), s.to()), scheme, r.target(),
                                r.name() == null ? r.target() : r.name())));
            }
        }
        List<Choice> schemeChoices = assessor ? choices(current, SchemeVersion.Kind.SCHEME) : List.of();
        List<Choice> overlayChoices = assessor ? choices(current, SchemeVersion.Kind.OVERLAY) : List.of();
        List<String> codes = schemeChoices.stream().map(Choice::code).toList();
        LocalDate today = calendar.today();
        String from = today.withDayOfMonth(1).minusMonths(1).toString();
        String to = today.withDayOfMonth(1).toString();
        String scheme = codes.isEmpty() ? "" : codes.get(0);
        String overlay = "";
        Map<String, String> errors = Map.of();
        if (refusal != null) {
            scheme = value(note.get(), "scheme");
            overlay = value(note.get(), "overlay");
            from = value(note.get(), "from");
            to = value(note.get(), "to");
            errors = PageErrors.byField(msg, refusal, "assessment");
        }
        RunsView view = new RunsView(csrf, assessor, rows, withSent(schemeChoices, scheme), withSent(overlayChoices, overlay),
                mine, scheme, overlay, from, to, errors,
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("assessment.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null));
        return PageSupport.page(Templates.runs(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/runs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Principal user = assessor();
        if (user == null) {
            return login(PAGE);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : List.of("scheme", "overlay", "from", "to")) {
            typed.put(f, form.getFirst(f) == null ? "" : form.getFirst(f).trim());
        }
        try {
            Runs.Summary s = runs.start(new Runs.Request(blank(typed.get("scheme")), blank(typed.get("overlay")),
                    date("from", typed.get("from")), date("to", typed.get("to"))), user.username());
            return Flash.done(PAGE + "/runs/" + s.id(), "assessment.done.run");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, typed);
        }
    }

    @GET
    @Path("/runs/{id}")
    public Response run(@PathParam("id") long id, @QueryParam("lang") String lang,
                        @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                        @Context HttpHeaders headers) {
        String here = PAGE + "/runs/" + id;
        Principal user = assessor();
        if (user == null) {
            return login(here);
        }
        Messages.Msg msg = msg(user, lang, headers);
        Runs.Summary s = runs.one(id).orElseThrow(() -> ProblemException.notFound("Run " + id));
        Runs.Result result = runs.result(id).orElseThrow();
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Optional<Publications.View> pub = publications.ofFamily(s.root());
        List<Runs.Summary> versions = runs.versions(id);
        boolean newest = versions.get(versions.size() - 1).id() == id;
        LocalDate today = calendar.today();
        boolean open = s.appealUntil() != null && !today.isAfter(s.appealUntil());
        List<GroupView> groups = new ArrayList<>();
        for (Publications.Group g : Publications.groups(result)) {
            groups.add(new GroupView(g.name() == null ? ("all".equals(g.code()) ? msg.t("assessment.group.all") : g.code())
                    : g.name(), g.lines().stream().map(l -> new Line(l.rank(), l.target(), l.name() == null ? l.target()
                    : l.name(), plain(l.total()), outcomes(msg, l.outcomes()))).toList()));
        }
        List<String> names = new ArrayList<>();
        List<BigDecimal> totals = new ArrayList<>();
        result.cards().forEach(c -> {
            names.add(c.name() == null ? c.target() : c.name());
            totals.add(c.total());
        });
        RunView view = new RunView(csrf, id, result.scheme().name(), s.version(), period(s.from(), s.to()),
                s.appealUntil() == null ? "—" : s.appealUntil().toString(), open, pub.map(Publications.View::id).orElse(null),
                !open && newest && pub.isEmpty(), newest, groups, write(names), write(totals), ECHARTS,
                versions.stream().map(v -> version(user, v, id)).toList(),
                withFiles(msg, user, appeals.ofFamily(s.root()), null),
                versions.get(0).id() == id ? null : versions.get(0).id(),
                refusal == null ? null : PageErrors.text(msg, refusal), note.map(Flash.Note::done).map(msg::t).orElse(null));
        return PageSupport.page(Templates.run(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, here));
    }

    @POST
    @Path("/runs/{id}/publication")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@PathParam("id") long id, MultivaluedMap<String, String> form,
                            @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = PAGE + "/runs/" + id;
        Principal user = assessor();
        if (user == null) {
            return login(here);
        }
        try {
            publications.publish(id, user.username());
            return Flash.done(here, "assessment.done.published");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, Map.of());
        }
    }

    @GET
    @Path("/runs/{id}/cards/{target}")
    public Response card(@PathParam("id") long id, @PathParam("target") String target, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        String here = PAGE + "/runs/" + id + "/cards/" + target;
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(here);
        }
        Principal user = signedIn.get();
        boolean assessor = TargetUsers.assessor(user);
        boolean own = targetUsers.speaksFor(user, target);
        if (!assessor && !own) {
            throw ProblemException.forbidden("not-your-card", "Only assessors and administrators see other targets' "
                    + "score cards; you may see your own.");
        }
        Messages.Msg msg = msg(user, lang, headers);
        Runs.Card card = runs.card(id, target).orElseThrow(() -> ProblemException.notFound("Score card of " + target));
        Runs.Summary s = runs.one(id).orElseThrow();
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        boolean open = s.appealUntil() != null && !calendar.today().isAfter(s.appealUntil())
                && publications.ofFamily(s.root()).isEmpty();
        Map<String, String> names = names(id);
        List<ItemRow> items = card.items().stream().map(i -> item(msg, i, names)).toList();
        Map<String, String> errors = refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "assessment");
        CardView view = new CardView(csrf, id, target, card.name() == null ? target : card.name(),
                card.group(), plain(card.total()), card.rank(), assessor, own && open,
                s.appealUntil() == null ? "—" : s.appealUntil().toString(), items,
                withFiles(msg, user, appeals.ofFamily(s.root()).stream().filter(a -> a.target().equals(target)).toList(),
                        null),
                refusal == null ? "" : value(note.get(), "caseNumber"), refusal == null ? "" : value(note.get(), "item"),
                refusal == null ? "" : value(note.get(), "reason"), errors,
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("assessment.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null),
                card.linked().stream().map(l -> new LinkedRow(l.rule(), l.name(), msg.t("assessment.linked.kind."
                        + l.kind().name()), l.caseNumber(), l.from(), l.fromItem(), plain(l.fromDeduction()),
                        plain(l.share()), plain(l.points()))).toList(),
                card.linked().stream().map(LinkedDeductions.Line::rule).distinct().toList(),
                sources.byIds(runs.entries(id), target).stream().map(e -> new EntryLine(e.id(),
                        msg.t("sources.tab." + e.source()), e.day().toString(), e.score() != null ? plain(e.score())
                        : e.kind() != null ? msg.t("sources.kind." + e.kind()) : msg.t("sources.problem"),
                        java.util.stream.Stream.of(e.panelist(), e.place(), e.description())
                                .filter(java.util.Objects::nonNull).reduce((a, b) -> a + " · " + b).orElse(""),
                        e.createdBy())).toList(), filesHint(msg));
        return PageSupport.page(Templates.card(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, here));
    }

    @POST
    @Path("/runs/{id}/cards/{target}/appeals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response appeal(@PathParam("id") long id, @PathParam("target") String target,
                           MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = PAGE + "/runs/" + id + "/cards/" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(here);
        }
        if (!targetUsers.speaksFor(signedIn.get(), target)) {
            throw ProblemException.forbidden("not-your-target", "Only the target's own users appeal its deductions.");
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : List.of("caseNumber", "item", "reason")) {
            typed.put(f, form.getFirst(f) == null ? "" : form.getFirst(f));
        }
        try {
            appeals.file(id, new Appeals.Filing(target, typed.get("caseNumber"), typed.get("item"), typed.get("reason")),
                    signedIn.get().username());
            return Flash.done(here, "assessment.done.appealed");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, typed);
        }
    }

    /**
     * The appeal form as the score card sends it: multipart, with up to {@value AppealAttachments#MAX_PER_APPEAL} files
     * in {@code files}; the appeal and its files are stored together or not at all.
     */
    @POST
    @Path("/runs/{id}/cards/{target}/appeals")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response appealWithFiles(@PathParam("id") long id, @PathParam("target") String target,
                                    @RestForm(Csrf.FIELD) String csrfField, @RestForm("caseNumber") String caseNumber,
                                    @RestForm("item") String item, @RestForm("reason") String reason,
                                    @RestForm(AppealFilings.FIELD) List<FileUpload> files,
                                    @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        String here = PAGE + "/runs/" + id + "/cards/" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(here);
        }
        if (!targetUsers.speaksFor(signedIn.get(), target)) {
            throw ProblemException.forbidden("not-your-target", "Only the target's own users appeal its deductions.");
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("caseNumber", caseNumber == null ? "" : caseNumber);
        typed.put("item", item == null ? "" : item);
        typed.put("reason", reason == null ? "" : reason);
        try {
            filings.file(id, new Appeals.Filing(target, caseNumber, item, reason), uploads(files),
                    signedIn.get().username());
            return Flash.done(here, "assessment.done.appealed");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, typed);
        }
    }

    @GET
    @Path("/runs/{id}/comparison")
    public Response comparison(@PathParam("id") long id, @QueryParam("with") String with, @QueryParam("lang") String lang,
                               @Context HttpHeaders headers) {
        String here = PAGE + "/runs/" + id + "/comparison";
        Principal user = assessor();
        if (user == null) {
            return login(here);
        }
        Messages.Msg msg = msg(user, lang, headers);
        List<Runs.Summary> versions = runs.versions(id);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("Run " + id);
        }
        long other;
        try {
            other = with == null || with.isBlank() ? versions.get(versions.size() - 1).id() : Long.parseLong(with.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("with", "give the id of the run to compare with");
        }
        RunHistory.Comparison c = history.compare(id, other);
        return PageSupport.page(Templates.comparison(msg, new ComparisonView(id, other, c.version(), c.withVersion(),
                c.targets(), versions.stream().map(v -> version(user, v, other)).toList())), 200, Language.remember(lang));
    }

    @GET
    @Path("/appeals")
    public Response queue(@QueryParam("status") String status, @QueryParam("lang") String lang,
                          @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                          @Context HttpHeaders headers) {
        String here = PAGE + "/appeals";
        Principal user = assessor();
        if (user == null) {
            return login(here);
        }
        Messages.Msg msg = msg(user, lang, headers);
        String shown = status == null || status.isBlank() ? "PENDING" : status.trim().toUpperCase(java.util.Locale.ROOT);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Long failed = null;
        if (refusal != null && note.get().value("appeal") != null) {
            failed = Long.parseLong(note.get().value("appeal"));
        }
        Long failedAppeal = failed;
        List<AppealRow> rows = withFiles(msg, user, appeals.list("ALL".equals(shown) ? null : shown), failedAppeal);
        Map<String, String> errors = refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "assessment");
        AppealsView view = new AppealsView(csrf, shown, rows, failed, refusal == null ? "" : value(note.get(), "decision"),
                refusal == null ? "" : value(note.get(), "reason"), errors,
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("assessment.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null));
        return PageSupport.page(Templates.appeals(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, here));
    }

    @POST
    @Path("/appeals/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String back = "appeal".equals(form.getFirst("back")) ? PAGE + "/appeals/" + id : PAGE + "/appeals";
        Principal user = assessor();
        if (user == null) {
            return login(back);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("appeal", String.valueOf(id));
        typed.put("decision", form.getFirst("decision") == null ? "" : form.getFirst("decision"));
        typed.put("reason", form.getFirst("reason") == null ? "" : form.getFirst("reason"));
        try {
            appeals.decide(id, typed.get("decision"), typed.get("reason"), user.username());
            return Flash.done(back, "assessment.done.decided");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(back, e, typed);
        }
    }

    /**
     * One appeal's page, for the city's assessors and administrators and the appeal's target users: what is appealed,
     * why, the decision, the files (listed by name and size, to open or download) and the forms that apply.
     */
    @GET
    @Path("/appeals/{id}")
    public Response appealPage(@PathParam("id") long id, @QueryParam("lang") String lang,
                               @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                               @Context HttpHeaders headers) {
        String here = PAGE + "/appeals/" + id;
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(here);
        }
        Principal user = signedIn.get();
        Appeals.View a = readable(user, id);
        Messages.Msg msg = msg(user, lang, headers);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Map<String, String> errors = refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "assessment");
        boolean assessor = TargetUsers.assessor(user);
        boolean pending = a.status() == city.gridcity.assessment.AssessmentAppeal.Status.PENDING;
        AppealRow row = withFiles(msg, user, List.of(a), refusal == null ? null : id).get(0);
        AppealView view = new AppealView(csrf, row, row.targetName(), assessor, pending && targetUsers.speaksFor(user, a.target()),
                filesHint(msg), refusal == null ? "" : value(note.get(), "decision"),
                refusal == null ? "" : value(note.get(), "reason"), errors,
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("assessment.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null));
        return PageSupport.page(Templates.appeal(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, here));
    }

    /** Files added to a pending appeal from its page, by the appeal's target users; all or none. */
    @POST
    @Path("/appeals/{id}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response addFiles(@PathParam("id") long id, @RestForm(Csrf.FIELD) String csrfField,
                             @RestForm(AppealFilings.FIELD) List<FileUpload> files,
                             @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        String here = PAGE + "/appeals/" + id;
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(here);
        }
        Appeals.View a = appeals.one(id).orElseThrow(() -> ProblemException.notFound("Appeal " + id));
        if (!targetUsers.speaksFor(signedIn.get(), a.target())) {
            throw ProblemException.forbidden("not-your-target", "Only the appeal's target users add its files.");
        }
        try {
            List<AppealAttachments.Upload> uploads = uploads(files);
            if (uploads.isEmpty()) {
                throw ProblemException.invalid(AppealFilings.FIELD, "choose a photo or a PDF to add");
            }
            if (uploads.size() > AppealAttachments.MAX_PER_APPEAL) {
                throw ProblemException.invalid(AppealFilings.FIELD, uploads.size() + " files; at most "
                        + AppealAttachments.MAX_PER_APPEAL + " per appeal");
            }
            List<AppealAttachments.Checked> checked = new ArrayList<>();
            List<city.gridcity.shared.problem.Problem.FieldError> errors = new ArrayList<>();
            for (AppealAttachments.Upload u : uploads) {
                try {
                    checked.add(attachments.check(AppealFilings.FIELD, u.bytes(), u.fileName()));
                } catch (ProblemException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            attachments.store(id, checked, AppealFilings.FIELD, signedIn.get().username());
            return Flash.done(here, "assessment.done.filesAdded");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, Map.of());
        }
    }

    /**
     * One file of an appeal, for those who may read the appeal: a photo shown in the browser, a PDF downloaded (a
     * document from outside is not run in the console's origin); {@code download} asks for a download either way.
     */
    @GET
    @Path("/appeals/{id}/attachments/{file}")
    @Produces({"image/jpeg", "image/png", "image/webp", "application/pdf"})
    public Response file(@PathParam("id") long id, @PathParam("file") long file, @QueryParam("download") String download) {
        Optional<Principal> signedIn = cityUser();
        if (signedIn.isEmpty()) {
            return login(PAGE + "/appeals/" + id);
        }
        readable(signedIn.get(), id);
        AppealAttachments.Content c = attachments.read(id, file);
        boolean inline = download == null && c.mediaType().startsWith("image/");
        String name = c.fileName() == null ? "appeal-" + id + "-" + file : c.fileName();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(c.bytes(), c.mediaType()).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + ascii
                        + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    /** The appeal of the city (404 otherwise), if the user may read it: an assessor or one of its target's users. */
    private Appeals.View readable(Principal user, long id) {
        Appeals.View a = appeals.one(id).orElseThrow(() -> ProblemException.notFound("Appeal " + id));
        if (!TargetUsers.assessor(user) && !targetUsers.speaksFor(user, a.target())) {
            throw ProblemException.forbidden("not-your-target", "Only assessors, the city administrator and the appeal's "
                    + "target users see an appeal and its files.");
        }
        return a;
    }

    /** The files a form sent, without the empty part a browser sends for a file field left empty. */
    private static List<AppealAttachments.Upload> uploads(List<FileUpload> files) {
        List<AppealAttachments.Upload> out = new ArrayList<>();
        for (FileUpload f : files == null ? List.<FileUpload>of() : files) {
            if (f.size() == 0 && (f.fileName() == null || f.fileName().isBlank())) {
                continue;
            }
            try {
                out.add(new AppealAttachments.Upload(f.fileName(), Files.readAllBytes(f.uploadedFile())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The newest version of each scheme (or overlay) as a choice named as its body names it. */
    private static List<Choice> choices(List<Schemes.Version> current, SchemeVersion.Kind kind) {
        return current.stream().filter(v -> v.kind() == kind)
                .map(v -> new Choice(v.code(), v.body() == null ? v.code() : v.body().path("name").asText(v.code()))).toList();
    }

    private static Map<String, String> named(List<Choice> choices) {
        return choices.stream().collect(java.util.stream.Collectors.toMap(Choice::code, Choice::name, (x, y) -> y));
    }

    /** The choices, and a refused form's value among them when it is none of them, so the field keeps what was sent. */
    private static List<Choice> withSent(List<Choice> choices, String sent) {
        if (sent == null || sent.isBlank() || choices.stream().anyMatch(c -> c.code().equals(sent))) {
            return choices;
        }
        List<Choice> all = new ArrayList<>(choices);
        all.add(new Choice(sent, sent));
        return all;
    }

    private ItemRow item(Messages.Msg msg, Scoring.ItemResult i, Map<String, String> names) {
        boolean deduction = i.score() != null && i.score().compareTo(i.points()) < 0;
        boolean cases = !"low-case-community-rate".equals(i.indicator());
        List<String> inputs = i.measure() == null ? List.of() : i.measure().inputs();
        String name = names.get(i.code());
        name = name == null || name.isBlank() ? i.code() : name;
        // The indicator is named beside the item only where the item's own name does not already say it.
        String indicator = msg.t("scheme.indicator." + i.indicator());
        return new ItemRow(i.component(), i.code(), name, i.indicator(), name.contains(indicator) ? null : indicator,
                plain(i.value()),
                i.measure() == null ? "—" : plain(i.measure().numerator()),
                i.measure() == null ? "—" : plain(i.measure().denominator()), plain(i.score()), plain(i.points()), deduction,
                cases ? inputs : List.of(), cases ? List.of() : inputs);
    }

    private VersionRow version(Principal user, Runs.Summary v, long current) {
        return new VersionRow(v.id(), v.version(), time(user, v.createdAt()), v.createdBy(), v.exclusions().size(),
                v.id() == current);
    }

    /** The appeals as rows, each with its files (read in one query). */
    private List<AppealRow> withFiles(Messages.Msg msg, Principal user, List<Appeals.View> list, Long failed) {
        Map<Long, List<AppealAttachments.View>> files = attachments.of(list.stream().map(Appeals.View::id).toList());
        Map<Long, Map<String, String>> itemNames = new java.util.HashMap<>();
        return list.stream().map(a -> {
            Map<String, String> names = itemNames.computeIfAbsent(a.run(), this::names);
            return appeal(msg, user, a, failed, files.getOrDefault(a.id(), List.of()),
                    a.item() == null ? null : names.get(a.item()), names.get("@" + a.target()));
        }).toList();
    }

    /**
     * The names of a run's items and linked deductions by code (what an appeal names as its item), and of its targets
     * by {@code @code}.
     */
    private Map<String, String> names(long run) {
        Map<String, String> names = new java.util.HashMap<>();
        runs.result(run).ifPresent(r -> {
            r.scheme().components().forEach(c -> c.items().forEach(i -> names.put(i.code(), i.name())));
            r.scheme().linked().forEach(l -> names.put(l.code(), l.name()));
            r.cards().stream().filter(c -> c.name() != null).forEach(c -> names.put("@" + c.target(), c.name()));
        });
        return names;
    }

    private AppealRow appeal(Messages.Msg msg, Principal user, Appeals.View a, Long failed,
                             List<AppealAttachments.View> files, String itemName, String targetName) {
        return new AppealRow(a.id(), a.run(), a.target(), a.caseNumber(), a.item(), a.reason(), a.status().name(),
                msg.t("assessment.appeal.status." + a.status().name()), time(user, a.createdAt()), a.createdBy(),
                a.decisionReason(), a.resultRun(), failed != null && failed == a.id(),
                files.stream().map(f -> file(msg, f)).toList(), itemName == null ? a.item() : itemName,
                targetName == null ? a.target() : targetName);
    }

    private static FileRow file(Messages.Msg msg, AppealAttachments.View f) {
        boolean photo = f.mediaType().startsWith("image/");
        return new FileRow(f.id(), f.fileName() == null ? msg.f("assessment.files.unnamed", f.id()) : f.fileName(),
                msg.t(photo ? "assessment.files.photo" : "assessment.files.pdf"), size(msg, f.size()),
                PAGE + "/appeals/" + f.appeal() + "/attachments/" + f.id(), photo);
    }

    /** A size as a person reads it: 820 B, 12.4 KB, 3.1 MB (1 KB = 1,024 bytes). */
    static String size(Messages.Msg msg, long bytes) {
        if (bytes < 1024) {
            return msg.f("assessment.files.bytes", bytes);
        }
        BigDecimal kb = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1024), 1, java.math.RoundingMode.HALF_UP);
        if (bytes < 1024 * 1024) {
            return msg.f("assessment.files.kb", kb.toPlainString());
        }
        return msg.f("assessment.files.mb", BigDecimal.valueOf(bytes)
                .divide(BigDecimal.valueOf(1024L * 1024), 1, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    private String filesHint(Messages.Msg msg) {
        AppealAttachments.Limits l = attachments.limits();
        return msg.t("assessment.files.hint").replace("{0}", String.valueOf(l.perAppeal()))
                .replace("{1}", String.valueOf(l.photoBytes() / 1024 / 1024))
                .replace("{2}", String.valueOf(l.pdfBytes() / 1024 / 1024));
    }

    private static String state(Messages.Msg msg, Runs.Summary s) {
        return msg.t(s.version() > 1 ? "assessment.state.recomputed" : "assessment.state.provisional");
    }

    static String outcomes(Messages.Msg msg, List<String> outcomes) {
        return outcomes.stream().map(o -> {
            String key = "assessment.outcome." + o;
            String t = msg.t(key);
            return t.equals(key) ? o : t;
        }).reduce((a, b) -> a + " · " + b).orElse("");
    }

    static String plain(BigDecimal d) {
        return d == null ? "—" : d.stripTrailingZeros().toPlainString();
    }

    private static String period(LocalDate from, LocalDate to) {
        return from + " — " + to.minusDays(1);
    }

    private static String time(Principal user, Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of(user.tenant().timeZone())).format(at);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Flash.Note note, String field) {
        return note.value(field) == null ? "" : note.value(field);
    }

    private Messages.Msg msg(Principal user, String lang, HttpHeaders headers) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    /** The signed-in user of a city, empty when nobody is signed in; a platform operator is refused. */
    private Optional<Principal> cityUser() {
        Optional<Principal> p = current.get();
        if (p.isPresent() && p.get().tenant() == null) {
            throw ProblemException.forbidden("no-city", "Assessment belongs to a city; sign in as a user of a city.");
        }
        return p;
    }

    /** The signed-in assessor or administrator; null when nobody is signed in, 403 for anyone else. */
    private Principal assessor() {
        Optional<Principal> p = cityUser();
        if (p.isEmpty()) {
            return null;
        }
        if (!TargetUsers.assessor(p.get())) {
            throw ProblemException.forbidden("role-not-allowed", "Assessment runs, comparisons and appeals are for the "
                    + "city's assessors and administrators; a target's user sees their own score cards.");
        }
        return p.get();
    }

    private static Response login(String next) {
        return Response.seeOther(URI.create("/console/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
