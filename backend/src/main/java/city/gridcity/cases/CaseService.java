package city.gridcity.cases;

import city.gridcity.calendar.CalendarService;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogRule;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The closed loop of the current city: reports come in, actions move cases through
 * {@link TransitionTable#WORKFLOW}, each accepted action appends one {@link CaseEvent}, phase
 * clocks start and stop, and a {@link CaseChanged} event tells the notifiers inside the same
 * transaction. Every method works on the city selected in {@link TenantContext}.
 */
@ApplicationScoped
public class CaseService {

    /** Roles that see every case of their city. */
    static final Set<Role> SEE_ALL = EnumSet.of(Role.CITY_ADMIN, Role.ACCEPTOR, Role.DISPATCHER,
            Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR, Role.ASSESSOR);

    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_REASON = 1000;

    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final GridLocator grid;
    private final CatalogService catalog;
    private final RoutingService routing;
    private final DepartmentService departments;
    private final CalendarService calendars;
    private final WorkflowConfigService config;
    private final CaseNumbers numbers;
    private final DuplicateFinder duplicates;
    private final Event<CaseChanged> changes;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    CaseService(TenantContext tenant, TenantDirectory directory, GridLocator grid, CatalogService catalog,
                RoutingService routing, DepartmentService departments, CalendarService calendars,
                WorkflowConfigService config, CaseNumbers numbers, DuplicateFinder duplicates, Event<CaseChanged> changes,
                EntityManager em, ObjectMapper json, Clock clock) {
        this.tenant = tenant;
        this.directory = directory;
        this.grid = grid;
        this.catalog = catalog;
        this.routing = routing;
        this.departments = departments;
        this.calendars = calendars;
        this.config = config;
        this.numbers = numbers;
        this.duplicates = duplicates;
        this.changes = changes;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** A report: where, what, and through which source. {@code source} defaults to the reporter's channel. */
    public record ReportCommand(String source, CatalogClass.Kind kind, String classCode, Double lon, Double lat,
                                CoordinateSystem crs, String address, String description, CityCase.Priority priority,
                                boolean selfHandling, String hotlineTicket) {
    }

    /** A stored report and the open cases it may repeat (shown to the reporter and the acceptor). */
    public record Reported(CityCase theCase, List<DuplicateFinder.Nearby> possibleDuplicates, List<CasePhase> phases) {
    }

    /** An action on a case with everything any action may need; each action reads its own fields. */
    public record ActionCommand(String action, Long expectedVersion, String reason, String conditionCode,
                                CityCase.ProblemType problemType, CityCase.Priority priority, String departmentCode,
                                List<String> departments, String duplicateOf, Integer extensionAmount,
                                FilingCondition.Unit extensionUnit, LocalDate resumeOn, List<Long> photoIds) {
    }

    // ------------------------------------------------------------------ intake

    /**
     * Stores a report: locates it in the grid in force today, holds it to the subclass's rule in
     * force now, looks for open cases of the same problem, and, for a city supervisor, decides
     * whether it is a missed report of the district (漏报).
     *
     * @throws ProblemException 400 naming the field; 403 when the source is not the reporter's;
     *                          422 when the point is outside the city
     */
    @Transactional
    public Reported report(ReportCommand cmd, Actor actor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (cmd.kind() == null) {
            errors.add(new Problem.FieldError("kind", "must be component or event"));
        }
        if (cmd.classCode() == null || !cmd.classCode().matches("^[0-9]{4}$")) {
            errors.add(new Problem.FieldError("classCode", "give the 4-digit subclass code; see /api/v1/catalog"));
        }
        if (cmd.lon() == null || cmd.lat() == null || !Double.isFinite(cmd.lon()) || !Double.isFinite(cmd.lat())
                || Math.abs(cmd.lon()) > 180 || Math.abs(cmd.lat()) > 90) {
            errors.add(new Problem.FieldError("location", "give lon (-180..180) and lat (-90..90) of the problem"));
        }
        if (cmd.description() == null || cmd.description().isBlank()) {
            errors.add(new Problem.FieldError("description", "say what the problem is"));
        } else if (cmd.description().length() > MAX_DESCRIPTION) {
            errors.add(new Problem.FieldError("description", "is " + cmd.description().length()
                    + " characters; keep it to " + MAX_DESCRIPTION));
        }
        if (cmd.address() != null && cmd.address().length() > 200) {
            errors.add(new Problem.FieldError("address", "keep it to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        CaseSource source = sourceFor(cmd.source(), actor);
        CatalogService.ClassRules classRules = catalog.classRules(cmd.kind(), cmd.classCode()).filter(c -> c.theClass().active)
                .orElseThrow(() -> ProblemException.invalid("classCode", "no active " + cmd.kind().name().toLowerCase()
                        + " subclass " + cmd.classCode() + " in this city's catalog; see /api/v1/catalog"));
        CatalogClass cls = classRules.theClass();
        Instant now = now();
        CatalogRule rule = classRules.ruleAt(now).orElseThrow(() -> ProblemException.conflict("no-rule-in-force",
                "Subclass " + cls.code + " has no rule in force yet; ask the administrator to add one."));
        TenantRef city = city();
        GridLocator.Location where = grid.locate(cmd.lon(), cmd.lat(),
                cmd.crs() == null ? CoordinateSystem.WGS84 : cmd.crs(), null);
        if (cmd.selfHandling()) {
            if (!cls.minor) {
                throw ProblemException.invalid("selfHandling", "subclass " + cls.code + " is not a minor problem; "
                        + "only minor problems are handled on the spot");
            }
            if (source.channel != CaseSource.Channel.DISTRICT_SUPERVISOR && source.channel != CaseSource.Channel.CITY_SUPERVISOR
                    && source.channel != CaseSource.Channel.VOLUNTEER) {
                throw ProblemException.invalid("selfHandling", "only supervisors and volunteers handle problems on the spot");
            }
        }

        CityCase c = new CityCase();
        WorkflowSettings settings = config.settings();
        c.number = numbers.next(city.code(), settings.numberPrefix, LocalDate.ofInstant(now, ZoneId.of(city.timeZone())));
        c.sourceCode = source.code;
        c.sourceChannel = source.channel;
        c.kind = cls.kind;
        c.classCode = cls.code;
        c.className = cls.name;
        c.ruleId = rule.id;
        c.keyClass = cls.keyClass;
        c.minor = cls.minor;
        c.baseCaseWeight = rule.baseCaseWeight;
        c.problemType = CityCase.ProblemType.ORDINARY;
        // Urgency is the centre's judgement: a resident's or volunteer's report starts as normal.
        c.priority = cmd.priority() == null || !isStaff(actor) ? CityCase.Priority.NORMAL : cmd.priority();
        c.lon = where.lon();
        c.lat = where.lat();
        c.address = blankToNull(cmd.address());
        c.layoutVersion = where.layoutVersion();
        c.unitCode = where.unit().code();
        c.managementCode = c.unitCode.substring(0, 14);
        c.communityCode = c.unitCode.substring(0, 12);
        c.streetCode = c.unitCode.substring(0, 9);
        c.districtCode = c.unitCode.substring(0, 6);
        c.description = cmd.description().trim();
        c.reporterId = actor.id();
        c.reporterName = actor.name();
        c.hotlineTicket = cmd.hotlineTicket();
        c.reportedAt = now;
        c.updatedAt = now;
        c.selfHandled = cmd.selfHandling();
        c.moveTo(cmd.selfHandling() ? CaseState.SELF_HANDLING : CaseState.REPORTED);

        List<DuplicateFinder.Nearby> near = cmd.selfHandling() ? List.of() : duplicates.openNear(c.kind, c.classCode,
                c.lon, c.lat, cls.duplicateRadiusM, cls.duplicateWindowHours, now, null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", c.unitCode);
        data.put("layoutVersion", c.layoutVersion);
        if (!near.isEmpty()) {
            data.put("possibleDuplicates", near.stream().map(DuplicateFinder.Nearby::number).toList());
        }
        if (source.channel == CaseSource.Channel.CITY_SUPERVISOR) {
            // Two-level supervision: the city may register a missed report only when the district has none.
            Optional<DuplicateFinder.Nearby> district = duplicates.districtReportNear(c.kind, c.classCode, c.lon, c.lat,
                    cls.duplicateRadiusM, cls.duplicateWindowHours, now);
            c.missedReport = district.isEmpty();
            c.missedDistrictCode = district.isEmpty() ? c.districtCode : null;
            district.ifPresent(d -> data.put("districtReport", d.number()));
        }
        // The filing clock is set before the insert, so a new case is written once, not inserted then updated.
        Deadlines.Limit filing = cmd.selfHandling() ? null : deadlines().of(CaseState.Phase.FILING, c, now);
        if (filing != null) {
            c.phase = CaseState.Phase.FILING;
            c.phaseDeadline = filing.deadline();
            c.reminderAt = filing.reminderAt();
        }
        c.persist();
        List<CasePhase> phases = new ArrayList<>();
        if (filing != null) {
            phases.add(phaseRow(c, CaseState.Phase.FILING, 1, now, filing));
        }
        appendNumbered(c, 1, cmd.selfHandling() ? CaseAction.SELF_REPORT : CaseAction.REPORT, null, actor,
                reporterRole(source.channel, actor), null, data, List.of(), now);
        return new Reported(c, near, phases);
    }

    private CaseSource sourceFor(String code, Actor actor) {
        if (code != null) {
            CaseSource s = config.source(code).filter(x -> x.active).orElseThrow(() -> ProblemException.invalid("source",
                    "no active source '" + code + "' in this city; see /api/v1/workflow/sources"));
            if (s.channel.reporters().stream().noneMatch(actor.roles()::contains)) {
                throw ProblemException.forbidden("source-not-yours", "Source '" + code + "' (" + s.channel
                        + ") is reported through by " + s.channel.reporters().stream().map(Role::wireName).toList()
                        + "; your roles are " + actor.roles().stream().map(Role::wireName).toList() + ".");
            }
            return s;
        }
        return config.sources().stream()
                .filter(s -> s.active && s.channel.reporters().stream().anyMatch(actor.roles()::contains))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid("source", "say which source this report comes from; "
                        + "see /api/v1/workflow/sources"));
    }

    private static String reporterRole(CaseSource.Channel channel, Actor actor) {
        return channel.reporters().stream().filter(actor.roles()::contains).findFirst().map(Role::wireName)
                .orElse(Actor.SYSTEM_ROLE);
    }

    /** A resident's "me too" (我也遇到): they follow the open case instead of reporting it again. */
    @Transactional
    public CityCase meToo(String number, Double lon, Double lat, Actor actor) {
        if (lon == null || lat == null) {
            throw ProblemException.invalid("location", "give lon and lat of where you see the problem");
        }
        CityCase c = lock(number);
        // Only a case the resident could have been shown near them: a number alone opens nothing.
        CatalogClass cls = catalog.get(c.kind, c.classCode);
        boolean near = c.open && duplicates.openNear(c.kind, c.classCode, lon, lat, cls.duplicateRadiusM,
                cls.duplicateWindowHours, clock.instant(), null).stream().anyMatch(n -> n.id() == c.id);
        if (!near) {
            throw ProblemException.notFound("An open case " + number + " near (" + lon + ", " + lat + ")");
        }
        if (follow(c, actor.id(), clock.instant())) {
            c.meTooCount++;
            c.updatedAt = clock.instant();
            append(c, CaseAction.ME_TOO, c.state, actor, Role.RESIDENT.wireName(), null, null, List.of(), clock.instant());
        }
        return c;
    }

    /** Makes a user follow a case; false when they already did. */
    private boolean follow(CityCase c, long userId, Instant at) {
        return em.createNativeQuery("INSERT INTO case_follower (tenant_id, case_id, user_id, at) "
                        + "VALUES (gridcity_current_tenant(), ?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, c.id).setParameter(2, userId).setParameter(3, at).executeUpdate() == 1;
    }

    // ------------------------------------------------------------------ actions

    /**
     * Applies an action by a user, under the transition table and its guards. The case row is locked
     * for the transaction, so of two people acting at once one wins and the other then sees the new
     * state (409 with what is allowed now).
     *
     * @throws ProblemException 404 when the user may not see the case; 409 when the action is not
     *                          allowed in the case's state or the case changed since {@code expectedVersion};
     *                          403 when the user's roles may not take it; 400 naming a missing field
     */
    @Transactional
    public CityCase act(String number, ActionCommand cmd, Actor actor) {
        CaseAction action = CaseAction.fromWireName(cmd.action() == null ? "" : cmd.action())
                .orElseThrow(() -> ProblemException.invalid("action", "use one of " + java.util.Arrays.stream(CaseAction.values())
                        .filter(a -> a != CaseAction.REPORT && a != CaseAction.SELF_REPORT && a != CaseAction.ALL_REPORTED
                                && a != CaseAction.ME_TOO).map(CaseAction::wireName).toList()));
        if (cmd.reason() != null && cmd.reason().length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "keep it to " + MAX_REASON + " characters");
        }
        CityCase c = lock(number);
        if (!canSee(c, actor)) {
            throw ProblemException.notFound("Case " + number);
        }
        List<String> allowed = allowedActions(c, actor);
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != c.version) {
            throw ProblemException.conflict("case-changed", "Case " + c.number + " changed since you loaded it (your "
                    + "version " + cmd.expectedVersion() + ", now " + c.version + ", state " + c.state.labelZh() + " · "
                    + c.state.labelEn() + "); reload it and decide again.").withAllowedActions(allowed);
        }
        TransitionTable.Transition t = TransitionTable.WORKFLOW.find(c.state, action).orElseThrow(() ->
                ProblemException.conflict("action-not-allowed", "'" + action.wireName() + "' (" + action.labelZh()
                        + ") is not possible while case " + c.number + " is " + c.state.labelZh() + " · " + c.state.labelEn()
                        + "; allowed for you now: " + allowed + ".").withAllowedActions(allowed));
        // The role recorded is the first the table allows in declaration order, so it does not vary between runs.
        Role role = java.util.Arrays.stream(Role.values()).filter(t.roles()::contains).filter(actor.roles()::contains)
                .findFirst().orElseThrow(() ->
                ProblemException.forbidden("role-not-allowed", "'" + action.wireName() + "' on a case in state "
                        + c.state.labelEn() + " is for " + t.roles().stream().map(Role::wireName).sorted().toList()
                        + "; allowed for you now: " + allowed + ".").withAllowedActions(allowed));
        CaseGuard.GuardFacts facts = facts(c, actor, cmd.reason());
        for (CaseGuard guard : t.guards()) {
            Optional<ProblemException> refusal = guard.check(facts);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
        apply(c, t, cmd, actor, role.wireName());
        return c;
    }

    /**
     * Applies a transition the system takes by itself (resuming a suspension on its date).
     *
     * @throws IllegalStateException when the table has no system transition for it
     */
    @Transactional
    public void actAsSystem(String number, CaseAction action, String why) {
        CityCase c = lock(number);
        TransitionTable.Transition t = TransitionTable.WORKFLOW.find(c.state, action).filter(TransitionTable.Transition::system)
                .orElseThrow(() -> new IllegalStateException("no system transition " + action + " from " + c.state));
        apply(c, t, new ActionCommand(action.wireName(), null, why, null, null, null, null, null, null, null, null, null,
                null), Actor.system(why), Actor.SYSTEM_ROLE);
    }

    private void apply(CityCase c, TransitionTable.Transition t, ActionCommand cmd, Actor actor, String role) {
        Instant now = now();
        CaseState from = c.state;
        CaseState to = t.to() == null ? c.resumeState : t.to();
        Deadlines deadlines = deadlines();
        Map<String, Object> data = new LinkedHashMap<>();
        CaseAction followUp = null;
        switch (t.action()) {
            case FILE -> file(c, cmd, data, now);
            case MERGE -> merge(c, cmd, actor, data, now);
            case DISPATCH -> dispatch(c, cmd, data, now);
            case DECIDE -> {
                Department d = activeDepartment("departmentCode", cmd.departmentCode());
                c.departmentCode = d.code;
                c.dispatchedAt = now;
                data.put("department", d.code);
            }
            case REQUEST_EXTENSION -> c.pendingRequest = extensionRequest(cmd, actor, data);
            case APPROVE_EXTENSION -> {
                approveExtension(c, deadlines, now, data);
                c.pendingRequest = null;
            }
            case REQUEST_SUSPENSION -> c.pendingRequest = suspensionRequest(c, cmd, actor, data);
            case APPROVE_SUSPENSION -> {
                // The day asked for may have passed while the request waited: it is checked again.
                LocalDate resumeOn = checkResumeDate(c, cmd.resumeOn() != null ? cmd.resumeOn()
                        : LocalDate.parse(readPending(c).get("resumeOn").toString()));
                pause(c, deadlines, now, resumeOn, data);
                c.pendingRequest = null;
            }
            case REFUSE_EXTENSION, REFUSE_SUSPENSION -> c.pendingRequest = null;
            case RESUME -> resume(c, deadlines, now, data);
            case WHISTLE -> whistle(c, cmd, data, now);
            case JOIN -> {
                CaseParticipant p = participant(c, actor);
                if (p.joinedAt != null) {
                    throw ProblemException.conflict("already-joined", "Your department joined case " + c.number
                            + " at " + p.joinedAt + "; report to it when you are done.");
                }
                p.joinedAt = now;
            }
            case REPORT_PART -> {
                CaseParticipant p = participant(c, actor);
                if (p.reportedAt != null) {
                    throw ProblemException.conflict("already-reported", "Your department reported to case " + c.number
                            + " already, at " + p.reportedAt + ".");
                }
                if (p.joinedAt == null) {
                    p.joinedAt = now;
                }
                p.reportedAt = now;
                p.report = cmd.reason();
                data.put("department", p.departmentCode);
                if (CaseParticipant.count("caseId = ?1 and reportedAt is null", c.id) == 0) {
                    followUp = CaseAction.ALL_REPORTED;
                }
            }
            case CONSULT -> c.problemType = CityCase.ProblemType.CONSULTATION;
            case VERIFY_FAIL -> c.reworkCount++;
            case VERIFY_PASS, SELF_CLOSE -> close(c, now);
            case AUDIT_PASS -> c.auditResult = "PASS";
            case AUDIT_FAIL -> {
                c.auditResult = "FAIL";
                // Not fixed after all: it goes round the loop like any case and no longer counts as solved in the grid.
                c.selfHandled = false;
                c.closedAt = null;
                c.solvedLevel = null;
            }
            case RETURN -> {
                // The department said "not ours": it leaves the case; the event keeps who returned it.
                data.put("returnedBy", c.departmentCode);
                c.departmentCode = null;
            }
            case EMERGENCY -> emergency(c, deadlines, data);
            case REQUEST_VOID -> c.resumeState = from;
            case REFUSE_VOID, APPROVE_VOID -> c.resumeState = null;
            default -> {
                // ACCEPT, REPORT_BACK, RETURN, REJECT, ALL_REPORTED: the state change is the whole of it.
            }
        }
        if (t.action() == CaseAction.SELF_CLOSE) {
            int share = config.settings().selfHandlingAuditPercent;
            c.auditSampled = ThreadLocalRandom.current().nextInt(100) < share;
            data.put("auditSampled", c.auditSampled);
        }
        c.moveTo(to);
        c.updatedAt = now;
        movePhases(c, from, to, t.action(), deadlines, now);
        append(c, t.action(), from, actor, role, cmd.reason(), data.isEmpty() ? null : data,
                cmd.photoIds() == null ? List.of() : checkPhotos(c, cmd.photoIds()), now);
        if (followUp != null) {
            // The last called department reported: the coordination as a whole is reported back.
            TransitionTable.Transition next = TransitionTable.WORKFLOW.find(c.state, followUp).orElseThrow();
            CaseState before = c.state;
            c.moveTo(next.to());
            movePhases(c, before, next.to(), followUp, deadlines, now);
            append(c, followUp, before, Actor.system("all called departments reported"), Actor.SYSTEM_ROLE, null, null,
                    List.of(), now);
        }
    }

    private void file(CityCase c, ActionCommand cmd, Map<String, Object> data, Instant now) {
        CatalogRule rule = CatalogRule.findById(c.ruleId);
        List<FilingCondition> conditions = catalog.conditions(rule);
        if (cmd.conditionCode() == null) {
            throw ProblemException.invalid("conditionCode", "choose the filing condition that applies: "
                    + conditions.stream().map(fc -> fc.code() + " (" + fc.text() + ")").toList());
        }
        FilingCondition fc = conditions.stream().filter(x -> x.code().equals(cmd.conditionCode())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("conditionCode", "subclass " + c.classCode + " has conditions "
                        + conditions.stream().map(FilingCondition::code).toList() + ", not '" + cmd.conditionCode() + "'"));
        if (cmd.problemType() != null && cmd.problemType() != CityCase.ProblemType.ORDINARY
                && cmd.problemType() != CityCase.ProblemType.EMERGENCY) {
            throw ProblemException.invalid("problemType", "file as ORDINARY or EMERGENCY; coordination and consultation "
                    + "are actions of the dispatcher (whistle, consult)");
        }
        c.conditionCode = fc.code();
        c.limitAmount = fc.limit().amount();
        c.limitUnit = fc.limit().unit();
        c.filedAt = now;
        if (cmd.problemType() == CityCase.ProblemType.EMERGENCY) {
            c.problemType = CityCase.ProblemType.EMERGENCY;
            c.priority = CityCase.Priority.URGENT;
        } else if (cmd.priority() != null) {
            c.priority = cmd.priority();
        }
        data.put("condition", fc.code());
        data.put("limit", fc.limit().amount() + " " + fc.limit().unit());
        data.put("problemType", c.problemType);
    }

    private void merge(CityCase c, ActionCommand cmd, Actor actor, Map<String, Object> data, Instant now) {
        if (cmd.duplicateOf() == null || cmd.duplicateOf().isBlank()) {
            throw ProblemException.invalid("duplicateOf", "give the number of the case this report repeats");
        }
        CityCase original = CityCase.<CityCase>find("number", cmd.duplicateOf().trim()).firstResultOptional()
                .orElseThrow(() -> ProblemException.invalid("duplicateOf", "no case " + cmd.duplicateOf() + " in this city"));
        // Point at the first report of the problem, not at another duplicate of it.
        for (int hops = 0; original.state == CaseState.MERGED && original.duplicateOf != null && hops < 20; hops++) {
            original = CityCase.findById(original.duplicateOf);
        }
        if (original.state == CaseState.REJECTED || original.state == CaseState.VOIDED || original.state == CaseState.MERGED) {
            throw ProblemException.invalid("duplicateOf", "case " + original.number + " is " + original.state.labelEn()
                    .toLowerCase() + "; merge into a case that stands");
        }
        // The original's follower count changes too: lock it as an action on it would.
        em.lock(original, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(original);
        if (original.id.equals(c.id)) {
            throw ProblemException.invalid("duplicateOf", "a case cannot repeat itself");
        }
        if (original.kind != c.kind || !original.classCode.equals(c.classCode)) {
            throw ProblemException.invalid("duplicateOf", "case " + original.number + " is subclass " + original.classCode
                    + ", this report " + c.classCode + "; duplicates are of the same subclass");
        }
        c.duplicateOf = original.id;
        if (original.sourceChannel == CaseSource.Channel.DISTRICT_SUPERVISOR && c.sourceChannel == CaseSource.Channel.CITY_SUPERVISOR) {
            c.missedReport = false;
            c.missedDistrictCode = null;
        }
        if (c.reporterId != null && follow(original, c.reporterId, now)) {
            original.meTooCount++;
        }
        data.put("duplicateOf", original.number);
    }

    private void dispatch(CityCase c, ActionCommand cmd, Map<String, Object> data, Instant now) {
        RoutingService.Responsible routed = routing.responsible(c.kind, c.classCode, c.streetCode, c.districtCode);
        String chosen = routed.departmentCode();
        if (cmd.departmentCode() != null && !cmd.departmentCode().equals(routed.departmentCode())) {
            if (cmd.reason() == null || cmd.reason().isBlank()) {
                throw ProblemException.invalid("reason", "the routing rule names '" + routed.departmentCode() + "' ("
                        + routed.reason() + "); say why you send it to '" + cmd.departmentCode() + "' instead");
            }
            chosen = activeDepartment("departmentCode", cmd.departmentCode()).code;
            data.put("override", true);
        }
        c.routedDepartment = routed.departmentCode();
        c.departmentCode = chosen;
        c.dispatchedAt = now;
        data.put("department", chosen);
        data.put("routedTo", routed.departmentCode());
        data.put("routing", routed.reason());
    }

    private String extensionRequest(ActionCommand cmd, Actor actor, Map<String, Object> data) {
        if (cmd.extensionAmount() == null || cmd.extensionAmount() < 1 || cmd.extensionAmount() > 1000
                || cmd.extensionUnit() == null) {
            throw ProblemException.invalid("extensionAmount", "give extensionAmount (1-1000) and extensionUnit "
                    + "(WORKING_HOURS, WORKING_DAYS or NATURAL_HOURS)");
        }
        data.put("extension", cmd.extensionAmount() + " " + cmd.extensionUnit());
        return write(Map.of("kind", "extension", "amount", cmd.extensionAmount(), "unit", cmd.extensionUnit().name(),
                "by", actor.name(), "reason", cmd.reason()));
    }

    private void approveExtension(CityCase c, Deadlines deadlines, Instant now, Map<String, Object> data) {
        Map<String, Object> asked = readPending(c);
        int amount = ((Number) asked.get("amount")).intValue();
        FilingCondition.Unit unit = FilingCondition.Unit.valueOf(asked.get("unit").toString());
        CasePhase running = runningPhase(c).orElseThrow();
        Duration length = switch (unit) {
            case WORKING_DAYS -> deadlines.calendar().workingDayLength().multipliedBy(amount);
            case WORKING_HOURS, NATURAL_HOURS -> Duration.ofHours(amount);
        };
        // The extension adds to the limit as it stood, not to the moment of approval.
        Deadlines.Limit limit = deadlines.extend(running.deadline, length,
                running.naturalTime || unit == FilingCondition.Unit.NATURAL_HOURS);
        running.deadline = limit.deadline();
        running.extendedBy = (running.extendedBy == null ? "" : running.extendedBy + ", ") + "+" + amount + " " + unit;
        if (running.extendedBy.length() > 40) {
            running.extendedBy = running.extendedBy.substring(running.extendedBy.length() - 40);
        }
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt().isAfter(now) ? limit.reminderAt() : null;
        c.overdue = !limit.deadline().isAfter(now);
        data.put("extension", amount + " " + unit);
        data.put("deadline", limit.deadline().toString());
    }

    private String suspensionRequest(CityCase c, ActionCommand cmd, Actor actor, Map<String, Object> data) {
        LocalDate resumeOn = checkResumeDate(c, cmd.resumeOn());
        data.put("resumeOn", resumeOn.toString());
        return write(Map.of("kind", "suspension", "resumeOn", resumeOn.toString(), "by", actor.name(), "reason", cmd.reason()));
    }

    private LocalDate checkResumeDate(CityCase c, LocalDate resumeOn) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(city().timeZone())));
        if (resumeOn == null || !resumeOn.isAfter(today) || resumeOn.isAfter(today.plusYears(1))) {
            throw ProblemException.invalid("resumeOn", "give the day disposal resumes: after today (" + today
                    + ") and within a year");
        }
        return resumeOn;
    }

    private void pause(CityCase c, Deadlines deadlines, Instant now, LocalDate resumeOn, Map<String, Object> data) {
        CasePhase running = runningPhase(c).orElseThrow();
        running.pausedAt = now;
        running.remainingSeconds = deadlines.remaining(now, running.deadline, running.naturalTime).toSeconds();
        c.phaseDeadline = null;
        c.reminderAt = null;
        c.suspendedUntil = resumeOn;
        data.put("resumeOn", resumeOn.toString());
        data.put("remainingSeconds", running.remainingSeconds);
    }

    private void resume(CityCase c, Deadlines deadlines, Instant now, Map<String, Object> data) {
        CasePhase running = runningPhase(c).orElseThrow();
        Deadlines.Limit limit = deadlines.extend(now, Duration.ofSeconds(running.remainingSeconds == null ? 0
                : running.remainingSeconds), running.naturalTime);
        running.deadline = limit.deadline();
        running.pausedAt = null;
        running.remainingSeconds = null;
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt();
        c.overdue = false;
        c.suspendedUntil = null;
        data.put("deadline", limit.deadline().toString());
    }

    private void whistle(CityCase c, ActionCommand cmd, Map<String, Object> data, Instant now) {
        List<String> codes = cmd.departments() == null ? List.of() : cmd.departments();
        if (codes.isEmpty() || codes.size() > 20) {
            throw ProblemException.invalid("departments", "name the 1-20 departments called in (吹哨报到)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            distinct.add(activeDepartment("departments[" + i + "]", codes.get(i)).code);
        }
        if (c.departmentCode == null) {
            // Called before anyone was dispatched: one department leads, answers for rework and is verified against.
            if (cmd.departmentCode() == null) {
                throw ProblemException.invalid("departmentCode", "name the lead department of the coordination; the "
                        + "routing rule suggests '" + routing.responsible(c.kind, c.classCode, c.streetCode,
                        c.districtCode).departmentCode() + "'");
            }
            c.departmentCode = activeDepartment("departmentCode", cmd.departmentCode()).code;
            data.put("lead", c.departmentCode);
        }
        distinct.add(c.departmentCode);
        // Each whistle is a new round: every department called reports anew, also one called before.
        for (String code : distinct) {
            CaseParticipant p = CaseParticipant.<CaseParticipant>find("caseId = ?1 and departmentCode = ?2", c.id, code)
                    .firstResultOptional().orElseGet(CaseParticipant::new);
            p.caseId = c.id;
            p.departmentCode = code;
            p.calledAt = now;
            p.joinedAt = null;
            p.reportedAt = null;
            p.report = null;
            p.persist();
        }
        // Departments of an earlier round that are not called again have nothing more to report.
        CaseParticipant.<CaseParticipant>list("caseId = ?1 and reportedAt is null", c.id).stream()
                .filter(p -> !distinct.contains(p.departmentCode)).forEach(p -> p.reportedAt = now);
        c.problemType = CityCase.ProblemType.COORDINATION;
        if (c.dispatchedAt == null) {
            c.dispatchedAt = now;
        }
        data.put("departments", List.copyOf(distinct));
    }

    /**
     * An emergency warning (应急吹哨) on a case already under way: it becomes urgent and the running phase
     * counts natural time from its start, so its deadline comes at once nearer.
     */
    private void emergency(CityCase c, Deadlines deadlines, Map<String, Object> data) {
        if (c.problemType == CityCase.ProblemType.EMERGENCY) {
            throw ProblemException.conflict("already-emergency", "Case " + c.number + " is an emergency already.");
        }
        c.problemType = CityCase.ProblemType.EMERGENCY;
        c.priority = CityCase.Priority.URGENT;
        CasePhase running = runningPhase(c).orElse(null);
        if (running != null && running.pausedAt == null) {
            Deadlines.Limit limit = deadlines.of(running.phase, c, running.startedAt);
            running.deadline = limit.deadline();
            running.naturalTime = true;
            c.phaseDeadline = limit.deadline();
            c.reminderAt = limit.reminderAt();
            data.put("deadline", limit.deadline().toString());
        }
    }

    private CaseParticipant participant(CityCase c, Actor actor) {
        return CaseParticipant.<CaseParticipant>find("caseId = ?1 and departmentCode = ?2", c.id, actor.departmentCode())
                .firstResultOptional().orElseThrow();
    }

    private void close(CityCase c, Instant now) {
        c.closedAt = now;
        c.solvedLevel = solvedLevel(c);
    }

    /**
     * The level at which the problem was solved: on the spot it is the grid; otherwise the highest
     * level among the departments that disposed of it.
     */
    CityCase.Level solvedLevel(CityCase c) {
        if (c.selfHandled) {
            return CityCase.Level.GRID;
        }
        Set<String> codes = new LinkedHashSet<>();
        if (c.departmentCode != null) {
            codes.add(c.departmentCode);
        }
        CaseParticipant.<CaseParticipant>list("caseId", c.id).forEach(p -> codes.add(p.departmentCode));
        CityCase.Level level = CityCase.Level.COMMUNITY;
        for (String code : codes) {
            CityCase.Level l = departments.find(code).map(d -> levelOf(d.kind)).orElse(CityCase.Level.CITY);
            if (l.compareTo(level) > 0) {
                level = l;
            }
        }
        return level;
    }

    /** Platform companies answer to the district's urban management, so their fixes count at that level. */
    static CityCase.Level levelOf(Department.Kind kind) {
        return switch (kind) {
            case COMMUNITY_COMMITTEE -> CityCase.Level.COMMUNITY;
            case STREET_OFFICE -> CityCase.Level.STREET;
            case DISTRICT_DEPARTMENT, PLATFORM_COMPANY -> CityCase.Level.DISTRICT;
            case CITY_DEPARTMENT -> CityCase.Level.CITY;
        };
    }

    private Department activeDepartment(String field, String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid(field, "name a department; see /api/v1/departments");
        }
        return departments.find(code).filter(d -> d.active).orElseThrow(() -> ProblemException.invalid(field,
                "no active department '" + code + "' in this city; see /api/v1/departments"));
    }

    // ------------------------------------------------------------------ phases

    /**
     * Starts and ends phase clocks as a case moves. A void request keeps the running clock (the case
     * may come back); suspension pauses and resumption restarts it with the time that was left.
     */
    private void movePhases(CityCase c, CaseState from, CaseState to, CaseAction action, Deadlines deadlines, Instant now) {
        if (to == CaseState.VOID_PENDING || action == CaseAction.REFUSE_VOID) {
            return;
        }
        CaseState.Phase next = to.phase();
        boolean restart = action == CaseAction.VERIFY_FAIL;
        if (next != null && next == c.phase && !restart) {
            return;
        }
        runningPhase(c).ifPresent(p -> {
            p.endedAt = now;
            // A phase on an approved hold was on time if time was left when it was suspended.
            p.onTime = p.pausedAt != null ? p.remainingSeconds != null && p.remainingSeconds > 0 : !now.isAfter(p.deadline);
        });
        c.suspendedUntil = null;
        c.phase = null;
        c.phaseDeadline = null;
        c.reminderAt = null;
        c.overdue = false;
        if (next != null && to.open()) {
            startPhase(c, next, now, deadlines);
        }
    }

    private void startPhase(CityCase c, CaseState.Phase phase, Instant now, Deadlines deadlines) {
        Deadlines.Limit limit = deadlines.of(phase, c, now);
        phaseRow(c, phase, (int) CasePhase.count("caseId = ?1 and phase = ?2", c.id, phase) + 1, now, limit);
        c.phase = phase;
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt();
        c.overdue = false;
    }

    private static CasePhase phaseRow(CityCase c, CaseState.Phase phase, int attempt, Instant now, Deadlines.Limit limit) {
        CasePhase p = new CasePhase();
        p.caseId = c.id;
        p.phase = phase;
        p.attempt = attempt;
        p.departmentCode = phase == CaseState.Phase.DISPOSAL ? c.departmentCode : null;
        p.startedAt = now;
        p.deadline = limit.deadline();
        p.naturalTime = limit.naturalTime();
        p.persist();
        return p;
    }

    Optional<CasePhase> runningPhase(CityCase c) {
        return CasePhase.<CasePhase>find("caseId = ?1 and endedAt is null order by id desc", c.id).firstResultOptional();
    }

    private Deadlines deadlines() {
        return new Deadlines(calendars.current(), config.settings());
    }

    // ------------------------------------------------------------------ events and reads

    private void append(CityCase c, CaseAction action, CaseState from, Actor actor, String role, String reason,
                        Map<String, Object> data, List<Long> photoIds, Instant now) {
        int seq = ((Number) em.createQuery("select coalesce(max(e.seq), 0) from CaseEvent e where e.caseId = :id")
                .setParameter("id", c.id).getSingleResult()).intValue() + 1;
        appendNumbered(c, seq, action, from, actor, role, reason, data, photoIds, now);
    }

    private void appendNumbered(CityCase c, int seq, CaseAction action, CaseState from, Actor actor, String role,
                                String reason, Map<String, Object> data, List<Long> photoIds, Instant now) {
        CaseEvent e = new CaseEvent();
        e.caseId = c.id;
        e.seq = seq;
        e.action = action.wireName();
        e.fromState = from;
        e.toState = c.state;
        e.actorId = actor.id();
        e.actorName = actor.name();
        e.actorRole = role;
        e.at = now;
        e.reason = blankToNull(reason);
        e.data = data == null ? null : write(data);
        e.photoIds = photoIds.toArray(new Long[0]);
        e.persist();
        changes.fire(new CaseChanged(c.id, c.number, action, from, c.state, c.departmentCode, c.reporterId,
                c.sourceChannel, c.hotlineTicket, now));
    }

    private List<Long> checkPhotos(CityCase c, List<Long> ids) {
        if (ids.size() > 20) {
            throw ProblemException.invalid("photoIds", "attach at most 20 photos to one action");
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || ((Number) em.createNativeQuery("SELECT count(*) FROM case_photo WHERE id = ?1 AND case_id = ?2")
                    .setParameter(1, id).setParameter(2, c.id).getSingleResult()).intValue() == 0) {
                throw ProblemException.invalid("photoIds[" + i + "]", "no photo " + id + " on case " + c.number
                        + "; upload it to the case first");
            }
        }
        return List.copyOf(ids);
    }

    private CaseGuard.GuardFacts facts(CityCase c, Actor actor, String reason) {
        Set<String> participants = new LinkedHashSet<>();
        CaseParticipant.<CaseParticipant>list("caseId", c.id).forEach(p -> participants.add(p.departmentCode));
        // After-photos count from the start of the running disposal attempt: a failed round's photo proves nothing.
        Instant since = runningPhase(c).map(p -> p.startedAt).orElse(Instant.EPOCH);
        List<Object[]> counts = em.createNativeQuery("SELECT stage, count(*) FROM case_photo WHERE case_id = ?1 "
                        + "AND (stage = 'BEFORE' OR uploaded_at >= ?2) GROUP BY stage")
                .setParameter(1, c.id).setParameter(2, since).getResultList();
        int before = 0;
        int after = 0;
        for (Object[] row : counts) {
            if ("BEFORE".equals(row[0])) {
                before = ((Number) row[1]).intValue();
            } else {
                after = ((Number) row[1]).intValue();
            }
        }
        boolean evidenceAfter = CatalogClass.<CatalogClass>find("kind = ?1 and code = ?2", c.kind, c.classCode)
                .firstResultOptional().map(k -> k.evidenceAfter).orElse(false);
        return new CaseGuard.GuardFacts(c, actor, reason, participants, before, after, evidenceAfter);
    }

    /** The actions the actor may take on the case now (by role; guards decide when they are tried). */
    public List<String> allowedActions(CityCase c, Actor actor) {
        return TransitionTable.WORKFLOW.allowed(c.state, actor.roles()).stream().map(CaseAction::wireName).toList();
    }

    /** Staff of the city: those who see every case, and department handlers. */
    public static boolean isStaff(Actor actor) {
        return actor.roles().stream().anyMatch(r -> SEE_ALL.contains(r) || r == Role.DEPARTMENT_HANDLER);
    }

    /** Whether the actor may see the case: staff who see every case, its department, its reporter and followers. */
    public boolean canSee(CityCase c, Actor actor) {
        if (actor.roles().stream().anyMatch(SEE_ALL::contains)) {
            return true;
        }
        if (actor.id() != null && actor.id().equals(c.reporterId)) {
            return true;
        }
        if (actor.roles().contains(Role.DEPARTMENT_HANDLER) && actor.departmentCode() != null
                && (actor.departmentCode().equals(c.departmentCode)
                || CaseParticipant.count("caseId = ?1 and departmentCode = ?2", c.id, actor.departmentCode()) > 0)) {
            return true;
        }
        if (actor.roles().contains(Role.HOTLINE) && c.hotlineTicket != null) {
            return true;
        }
        return actor.id() != null && ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM case_follower WHERE case_id = ?1 AND user_id = ?2")
                .setParameter(1, c.id).setParameter(2, actor.id()).getSingleResult()).intValue() > 0;
    }

    /** A case the actor may see, by number. */
    @Transactional
    public CityCase get(String number, Actor actor) {
        CityCase c = CityCase.<CityCase>find("number", number).firstResultOptional()
                .filter(x -> canSee(x, actor))
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
        return c;
    }

    @Transactional
    public List<CaseEvent> events(CityCase c) {
        return CaseEvent.list("caseId = ?1 order by seq", c.id);
    }

    @Transactional
    public List<CasePhase> phases(CityCase c) {
        return CasePhase.list("caseId = ?1 order by id", c.id);
    }

    @Transactional
    public List<CaseParticipant> participants(CityCase c) {
        return CaseParticipant.list("caseId = ?1 order by id", c.id);
    }

    /** Open cases of the subclass near a point: what a resident sees before reporting ("me too" instead). */
    @Transactional
    public List<DuplicateFinder.Nearby> nearby(CatalogClass.Kind kind, String classCode, double lon, double lat) {
        CatalogClass cls = catalog.get(kind, classCode);
        return duplicates.openNear(kind, classCode, lon, lat, cls.duplicateRadiusM, cls.duplicateWindowHours,
                clock.instant(), null);
    }

    /** Open cases that may repeat this one (same subclass, near, within the window); none once it is history. */
    @Transactional
    public List<DuplicateFinder.Nearby> possibleDuplicates(CityCase c) {
        if (!c.open) {
            return List.of();
        }
        CatalogClass cls = catalog.get(c.kind, c.classCode);
        return duplicates.openNear(c.kind, c.classCode, c.lon, c.lat, cls.duplicateRadiusM, cls.duplicateWindowHours,
                clock.instant(), c.id);
    }

    /** The filing conditions of the rule the case is held to: what the acceptor chooses from when filing it. */
    @Transactional
    public List<FilingCondition> filingConditions(CityCase c) {
        return catalog.conditions(CatalogRule.findById(c.ruleId));
    }

    /**
     * The department the routing rule names for the case, as a dispatch without a choice would send it;
     * empty when no active department answers for it (the dispatcher then chooses one). Not transactional
     * on purpose: a refusal of the routing must not mark the caller's transaction for rollback.
     */
    public Optional<RoutingService.Responsible> suggestedDepartment(CityCase c) {
        try {
            return Optional.of(routing.responsible(c.kind, c.classCode, c.streetCode, c.districtCode));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /** The number of the case this one was merged into, if it was. */
    @Transactional
    public Optional<String> duplicateOfNumber(CityCase c) {
        return c.duplicateOf == null ? Optional.empty()
                : CityCase.<CityCase>findByIdOptional(c.duplicateOf).map(o -> o.number);
    }

    private CityCase lock(String number) {
        return CityCase.<CityCase>find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
    }

    /** The extension or suspension asked for and not yet decided ({@code kind}, {@code by}, {@code reason}, ...); empty when none. */
    public Map<String, Object> readPending(CityCase c) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = c.pendingRequest == null ? Map.of() : json.readValue(c.pendingRequest, Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Pending request of case " + c.number + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Cases belong to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    /** Now, at the database's precision: what a client reads back later is what it was told at first. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
