package city.gridcity.cases.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseEvent;
import city.gridcity.cases.CaseGuard;
import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CasePhotos;
import city.gridcity.cases.CaseQueries;
import city.gridcity.cases.CaseQueue;
import city.gridcity.cases.CaseService;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.TransitionTable;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's pages for case work: one's queues ("my work"), a queue with filters and paging, a
 * case with its history and one small form per action the user may take, photos, and the report
 * form for acceptors and supervisors. Every form carries the CSRF token; action forms carry the
 * case's version, so a decision taken on a stale page is refused instead of overwriting a newer one.
 * Refusals are shown on the case page; successes redirect back to it (POST-redirect-GET).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class CasePages {

    static final int SUMMARY_LINES = 5;
    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;
    /** Who enters reports through the console: acceptors (calls, WeChat, media...) and supervisors. */
    static final Set<Role> REPORTERS = EnumSet.of(Role.ACCEPTOR, Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR);
    /** Actions whose form needs no text from the user. */
    static final Set<String> NO_REASON = Set.of("accept", "join", "resume", "audit-pass", "file");

    @CheckedTemplate(basePath = "console/cases")
    static class Templates {
        static native TemplateInstance work(Messages.Msg msg, PageFormat fmt, List<QueueCard> queues, boolean canReport);

        static native TemplateInstance queue(Messages.Msg msg, PageFormat fmt, QueueView view);

        static native TemplateInstance detail(Messages.Msg msg, PageFormat fmt, CaseView view);

        static native TemplateInstance report(Messages.Msg msg, ReportView view);
    }

    /** An option of a select: its value, its label and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    /** One of the user's queues on the "my work" page: its size and its most urgent cases. */
    public record QueueCard(String name, String label, long total, long overdue, List<CaseQueries.Line> first,
                            boolean more, String error) {
    }

    public record QueueView(String name, String label, List<CaseQueries.Line> lines, String grid, String classCode,
                            List<Option> kinds, List<Option> states, List<Option> overdue, String nextUrl,
                            String firstUrl, String error) {
    }

    /** A phase run and how it stands: on time, late, running, overdue or paused. */
    public record PhaseRow(CasePhase p, String status, boolean late) {
    }

    /** An event with its details (department, condition, extension...) written out. */
    public record EventRow(CaseEvent e, String details, List<Long> photoIds) {
    }

    /** An extension or suspension waiting for the dispatcher's decision. */
    public record Pending(String kind, String by, String reason, String extension, String resumeOn) {
    }

    /** The form of one action: which fields it shows. */
    public record ActionForm(String action, String label, boolean reasonShown, boolean reasonRequired,
                             String reasonLabel, boolean condition, boolean problemType, boolean department,
                             boolean departments, boolean duplicateOf, boolean extension, boolean resumeOn,
                             boolean resumeOnRequired) {
    }

    public record CaseView(CityCase c, String source, String kind, String condition, String limit, String duplicateOf,
                           List<PhaseRow> phases, List<CaseParticipant> participants,
                           List<DuplicateFinder.Nearby> duplicates, List<EventRow> events, List<CasePhoto> photos,
                           List<ActionForm> forms, List<Option> conditions, List<Option> departments,
                           List<Option> allDepartments, String suggestion, Pending pending, List<Option> units,
                           List<Option> stages, boolean canUpload, String csrf, List<String> errors,
                           String errorDetail, List<String> allowedNow, boolean reported) {
    }

    public record ReportView(List<Option> sources, List<Option> components, List<Option> events, List<Option> crs,
                             String lon, String lat, String address, String description, String csrf,
                             List<String> errors) {
    }

    /** Who is looking, in which language and whose clock. */
    private record Viewer(Principal user, Actor actor, Messages.Msg msg, PageFormat fmt) {
    }

    private final CurrentPrincipal current;
    private final Actors actors;
    private final CaseService cases;
    private final CaseQueries queries;
    private final CasePhotos photos;
    private final WorkflowConfigService workflow;
    private final CatalogService catalog;
    private final DepartmentService departments;
    private final Messages messages;
    private final ObjectMapper json;
    private final Clock clock;

    CasePages(CurrentPrincipal current, Actors actors, CaseService cases, CaseQueries queries, CasePhotos photos,
              WorkflowConfigService workflow, CatalogService catalog, DepartmentService departments, Messages messages,
              ObjectMapper json, Clock clock) {
        this.current = current;
        this.actors = actors;
        this.cases = cases;
        this.queries = queries;
        this.photos = photos;
        this.workflow = workflow;
        this.catalog = catalog;
        this.departments = departments;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ my work and queues

    @GET
    @Path("/work")
    public Response work(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Optional<Viewer> signedIn = viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        List<QueueCard> cards = new ArrayList<>();
        for (CaseQueue q : CaseQueue.values()) {
            if (q.roles().stream().noneMatch(v.actor().roles()::contains)) {
                continue;
            }
            String label = v.msg().t("queue." + q.wireName());
            try {
                CaseQueries.Count count = queries.count(q, v.actor());
                CaseQueries.Page first = queries.queue(q, v.actor(), new CaseQueries.Filter(null, null, null, null, null),
                        null, SUMMARY_LINES);
                cards.add(new QueueCard(q.wireName(), label, count.total(), count.overdue(), first.items(),
                        first.next() != null, null));
            } catch (ProblemException e) {
                cards.add(new QueueCard(q.wireName(), label, 0, 0, List.of(), false, PageErrors.text(v.msg(), e)));
            }
        }
        boolean canReport = v.actor().roles().stream().anyMatch(REPORTERS::contains);
        return PageSupport.page(Templates.work(v.msg(), v.fmt(), cards, canReport), 200, Language.remember(lang));
    }

    @GET
    @Path("/queues/{queue}")
    public Response queue(@PathParam("queue") String name, @QueryParam("grid") String grid,
                          @QueryParam("kind") String kind, @QueryParam("classCode") String classCode,
                          @QueryParam("state") String state, @QueryParam("overdue") String overdue,
                          @QueryParam("after") String after, @QueryParam("size") Integer size,
                          @QueryParam("lang") String lang,
                          @Context HttpHeaders headers) {
        Optional<Viewer> signedIn = viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        Messages.Msg msg = v.msg();
        CaseQueue q = CaseQueue.fromWireName(name).orElseThrow(() -> ProblemException.notFound("Queue '" + name + "'"));
        if (q.roles().stream().noneMatch(v.actor().roles()::contains)) {
            throw ProblemException.forbidden("queue-not-yours", msg.t("error.queue-not-yours"));
        }
        grid = blankToNull(grid);
        classCode = blankToNull(classCode);
        CatalogClass.Kind k = parseEnum(CatalogClass.Kind.class, kind);
        CaseState s = parseEnum(CaseState.class, state);
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
        int pageSize = size == null ? PAGE_SIZE : Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        if (size != null) {
            filters.put("size", String.valueOf(pageSize));
        }
        String base = "/console/queues/" + q.wireName();
        String firstUrl = after == null || after.isBlank() ? null : url(base, filters);
        try {
            CaseQueries.Page page = queries.queue(q, v.actor(), new CaseQueries.Filter(grid, k, classCode, s, late),
                    blankToNull(after), pageSize);
            String nextUrl = null;
            if (page.next() != null) {
                Map<String, String> next = new LinkedHashMap<>(filters);
                next.put("after", page.next());
                nextUrl = url(base, next);
            }
            return PageSupport.page(Templates.queue(msg, v.fmt(), new QueueView(q.wireName(), msg.t("queue." + q.wireName()),
                    page.items(), grid, classCode, kinds, states, overdueOptions, nextUrl, firstUrl, null)), 200,
                    Language.remember(lang));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return PageSupport.page(Templates.queue(msg, v.fmt(), new QueueView(q.wireName(), msg.t("queue." + q.wireName()),
                    List.of(), grid, classCode, kinds, states, overdueOptions, null, base,
                    String.join(" ", errorTexts(msg, e)))), 400, Language.remember(lang));
        }
    }

    // ------------------------------------------------------------------ a case

    @GET
    @Path("/cases/{number}")
    public Response detail(@PathParam("number") String number, @QueryParam("reported") String reported,
                           @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Optional<Viewer> signedIn = viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return casePage(signedIn.get(), number, csrf, 200, null, reported != null, Csrf.cookie(csrf), Language.remember(lang));
    }

    @POST
    @Path("/cases/{number}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("number") String number, @FormParam("action") String action,
                        @FormParam("version") String version, @FormParam("reason") String reason,
                        @FormParam("conditionCode") String conditionCode, @FormParam("problemType") String problemType,
                        @FormParam("departmentCode") String departmentCode,
                        @FormParam("departments") List<String> calledIn, @FormParam("duplicateOf") String duplicateOf,
                        @FormParam("extensionAmount") String extensionAmount,
                        @FormParam("extensionUnit") String extensionUnit, @FormParam("resumeOn") String resumeOn,
                        @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                        @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewer> signedIn = viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        try {
            cases.act(number, new CaseService.ActionCommand(action, parseLong("version", version), blankToNull(reason),
                    blankToNull(conditionCode), parseEnum("problemType", CityCase.ProblemType.class, problemType), null,
                    blankToNull(departmentCode),
                    calledIn == null ? null : calledIn.stream().filter(d -> d != null && !d.isBlank()).toList(),
                    blankToNull(duplicateOf), parseInt("extensionAmount", extensionAmount),
                    parseEnum("extensionUnit", FilingCondition.Unit.class, extensionUnit), parseDate("resumeOn", resumeOn),
                    null), v.actor());
            return backToCase(number);
        } catch (ProblemException e) {
            return refused(v, number, csrfCookie, e);
        }
    }

    @POST
    @Path("/cases/{number}/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("number") String number, @RestForm("stage") String stage,
                           @RestForm("file") FileUpload file, @RestForm(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewer> signedIn = viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        try {
            CasePhoto.Stage s = parseEnum("stage", CasePhoto.Stage.class, stage);
            if (s == null) {
                throw ProblemException.invalid("stage", "must be BEFORE or AFTER");
            }
            if (file == null || file.size() == 0) {
                throw ProblemException.invalid("file", "choose a photo (JPEG, PNG or WebP)");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            photos.upload(number, s, bytes, file.fileName(), v.actor());
            return backToCase(number);
        } catch (ProblemException e) {
            return refused(v, number, csrfCookie, e);
        }
    }

    /**
     * A photo through the page's session. The API's photo routes take only a bearer token, so an
     * {@code <img>} on a page, which can only send the cookie, is served here.
     */
    @GET
    @Path("/cases/{number}/photos/{id}")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    public Response photo(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, false, signedInActor()));
    }

    @GET
    @Path("/cases/{number}/photos/{id}/thumbnail")
    @Produces("image/jpeg")
    public Response thumbnail(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, true, signedInActor()));
    }

    // ------------------------------------------------------------------ reporting

    @GET
    @Path("/cases/new")
    public Response reportForm(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                               @Context HttpHeaders headers) {
        Optional<Viewer> signedIn = viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        requireReporter(v);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.report(v.msg(), reportView(v, csrf, null, null, "wgs84", null, null, null, null,
                List.of())), 200, Csrf.cookie(csrf), Language.remember(lang));
    }

    @POST
    @Path("/cases")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@FormParam("source") String source, @FormParam("subclass") String subclass,
                           @FormParam("lon") String lon, @FormParam("lat") String lat, @FormParam("crs") String crs,
                           @FormParam("address") String address, @FormParam("description") String description,
                           @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewer> signedIn = viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewer v = signedIn.get();
        requireReporter(v);
        try {
            CatalogClass.Kind kind = null;
            String code = null;
            if (subclass != null && subclass.contains(":")) {
                kind = parseEnum("classCode", CatalogClass.Kind.class, subclass.substring(0, subclass.indexOf(':')));
                code = subclass.substring(subclass.indexOf(':') + 1);
            }
            if (kind == null) {
                throw ProblemException.invalid("classCode", "choose the subclass from the catalog");
            }
            CoordinateSystem system = CoordinateSystem.fromWireName(crs == null ? "wgs84" : crs)
                    .orElseThrow(() -> ProblemException.invalid("crs", "must be wgs84, gcj02 or bd09"));
            CaseService.Reported r = cases.report(new CaseService.ReportCommand(blankToNull(source), kind, code,
                    parseCoordinate(lon), parseCoordinate(lat), system, address, description, null, false, null), v.actor());
            return Response.seeOther(URI.create("/console/cases/" + encode(r.theCase().number) + "?reported=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 401) {
                throw e;
            }
            return PageSupport.page(Templates.report(v.msg(), reportView(v, csrfCookie, source, subclass, crs, lon, lat,
                    address, description, errorTexts(v.msg(), e))), e.status());
        }
    }

    // ------------------------------------------------------------------ building pages

    private Response casePage(Viewer v, String number, String csrf, int status, ProblemException refusal,
                              boolean reported, NewCookie... cookies) {
        Messages.Msg msg = v.msg();
        Actor actor = v.actor();
        CityCase c = cases.get(number, actor);
        List<String> allowed = cases.allowedActions(c, actor).stream()
                // The audit is offered only for a self-handled case drawn for it and not yet audited.
                .filter(a -> !a.startsWith("audit-") || c.auditSampled && c.auditResult == null)
                .toList();

        List<FilingCondition> conditions = allowed.contains("file") || c.conditionCode != null
                ? cases.filingConditions(c) : List.of();
        String condition = c.conditionCode == null ? null : conditions.stream()
                .filter(fc -> fc.code().equals(c.conditionCode)).findFirst()
                .map(fc -> fc.code() + " · " + fc.text()).orElse(c.conditionCode);
        String limit = c.limitAmount == null ? null : c.limitAmount + " " + msg.t("unit." + c.limitUnit.name());
        List<Option> conditionOptions = conditions.stream().map(fc -> new Option(fc.code(), fc.code() + " · " + fc.text()
                + " (" + fc.limit().amount() + " " + msg.t("unit." + fc.limit().unit().name()) + ")", false)).toList();

        Optional<RoutingService.Responsible> suggested = allowed.contains("dispatch") || allowed.contains("decide")
                ? cases.suggestedDepartment(c) : Optional.empty();
        List<Department> active = departments.list().stream().filter(d -> d.active).toList();
        String chosen = suggested.map(RoutingService.Responsible::departmentCode).orElse(c.departmentCode);
        List<Option> departmentOptions = active.stream()
                .map(d -> new Option(d.code, d.name + " (" + d.code + ")", d.code.equals(chosen))).toList();
        List<Option> allDepartments = active.stream().map(d -> new Option(d.code, d.name + " (" + d.code + ")", false)).toList();
        String suggestion = suggested.map(r -> r.departmentName() + " (" + r.departmentCode() + "): " + r.reason()).orElse(null);

        List<ActionForm> forms = allowed.stream().map(a -> form(c, a, msg)).toList();
        List<PhaseRow> phases = cases.phases(c).stream().map(p -> phaseRow(p, clock.instant())).toList();
        List<EventRow> events = cases.events(c).stream()
                .map(e -> new EventRow(e, details(e.data), Arrays.asList(e.photoIds))).toList();
        List<Option> units = Arrays.stream(FilingCondition.Unit.values())
                .map(u -> new Option(u.name(), msg.t("unit." + u.name()), u == FilingCondition.Unit.WORKING_DAYS)).toList();
        boolean afterStage = c.state == CaseState.IN_DISPOSAL || c.state == CaseState.COORDINATING;
        List<Option> stages = Arrays.stream(CasePhoto.Stage.values()).map(s -> new Option(s.name(),
                msg.t("stage." + s.name()), (s == CasePhoto.Stage.AFTER) == afterStage)).toList();

        List<String> errors = refusal == null ? List.of() : errorTexts(msg, refusal);
        List<String> allowedNow = refusal == null ? List.of()
                : (refusal.allowedActions() == null ? allowed : refusal.allowedActions()).stream()
                .map(a -> msg.t("action." + a)).toList();
        String source = workflow.source(c.sourceCode).map(s -> msg.english() ? s.nameEn : s.nameZh).orElse(c.sourceCode);

        CaseView view = new CaseView(c, source, msg.t("kind." + c.kind.name()), condition, limit,
                cases.duplicateOfNumber(c).orElse(null), phases, cases.participants(c), cases.possibleDuplicates(c),
                events, photos.list(number, actor), forms, conditionOptions, departmentOptions, allDepartments, suggestion,
                pending(c, msg), units, stages, c.open, csrf, errors, refusal == null ? null : refusal.getMessage(),
                allowedNow, reported);
        return PageSupport.page(Templates.detail(msg, v.fmt(), view), status, cookies);
    }

    private ActionForm form(CityCase c, String action, Messages.Msg msg) {
        boolean required = TransitionTable.WORKFLOW.rows().stream()
                .anyMatch(t -> t.from() == c.state && t.action().wireName().equals(action)
                        && t.guards().contains(CaseGuard.REASON_GIVEN));
        String label = msg.t("reason." + action);
        if (label.equals("reason." + action)) {
            label = msg.t(required ? "field.reason" : "field.note");
        }
        return new ActionForm(action, msg.t("action." + action), required || !NO_REASON.contains(action), required, label,
                action.equals("file"), action.equals("file"), action.equals("dispatch") || action.equals("decide"),
                action.equals("whistle"), action.equals("merge"), action.equals("request-extension"),
                action.equals("request-suspension") || action.equals("approve-suspension"),
                action.equals("request-suspension"));
    }

    private static PhaseRow phaseRow(CasePhase p, Instant now) {
        if (p.endedAt != null) {
            boolean late = Boolean.FALSE.equals(p.onTime);
            return new PhaseRow(p, late ? "phase.late" : "phase.onTime", late);
        }
        if (p.pausedAt != null) {
            return new PhaseRow(p, "phase.paused", false);
        }
        boolean late = p.deadline != null && !p.deadline.isAfter(now);
        return new PhaseRow(p, late ? "phase.overdue" : "phase.running", late);
    }

    private Pending pending(CityCase c, Messages.Msg msg) {
        Map<String, Object> asked = cases.readPending(c);
        if (asked.isEmpty()) {
            return null;
        }
        Object amount = asked.get("amount");
        Object unit = asked.get("unit");
        return new Pending(msg.t("pending." + asked.get("kind")), string(asked.get("by")), string(asked.get("reason")),
                amount == null ? null : amount + " " + msg.t("unit." + unit), string(asked.get("resumeOn")));
    }

    /** An event's data as "key: value" pairs; the JSON's own order is kept. */
    private String details(String data) {
        if (data == null) {
            return null;
        }
        try {
            Map<String, Object> map = json.readValue(data, LinkedHashMap.class);
            return map.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        } catch (JsonProcessingException e) {
            return data;
        }
    }

    private ReportView reportView(Viewer v, String csrf, String source, String subclass, String crs, String lon,
                                  String lat, String address, String description, List<String> errors) {
        Messages.Msg msg = v.msg();
        List<Option> sources = workflow.sources().stream()
                .filter(s -> s.active && s.channel.reporters().stream().anyMatch(v.actor().roles()::contains))
                .map(s -> new Option(s.code, msg.english() ? s.nameEn : s.nameZh, s.code.equals(source))).toList();
        List<CatalogClass> active = catalog.list(null, null).stream().filter(cls -> cls.active).toList();
        List<Option> components = classOptions(active, CatalogClass.Kind.COMPONENT, subclass, msg);
        List<Option> events = classOptions(active, CatalogClass.Kind.EVENT, subclass, msg);
        List<Option> systems = Arrays.stream(CoordinateSystem.values()).map(s -> new Option(s.wireName(),
                msg.t("crs." + s.wireName()), s.wireName().equals(crs))).toList();
        return new ReportView(sources, components, events, systems, lon, lat, address, description, csrf, errors);
    }

    /** Subclasses of one kind; the kind is in each label too, as components and events share codes. */
    private static List<Option> classOptions(List<CatalogClass> classes, CatalogClass.Kind kind, String chosen,
                                             Messages.Msg msg) {
        String kindLabel = msg.t("kind." + kind.name());
        return classes.stream().filter(c -> c.kind == kind).map(c -> {
            String value = kind.name() + ":" + c.code;
            return new Option(value, kindLabel + " " + c.code + " " + c.majorName + " · " + c.name, value.equals(chosen));
        }).toList();
    }

    private Response refused(Viewer v, String number, String csrf, ProblemException e) {
        if (e.status() == 404 || e.status() == 401) {
            throw e;
        }
        return casePage(v, number, csrf, e.status(), e, false);
    }

    /** Each refusal in the page's language: per field where the bundle has it, else the problem's own text. */
    static List<String> errorTexts(Messages.Msg msg, ProblemException e) {
        if (e.errors().size() <= 1) {
            return List.of(PageErrors.text(msg, e));
        }
        List<String> texts = new ArrayList<>();
        for (Problem.FieldError err : e.errors()) {
            String key = "error." + e.code() + "." + err.field();
            String text = msg.t(key);
            texts.add(text.equals(key) ? err.field() + ": " + err.message() : text);
        }
        return texts;
    }

    // ------------------------------------------------------------------ small helpers

    /** The signed-in city user, or empty for a visitor (sent to sign in); platform operators have no cases. */
    private Optional<Viewer> viewer(String lang, HttpHeaders headers) {
        Optional<Principal> p = current.get();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Principal user = p.get();
        if (user.tenant() == null) {
            throw ProblemException.forbidden("no-city", "Cases belong to a city; sign in as a user of a city.");
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
        Map<String, String> names = departments.list().stream().collect(Collectors.toMap(d -> d.code, d -> d.name));
        return Optional.of(new Viewer(user, actors.current(), msg,
                new PageFormat(ZoneId.of(user.tenant().timeZone()), msg, names)));
    }

    private Actor signedInActor() {
        Principal user = current.get().orElseThrow(() -> ProblemException.unauthorized("unauthenticated",
                "Sign in to the console first."));
        if (user.tenant() == null) {
            throw ProblemException.forbidden("no-city", "Cases belong to a city; sign in as a user of a city.");
        }
        return actors.current();
    }

    private static void requireReporter(Viewer v) {
        if (v.actor().roles().stream().noneMatch(REPORTERS::contains)) {
            throw ProblemException.forbidden("report-not-yours", v.msg().t("error.report-not-yours"));
        }
    }

    private static Response toSignIn() {
        return Response.seeOther(URI.create("/console/login")).build();
    }

    private static Response backToCase(String number) {
        return Response.seeOther(URI.create("/console/cases/" + encode(number))).build();
    }

    private static Response serve(CasePhotos.Content c) {
        // Private: a shared cache must never hand one user's case photo to another.
        return Response.ok(c.bytes(), c.mediaType()).header("Cache-Control", "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static String url(String base, Map<String, String> params) {
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return query.isEmpty() ? base : base + "?" + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    /** A filter value the page itself offers; anything else is ignored rather than refused. */
    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E>> E parseEnum(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Long parseLong(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    private static Integer parseInt(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    private static LocalDate parseDate(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date like 2026-12-01");
        }
    }

    /** A coordinate as typed; what is not a number is left for the service to name as the location. */
    private static Double parseCoordinate(String value) {
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
