package city.gridcity.cases.web;

import static city.gridcity.cases.web.PageParams.backToCase;
import static city.gridcity.cases.web.PageParams.blankToNull;
import static city.gridcity.cases.web.PageParams.parseDate;
import static city.gridcity.cases.web.PageParams.parseEnum;
import static city.gridcity.cases.web.PageParams.parseInt;
import static city.gridcity.cases.web.PageParams.parseLong;
import static city.gridcity.cases.web.PageParams.toSignIn;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseActions;
import city.gridcity.cases.CaseEvent;
import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CasePhotos;
import city.gridcity.cases.CaseReads;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CaseVisibility;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.cases.web.ActionForms.ActionForm;
import city.gridcity.cases.web.WorkPages.Option;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.GridQueries;
import com.fasterxml.jackson.databind.node.ObjectNode;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
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
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's case page: details, phase deadlines, called-in departments, possible duplicates,
 * history and photos, with one small form per action the user may take (derived from the transition
 * table) and a photo upload. Every form carries the CSRF token; action forms carry the case's version,
 * so a decision taken on a stale page is refused instead of overwriting a newer one. Refusals and
 * successes both redirect back to it (POST-redirect-GET); a refusal is shown there once, from a {@link Flash} note. What the user sees
 * follows {@link CaseVisibility}, as on the API.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class CasePages {

    @CheckedTemplate(basePath = "console/cases")
    static class Templates {
        static native TemplateInstance detail(Messages.Msg msg, PageFormat fmt, CaseView view);
    }

    /** A phase run and how it stands: on time, late, running, overdue or paused. */
    public record PhaseRow(CasePhase p, String status, boolean late) {
    }

    /** An event with its details (department, condition, extension...) written out in the reader's language. */
    public record EventRow(CaseEvent e, String details, List<Long> photoIds) {
    }

    /** An extension or suspension waiting for the dispatcher's decision. */
    public record Pending(String kind, String by, String reason, String extension, String resumeOn) {
    }

    /** The case's five grid levels: code and, where the layout knows it, name. */
    public record GridRow(String labelKey, String code, String name) {
    }

    public record CaseView(CityCase c, String reporter, String source, String kind, String condition, String limit,
                           String duplicateOf, List<GridRow> grid, List<PhaseRow> phases,
                           List<CaseParticipant> participants, List<DuplicateFinder.Nearby> duplicates,
                           boolean showDuplicates, List<EventRow> events, List<CasePhoto> photos,
                           List<ActionForm> forms, List<Option> conditions, List<Option> departments,
                           List<Option> allDepartments, String suggestion, Pending pending, List<Option> units,
                           List<Option> stages, boolean canUpload, String csrf, List<String> errors,
                           String errorDetail, List<String> allowedNow, boolean reported,
                           Map<Long, Integer> photoNumbers) {

        /** A photo's number within this case (its first photo is #1), as the page shows it. */
        public String photoNo(Long id) {
            Integer n = photoNumbers.get(id);
            return n == null ? String.valueOf(id) : String.valueOf(n);
        }

        /** District / street / community, the way people name where a case is. */
        public List<GridRow> path() {
            return List.of(grid.get(4), grid.get(3), grid.get(2));
        }

        /** The only possible duplicate's number, to pre-fill the merge field; null when there are none or several. */
        public String onlyDuplicate() {
            return duplicates.size() == 1 ? duplicates.get(0).number() : null;
        }
    }

    private final Viewers viewers;
    private final CaseActions actions;
    private final CaseReads reads;
    private final CaseVisibility visibility;
    private final CasePhotos photos;
    private final WorkflowConfigService workflow;
    private final DepartmentService departments;
    private final GridLocator grid;
    private final ObjectMapper json;
    private final Clock clock;
    private final GridQueries gridMaps;

    CasePages(Viewers viewers, CaseActions actions, CaseReads reads, CaseVisibility visibility, CasePhotos photos,
              WorkflowConfigService workflow, DepartmentService departments, GridLocator grid, ObjectMapper json,
              Clock clock, GridQueries gridMaps) {
        this.gridMaps = gridMaps;
        this.viewers = viewers;
        this.actions = actions;
        this.reads = reads;
        this.visibility = visibility;
        this.photos = photos;
        this.workflow = workflow;
        this.departments = departments;
        this.grid = grid;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Path("/cases/{number}")
    public Response detail(@PathParam("number") String number, @QueryParam("reported") String reported,
                           @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Viewers.Viewer> signedIn = viewers.viewer(lang, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused form came back here by redirect; the page explains it once, with the refusal's status.
        ProblemException refusal = Flash.read(flash).map(Flash.Note::refusal).orElse(null);
        return casePage(signedIn.get(), number, csrf, refusal == null ? 200 : refusal.status(), refusal, reported != null,
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, casePath(number)));
    }

    private static String casePath(String number) {
        return "/console/cases/" + PageParams.encode(number);
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
        Optional<Viewers.Viewer> signedIn = viewers.viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
        try {
            actions.act(number, new ActionCommand(action, parseLong("version", version), blankToNull(reason),
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
        Optional<Viewers.Viewer> signedIn = viewers.viewer(null, headers);
        if (signedIn.isEmpty()) {
            return toSignIn();
        }
        Viewers.Viewer v = signedIn.get();
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
     * The case page's small map: the case's point, the unit grids of its management grid (its own unit marked)
     * in the layout it was located in, and the open cases of its subclass nearby (those the reader may see).
     */
    @GET
    @Path("/cases/{number}/map.geojson")
    @Produces("application/geo+json")
    public ObjectNode map(@PathParam("number") String number, @Context HttpHeaders headers) {
        Viewers.Viewer v = viewers.viewer(null, headers).orElseThrow(() -> ProblemException.unauthorized("unauthenticated",
                "Sign in to the console first."));
        CityCase c = reads.get(number, v.actor());
        ObjectNode map = gridMaps.featureCollection(c.layoutVersion, GridLevel.UNIT, c.managementCode);
        map.withArray("features").forEach(f -> ((ObjectNode) f.get("properties"))
                .put("kind", "unit").put("current", c.unitCode.equals(f.get("properties").get("code").asText())));
        ObjectNode point = map.withArray("features").addObject();
        point.put("type", "Feature");
        point.putObject("properties").put("kind", "case").put("number", c.number)
                .put("state", v.msg().t("state." + c.state.name()));
        point.putObject("geometry").put("type", "Point").putArray("coordinates").add(c.lon).add(c.lat);
        if (CaseVisibility.isStaff(v.actor())) {
            for (DuplicateFinder.Nearby n : reads.possibleDuplicates(c, v.actor())) {
                CityCase other = reads.get(n.number(), v.actor());
                ObjectNode f = map.withArray("features").addObject();
                f.put("type", "Feature");
                f.putObject("properties").put("kind", "nearby").put("number", n.number())
                        .put("state", v.msg().t("state." + n.state().name())).put("distanceM", n.distanceM());
                f.putObject("geometry").put("type", "Point").putArray("coordinates").add(other.lon).add(other.lat);
            }
        }
        return map;
    }

    /**
     * A photo through the page's session. The API's photo routes take only a bearer token, so an
     * {@code <img>} on a page, which can only send the cookie, is served here.
     */
    @GET
    @Path("/cases/{number}/photos/{id}")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    public Response photo(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, false, viewers.signedInActor()));
    }

    @GET
    @Path("/cases/{number}/photos/{id}/thumbnail")
    @Produces("image/jpeg")
    public Response thumbnail(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, true, viewers.signedInActor()));
    }

    private Response casePage(Viewers.Viewer v, String number, String csrf, int status, ProblemException refusal,
                              boolean reported, NewCookie... cookies) {
        Messages.Msg msg = v.msg();
        Actor actor = v.actor();
        CityCase c = reads.get(number, actor);
        List<String> allowed = actions.allowedActions(c, actor).stream()
                // The audit is offered only for a self-handled case drawn for it and not yet audited.
                .filter(a -> !a.startsWith("audit-") || c.auditSampled && c.auditResult == null)
                .toList();

        List<FilingCondition> conditions = reads.filingConditions(c);
        Map<String, String> conditionTexts = conditions.stream()
                .collect(Collectors.toMap(FilingCondition::code, FilingCondition::text, (a, b) -> a));
        String condition = c.conditionCode == null ? null : conditionTexts.containsKey(c.conditionCode)
                ? c.conditionCode + " · " + conditionTexts.get(c.conditionCode) : c.conditionCode;
        String limit = c.limitAmount == null ? null : c.limitAmount + " " + msg.t("unit." + c.limitUnit.name());
        List<Option> conditionOptions = conditions.stream().map(fc -> new Option(fc.code(), fc.code() + " · " + fc.text()
                + " (" + fc.limit().amount() + " " + msg.t("unit." + fc.limit().unit().name()) + ")", false)).toList();

        List<ActionForm> forms = allowed.stream()
                .map(a -> ActionForms.of(c.state, CaseAction.fromWireName(a).orElseThrow(), msg)).toList();
        boolean choosesDepartment = forms.stream().anyMatch(ActionForm::department);
        Optional<RoutingService.Responsible> suggested = choosesDepartment ? reads.suggestedDepartment(c) : Optional.empty();
        List<DepartmentService.DepartmentRef> active = departments.refs().stream()
                .filter(DepartmentService.DepartmentRef::active).toList();
        String chosen = suggested.map(RoutingService.Responsible::departmentCode).orElse(c.departmentCode);
        List<Option> departmentOptions = active.stream()
                .map(d -> new Option(d.code(), d.name() + " (" + d.code() + ")", d.code().equals(chosen))).toList();
        List<Option> allDepartments = active.stream()
                .map(d -> new Option(d.code(), d.name() + " (" + d.code() + ")", false)).toList();

        Map<String, String> gridNames = gridNames(v, c);
        EventDetails details = new EventDetails(msg, v.fmt(), json, conditionTexts, gridNames);
        String suggestion = suggested.map(r -> r.departmentName() + " (" + r.departmentCode() + "): "
                + msg.f("routing." + r.rule().wireName(), r.area() == null ? "" : gridNames.getOrDefault(r.area(), r.area())))
                .orElse(null);
        List<PhaseRow> phases = reads.phases(c).stream().map(p -> phaseRow(p, clock.instant())).toList();
        List<EventRow> events = reads.events(c, actor).stream()
                .map(e -> new EventRow(e, details.render(e.data), Arrays.asList(e.photoIds))).toList();
        List<Option> units = Arrays.stream(FilingCondition.Unit.values())
                .map(u -> new Option(u.name(), msg.t("unit." + u.name()), u == FilingCondition.Unit.WORKING_DAYS)).toList();
        boolean afterStage = c.state == CaseState.IN_DISPOSAL || c.state == CaseState.COORDINATING;
        // A rating's photo comes with the resident's rating, not through the staff's upload.
        List<Option> stages = Arrays.stream(CasePhoto.Stage.values()).filter(s -> s != CasePhoto.Stage.RATING)
                .map(s -> new Option(s.name(),
                msg.t("stage." + s.name()), (s == CasePhoto.Stage.AFTER) == afterStage)).toList();

        List<String> errors = refusal == null ? List.of() : Viewers.errorTexts(msg, refusal);
        List<String> allowedNow = refusal == null ? List.of()
                : (refusal.allowedActions() == null ? allowed : refusal.allowedActions()).stream()
                .map(a -> msg.t("action." + a)).toList();
        String source = workflow.source(c.sourceCode).map(s -> msg.english() ? s.nameEn : s.nameZh).orElse(c.sourceCode);
        List<GridRow> gridRows = List.of(new GridRow("grid.unit", c.unitCode, gridNames.get(c.unitCode)),
                new GridRow("grid.management", c.managementCode, gridNames.get(c.managementCode)),
                new GridRow("grid.community", c.communityCode, gridNames.get(c.communityCode)),
                new GridRow("grid.street", c.streetCode, gridNames.get(c.streetCode)),
                new GridRow("grid.district", c.districtCode, gridNames.get(c.districtCode)));

        List<CasePhoto> casePhotos = photos.list(number, actor);
        Map<Long, Integer> photoNumbers = new HashMap<>();
        casePhotos.stream().map(p -> p.id).sorted().forEach(id -> photoNumbers.put(id, photoNumbers.size() + 1));
        CaseView view = new CaseView(c, visibility.seesReporter(c, actor) ? c.reporterName : null, source,
                msg.t("kind." + c.kind.name()), condition, limit, reads.duplicateOfNumber(c).orElse(null), gridRows, phases,
                reads.participants(c), reads.possibleDuplicates(c, actor), c.open && CaseVisibility.isStaff(actor), events,
                casePhotos, forms, conditionOptions, departmentOptions, allDepartments, suggestion,
                pending(c, msg), units, stages, c.open, csrf, errors, refusal == null ? null : refusal.getMessage(),
                allowedNow, reported, photoNumbers);
        return PageSupport.page(Templates.detail(msg, v.fmt(), view), status, cookies);
    }

    /** Names of the case's grid units in the layout it was located in; none when that layout is gone. */
    private Map<String, String> gridNames(Viewers.Viewer v, CityCase c) {
        Map<String, String> names = new HashMap<>();
        grid.layouts().stream().filter(l -> l.version() == c.layoutVersion).findFirst()
                .flatMap(l -> grid.index(v.user().tenant(), l).locate(c.lon, c.lat))
                .ifPresent(unit -> unit.chain().forEach((GridIndex.Node n) -> names.put(n.code(), n.name())));
        return names;
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
        Map<String, Object> asked = reads.pendingRequest(c);
        if (asked.isEmpty()) {
            return null;
        }
        Object amount = asked.get("amount");
        Object unit = asked.get("unit");
        return new Pending(msg.t("pending." + asked.get("kind")), string(asked.get("by")), string(asked.get("reason")),
                amount == null ? null : amount + " " + msg.t("unit." + unit), string(asked.get("resumeOn")));
    }

    private Response refused(Viewers.Viewer v, String number, String csrf, ProblemException e) {
        if (e.status() == 404 || e.status() == 401) {
            throw e;
        }
        return Flash.refused(casePath(number), e, java.util.Map.of());
    }

    private static Response serve(CasePhotos.Content c) {
        // Private: a shared cache must never hand one user's case photo to another.
        return Response.ok(c.bytes(), c.mediaType()).header("Cache-Control", "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
