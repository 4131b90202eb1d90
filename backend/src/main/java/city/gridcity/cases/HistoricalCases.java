package city.gridcity.cases;

import city.gridcity.cases.actions.ActionHandler;
import city.gridcity.cases.actions.ActionStep;
import city.gridcity.cases.facts.CaseFactsRebuild;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RuleInForce;
import city.gridcity.catalog.Subclass;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cases of the current city brought from its older system (history import, issue #10). A case is checked as intake
 * checks a report, but at its own moment: located in the layout in force on the day it was reported, held to the
 * catalog rule in force then, and its events walked through {@link TransitionTable#WORKFLOW} row by row. It is then
 * written as the loop writes a case: its row, its phase clocks run by {@link PhaseClock} at the events' moments, each
 * action carried out by the handler its table row names, one event per action; but no {@link CaseChanged} is fired,
 * so nobody is notified and no points are given. Its facts are then made by {@link CaseFactsRebuild} from the
 * history just written, the same fold as for every case.
 */
@ApplicationScoped
public class HistoricalCases {

    /** One case of the old system: its report and its events in order, then the residents' ratings. */
    public record ImportedCase(String number, String source, Party reporter, CatalogClass.Kind kind, String classCode,
                               Double lon, Double lat, String address, String description, Instant reportedAt,
                               Boolean selfHandling, Boolean missedReport, String districtReport,
                               List<ImportedEvent> events, List<ImportedRating> ratings) {
    }

    /** Who did something in the old system: a role and the old system's reference for them. */
    public record Party(String role, String ref) {
    }

    /** One event: the action (a row of the table from the state the case was in), who, when, and its inputs. */
    public record ImportedEvent(String action, Party actor, String department, List<String> departments, Instant at,
                                String reason, String condition, String duplicateOf, Integer extensionAmount,
                                String extensionUnit, LocalDate resumeOn, List<String> photos) {
    }

    /** A resident's rating of the closed case. {@code satisfaction}: satisfied, basically-satisfied, dissatisfied. */
    public record ImportedRating(String resident, Instant at, String satisfaction, Boolean solved, String comment) {
    }

    /** A checked case: its problems (field paths within the line), or what the checks found to write it with. */
    public record Checked(ImportedCase theCase, List<Problem.FieldError> errors, CaseSource source, Subclass cls,
                          RuleInForce rule, GridLocator.Location where) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final GridLocator grid;
    private final CatalogService catalog;
    private final WorkflowConfigService config;
    private final PhaseClock clocks;
    private final CaseHistory history;
    private final Instance<ActionHandler> handlers;
    private final CaseFactsRebuild facts;
    private final EntityManager em;
    private final Clock clock;

    HistoricalCases(TenantContext tenant, TenantDirectory directory, GridLocator grid, CatalogService catalog,
                    WorkflowConfigService config, PhaseClock clocks, CaseHistory history,
                    @Any Instance<ActionHandler> handlers, CaseFactsRebuild facts, EntityManager em, Clock clock) {
        this.tenant = tenant;
        this.directory = directory;
        this.grid = grid;
        this.catalog = catalog;
        this.config = config;
        this.clocks = clocks;
        this.history = history;
        this.handlers = handlers;
        this.facts = facts;
        this.em = em;
        this.clock = clock;
    }

    /** Those of {@code numbers} that the current city has cases of (native or imported). */
    public Set<String> existing(java.util.Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("select c.number from CityCase c where c.number in :numbers", String.class)
                .setParameter("numbers", numbers).getResultList());
    }

    /**
     * Checks a case as intake would have at its moment, without writing anything. Every problem is named by its
     * path in the line ({@code classCode}, {@code events[2].action}).
     */
    public Checked check(ImportedCase in) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (in.number() == null || !in.number().matches("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")) {
            errors.add(new Problem.FieldError("number", "give the case's number in the old system: letters, digits and "
                    + "dashes, at most 32"));
        }
        CaseSource source = null;
        Role reporterRole = null;
        if (in.source() == null || config.source(in.source()).isEmpty()) {
            errors.add(new Problem.FieldError("source", "no source '" + in.source() + "' in this city; see "
                    + "/api/v1/workflow/sources"));
        } else {
            source = config.source(in.source()).get();
        }
        if (in.reporter() == null || in.reporter().role() == null || Role.fromWireName(in.reporter().role()).isEmpty()) {
            errors.add(new Problem.FieldError("reporter.role", "give the reporter's role, e.g. district-supervisor"));
        } else {
            reporterRole = Role.fromWireName(in.reporter().role()).get();
            if (source != null && !source.channel.reporters().contains(reporterRole)) {
                errors.add(new Problem.FieldError("reporter.role", "source '" + source.code + "' is reported through by "
                        + source.channel.reporters().stream().map(Role::wireName).sorted().toList()));
            }
        }
        Instant now = clock.instant();
        if (in.reportedAt() == null) {
            errors.add(new Problem.FieldError("reportedAt", "give the moment reported (ISO-8601, e.g. 2026-10-03T09:15:00Z)"));
        } else if (in.reportedAt().isAfter(now)) {
            errors.add(new Problem.FieldError("reportedAt", "is in the future; history is what has happened"));
        }
        Subclass cls = null;
        RuleInForce rule = null;
        Optional<CatalogService.ClassRules> rules = in.kind() == null || in.classCode() == null ? Optional.empty()
                : catalog.classRules(in.kind(), in.classCode());
        if (rules.isEmpty()) {
            errors.add(new Problem.FieldError("classCode", "no " + (in.kind() == null ? "" : in.kind().name().toLowerCase()
                    + " ") + "subclass " + in.classCode() + " in this city's catalog; see /api/v1/catalog"));
        } else {
            cls = rules.get().subclass();
            if (in.reportedAt() != null) {
                rule = rules.get().inForceAt(in.reportedAt()).orElse(null);
                if (rule == null) {
                    errors.add(new Problem.FieldError("classCode", "subclass " + cls.code() + " had no rule in force on "
                            + in.reportedAt() + "; add the rule of that time to the catalog first"));
                }
            }
        }
        GridLocator.Location where = null;
        if (in.lon() == null || in.lat() == null || !Double.isFinite(in.lon()) || !Double.isFinite(in.lat())
                || Math.abs(in.lon()) > 180 || Math.abs(in.lat()) > 90) {
            errors.add(new Problem.FieldError("point", "give lon (-180..180) and lat (-90..90) of the problem"));
        } else if (in.reportedAt() != null) {
            try {
                where = grid.locate(in.lon(), in.lat(), CoordinateSystem.WGS84, day(in.reportedAt()));
            } catch (ProblemException e) {
                errors.add(new Problem.FieldError("point", e.getMessage()));
            }
        }
        boolean selfHandling = Boolean.TRUE.equals(in.selfHandling());
        if (selfHandling && cls != null && !cls.minor()) {
            errors.add(new Problem.FieldError("selfHandling", "subclass " + cls.code() + " is not a minor problem"));
        }
        if (source != null && source.channel != CaseSource.Channel.CITY_SUPERVISOR
                && (in.missedReport() != null || in.districtReport() != null)) {
            errors.add(new Problem.FieldError("missedReport", "only a city supervisor's report is registered as missed "
                    + "by the district or not"));
        }
        if (Boolean.FALSE.equals(in.missedReport()) && in.districtReport() == null) {
            errors.add(new Problem.FieldError("districtReport", "a city supervisor's report not missed by the district "
                    + "names the district's report of the same problem"));
        }
        CaseState state = walk(in, selfHandling, rule, errors);
        List<ImportedRating> ratings = in.ratings() == null ? List.of() : in.ratings();
        for (int i = 0; i < ratings.size(); i++) {
            ImportedRating r = ratings.get(i);
            String at = "ratings[" + i + "]";
            if (state != null && TransitionTable.WORKFLOW.find(state, CaseAction.RATE).isEmpty()) {
                errors.add(new Problem.FieldError(at, "residents rate a closed case; this case ends "
                        + state.labelEn().toLowerCase()));
            }
            if (r.at() == null || (in.reportedAt() != null && r.at().isBefore(in.reportedAt()))) {
                errors.add(new Problem.FieldError(at + ".at", "give the moment rated, after the report"));
            }
            if (satisfaction(r.satisfaction()).isEmpty()) {
                errors.add(new Problem.FieldError(at + ".satisfaction", "use satisfied, basically-satisfied or dissatisfied"));
            }
            if (r.resident() == null || r.resident().isBlank()) {
                errors.add(new Problem.FieldError(at + ".resident", "give the old system's reference of the resident"));
            }
        }
        return new Checked(in, List.copyOf(errors), source, cls, rule, where);
    }

    /** Walks the events through the table's rows from state to state; the state reached, or null once lost. */
    private CaseState walk(ImportedCase in, boolean selfHandling, RuleInForce rule, List<Problem.FieldError> errors) {
        CaseState state = selfHandling ? CaseState.SELF_HANDLING : CaseState.REPORTED;
        CaseState beforeVoid = null;
        Instant previous = in.reportedAt();
        List<ImportedEvent> events = in.events() == null ? List.of() : in.events();
        for (int i = 0; i < events.size(); i++) {
            ImportedEvent e = events.get(i);
            String at = "events[" + i + "]";
            Optional<CaseAction> action = e.action() == null ? Optional.empty() : CaseAction.fromWireName(e.action());
            if (action.isEmpty() || action.get() == CaseAction.RATE || action.get() == CaseAction.REPORT
                    || action.get() == CaseAction.SELF_REPORT) {
                errors.add(new Problem.FieldError(at + ".action", "no action '" + e.action() + "' for an event (the report "
                        + "is the line itself, ratings go in ratings)"));
                return null;
            }
            CaseState from = state;
            TransitionTable.Transition row = TransitionTable.WORKFLOW.find(state, action.get()).orElse(null);
            if (row == null) {
                errors.add(new Problem.FieldError(at + ".action", "'" + e.action() + "' is not possible while the case is "
                        + from.labelEn().toLowerCase() + " (" + from.labelZh() + "); the table allows "
                        + TransitionTable.WORKFLOW.rows().stream().filter(t -> t.from() == from)
                        .map(t -> t.action().wireName()).distinct().toList()));
                return null;
            }
            String role = e.actor() == null ? null : e.actor().role();
            boolean system = Actor.SYSTEM_ROLE.equals(role) && row.system();
            if (!system && (role == null || Role.fromWireName(role).filter(row.roles()::contains).isEmpty())) {
                errors.add(new Problem.FieldError(at + ".actor.role", "'" + e.action() + "' in this state is for "
                        + row.roles().stream().map(Role::wireName).sorted().toList() + (row.system() ? " or the system" : "")));
            }
            if (e.at() == null || (previous != null && e.at().isBefore(previous))) {
                errors.add(new Problem.FieldError(at + ".at", "give the moment (ISO-8601), not before the event before it"));
            } else {
                previous = e.at();
            }
            if (row.reasonRequired() && (e.reason() == null || e.reason().isBlank())) {
                errors.add(new Problem.FieldError(at + ".reason", "'" + e.action() + "' needs the reason given"));
            }
            if (action.get() == CaseAction.FILE && rule != null && catalog.conditionsOfRule(rule.id()).stream()
                    .noneMatch(fc -> fc.code().equals(e.condition()))) {
                errors.add(new Problem.FieldError(at + ".condition", "the rule in force then has conditions "
                        + catalog.conditionsOfRule(rule.id()).stream().map(FilingCondition::code).toList() + ", not '"
                        + e.condition() + "'"));
            }
            if (row.to() == CaseState.VOID_PENDING) {
                beforeVoid = from;
            }
            state = row.to() == null ? beforeVoid : row.to();
        }
        return state;
    }

    /**
     * Writes a checked case in the caller's transaction, its facts included, and tells no one.
     *
     * @throws ProblemException naming the field when an event's handler refuses its inputs (a department that does
     *                          not exist, a case to merge into that does not stand)
     */
    public void write(Checked checked) {
        if (!checked.ok()) {
            throw new IllegalArgumentException("case " + checked.theCase().number() + " has problems");
        }
        ImportedCase in = checked.theCase();
        Subclass cls = checked.cls();
        Instant reportedAt = micros(in.reportedAt());
        CityCase c = new CityCase();
        c.number = in.number();
        c.imported = true;
        c.sourceCode = checked.source().code;
        c.sourceChannel = checked.source().channel;
        c.kind = cls.kind();
        c.classCode = cls.code();
        c.className = cls.name();
        c.ruleId = checked.rule().id();
        c.keyClass = cls.keyClass();
        c.minor = cls.minor();
        c.baseCaseWeight = checked.rule().baseCaseWeight();
        c.problemType = CityCase.ProblemType.ORDINARY;
        c.priority = CityCase.Priority.NORMAL;
        GridLocator.Location where = checked.where();
        c.lon = where.lon();
        c.lat = where.lat();
        c.address = in.address() == null || in.address().isBlank() ? null : in.address().trim();
        c.layoutVersion = where.layoutVersion();
        c.unitCode = where.unit().code();
        c.managementCode = c.unitCode.substring(0, 14);
        c.communityCode = c.unitCode.substring(0, 12);
        c.streetCode = c.unitCode.substring(0, 9);
        c.districtCode = c.unitCode.substring(0, 6);
        c.description = in.description() == null || in.description().isBlank() ? cls.name() : in.description().trim();
        c.reporterName = in.reporter().ref();
        c.reportedAt = reportedAt;
        c.updatedAt = reportedAt;
        boolean selfHandling = Boolean.TRUE.equals(in.selfHandling());
        c.selfHandled = selfHandling;
        c.moveTo(selfHandling ? CaseState.SELF_HANDLING : CaseState.REPORTED);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", c.unitCode);
        data.put("layoutVersion", c.layoutVersion);
        data.put("imported", true);
        if (c.sourceChannel == CaseSource.Channel.CITY_SUPERVISOR) {
            c.missedReport = in.districtReport() == null;
            c.missedDistrictCode = c.missedReport ? c.districtCode : null;
            if (in.districtReport() != null) {
                data.put("districtReport", in.districtReport());
            }
        }
        Deadlines.Limit filing = selfHandling ? null : clocks.startFiling(c, reportedAt);
        c.persist();
        // Its rows refer to it by id alone (no mapped association), so Hibernate could order their inserts first.
        em.flush();
        List<CasePhase> phases = new ArrayList<>();
        if (filing != null) {
            phases.add(clocks.recordFirst(c, filing, reportedAt));
        }
        Written written = new Written(new ArrayList<>(), PhaseClock.inMemory(phases));
        Actor reporter = actor(in.reporter(), null);
        written.quietly(c, 1, new CaseHistory.Entry(selfHandling ? CaseAction.SELF_REPORT : CaseAction.REPORT, null,
                reporter, in.reporter().role(), null, data, List.of(), reportedAt));
        int seq = 1;
        List<ImportedEvent> events = in.events() == null ? List.of() : in.events();
        for (int i = 0; i < events.size(); i++) {
            seq = carryOut(c, events.get(i), "events[" + i + "]", seq, written);
        }
        List<ImportedRating> ratings = in.ratings() == null ? List.of() : in.ratings();
        for (ImportedRating r : ratings) {
            Map<String, Object> rated = new LinkedHashMap<>();
            rated.put("resident", r.resident());
            rated.put("solved", !Boolean.FALSE.equals(r.solved()));
            rated.put("satisfaction", satisfaction(r.satisfaction()).orElseThrow().name());
            if (r.comment() != null && !r.comment().isBlank()) {
                rated.put("comment", r.comment().trim());
            }
            written.quietly(c, ++seq, new CaseHistory.Entry(CaseAction.RATE, c.state,
                    actor(new Party(Role.RESIDENT.wireName(), r.resident()), null), Role.RESIDENT.wireName(), null, rated,
                    List.of(), micros(r.at())));
        }
        facts.recompute(c, written.events(), phases);
    }

    /** What has been written of the case so far: its events in order, and its phase rows (kept by the clock). */
    private final class Written {
        private final List<CaseEvent> events;
        private final PhaseClock.Rows phases;

        Written(List<CaseEvent> events, PhaseClock.Rows phases) {
            this.events = events;
            this.phases = phases;
        }

        List<CaseEvent> events() {
            return events;
        }

        void quietly(CityCase c, int seq, CaseHistory.Entry entry) {
            events.add(history.quietly(c, seq, entry));
        }
    }

    private int carryOut(CityCase c, ImportedEvent e, String field, int seq, Written written) {
        CaseAction action = CaseAction.fromWireName(e.action()).orElseThrow();
        TransitionTable.Transition row = TransitionTable.WORKFLOW.find(c.state, action).orElseThrow(() ->
                ProblemException.invalid(field + ".action", "'" + e.action() + "' is not possible while the case is "
                        + c.state.labelEn().toLowerCase()));
        Instant at = micros(e.at());
        CaseState from = c.state;
        CaseState to = row.to() == null ? c.resumeState : row.to();
        Actor actor = actor(e.actor(), e.department());
        ActionCommand cmd = new ActionCommand(action.wireName(), null, e.reason(), e.condition(), null, null,
                e.department(), e.departments(), e.duplicateOf(), e.extensionAmount(),
                e.extensionUnit() == null ? null : FilingCondition.Unit.valueOf(e.extensionUnit()), e.resumeOn(), List.of());
        ActionStep step = new ActionStep(c, row, cmd, actor, at);
        try {
            handlers.select(row.handler()).get().apply(step);
        } catch (ProblemException refused) {
            List<Problem.FieldError> named = refused.errors() == null || refused.errors().isEmpty()
                    ? List.of(new Problem.FieldError(field, refused.getMessage())) : refused.errors().stream()
                    .map(x -> new Problem.FieldError(field + "." + x.field(), x.message())).toList();
            throw ProblemException.invalid(named);
        }
        c.moveTo(to);
        c.updatedAt = at;
        clocks.move(c, to, action, at, written.phases);
        Map<String, Object> data = new LinkedHashMap<>(step.data());
        if (e.photos() != null && !e.photos().isEmpty()) {
            data.put("photos", e.photos());
        }
        written.quietly(c, ++seq, new CaseHistory.Entry(action, from, actor, role(e.actor()), e.reason(), data, List.of(),
                at));
        if (step.followUp().isPresent()) {
            TransitionTable.Transition next = TransitionTable.WORKFLOW.find(c.state, step.followUp().get())
                    .filter(TransitionTable.Transition::system).orElseThrow();
            ActionStep follow = new ActionStep(c, next, ActionCommand.bySystem(next.action(), null), actor, at);
            handlers.select(next.handler()).get().apply(follow);
            CaseState before = c.state;
            c.moveTo(next.to());
            clocks.move(c, next.to(), next.action(), at, written.phases);
            written.quietly(c, ++seq, new CaseHistory.Entry(next.action(), before,
                    Actor.system("all called departments reported"), Actor.SYSTEM_ROLE, null, follow.data(), List.of(), at));
        }
        return seq;
    }

    private static String role(Party p) {
        return p == null || p.role() == null ? Actor.SYSTEM_ROLE : p.role();
    }

    /** An actor of the old system: no user of this one (no id), named by the old system's reference. */
    private static Actor actor(Party p, String department) {
        if (p == null || Actor.SYSTEM_ROLE.equals(p.role())) {
            return Actor.system(p == null || p.ref() == null ? "imported" : p.ref());
        }
        return new Actor(null, p.ref() == null ? p.role() : p.ref(),
                Role.fromWireName(p.role()).map(Set::of).orElse(Set.of()), department);
    }

    static Optional<Satisfaction> satisfaction(String wire) {
        return Satisfaction.of(wire);
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneId.of(city().timeZone()));
    }

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Cases belong to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
