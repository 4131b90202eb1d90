package city.gridcity.cases;

import city.gridcity.catalog.RuleInForce;
import city.gridcity.catalog.Subclass;
import city.gridcity.grid.GridLocator;
import city.gridcity.identity.Role;
import city.gridcity.shared.db.BulkInserts;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writing half of intake: turns a report that {@link CaseIntake} has checked into its rows (the
 * case, its filing phase, its first event, and through the event's observers its facts and outbox
 * messages) in the current transaction. Nothing here reads the database except for a new block of
 * case numbers, so the rows of many reports queue up in one persistence context and reach PostgreSQL
 * as a few batched INSERTs at commit.
 */
@ApplicationScoped
class ReportStore {

    private final WorkflowConfigService config;
    private final CaseNumbers numbers;
    private final PhaseClock clocks;
    private final CaseHistory history;
    private final BulkInserts inserts;

    ReportStore(WorkflowConfigService config, CaseNumbers numbers, PhaseClock clocks, CaseHistory history,
                BulkInserts inserts) {
        this.inserts = inserts;
        this.config = config;
        this.numbers = numbers;
        this.clocks = clocks;
        this.history = history;
    }

    /**
     * A report that passed every check, with what the checks found: where it is, the rule it is held
     * to, the open cases near it, and for a city supervisor the district's report of the same problem.
     */
    record Checked(ReportCommand cmd, Actor actor, TenantRef city, CaseSource source, Subclass cls, RuleInForce rule,
                   GridLocator.Location where, List<DuplicateFinder.Nearby> near,
                   Optional<DuplicateFinder.Nearby> districtReport, Instant now, Optional<LocalLoop.Decision> local) {
    }

    CaseIntake.Reported write(Checked r) {
        ReportCommand cmd = r.cmd();
        Subclass cls = r.cls();
        Instant now = r.now();
        CityCase c = new CityCase();
        c.number = numbers.next(r.city().code(), config.settings().numberPrefix,
                LocalDate.ofInstant(now, ZoneId.of(r.city().timeZone())));
        c.sourceCode = r.source().code;
        c.sourceChannel = r.source().channel;
        c.kind = cls.kind();
        c.classCode = cls.code();
        c.className = cls.name();
        c.ruleId = r.rule().id();
        c.keyClass = cls.keyClass();
        c.minor = cls.minor();
        c.baseCaseWeight = r.rule().baseCaseWeight();
        c.problemType = CityCase.ProblemType.ORDINARY;
        // Urgency is the centre's judgement: a resident's or volunteer's report starts as normal.
        c.priority = cmd.priority() == null || !CaseVisibility.isStaff(r.actor()) ? CityCase.Priority.NORMAL : cmd.priority();
        c.lon = r.where().lon();
        c.lat = r.where().lat();
        c.address = blankToNull(cmd.address());
        c.layoutVersion = r.where().layoutVersion();
        c.unitCode = r.where().unit().code();
        c.managementCode = c.unitCode.substring(0, 14);
        c.communityCode = c.unitCode.substring(0, 12);
        c.streetCode = c.unitCode.substring(0, 9);
        c.districtCode = c.unitCode.substring(0, 6);
        c.description = cmd.description().trim();
        c.reporterId = r.actor().id();
        c.reporterName = r.actor().name();
        c.hotlineTicket = cmd.hotlineTicket();
        c.reportedAt = now;
        c.updatedAt = now;
        c.selfHandled = cmd.selfHandling();
        c.moveTo(cmd.selfHandling() ? CaseState.SELF_HANDLING : CaseState.REPORTED);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", c.unitCode);
        data.put("layoutVersion", c.layoutVersion);
        if (!r.near().isEmpty()) {
            data.put("possibleDuplicates", r.near().stream().map(DuplicateFinder.Nearby::number).toList());
        }
        if (c.sourceChannel == CaseSource.Channel.CITY_SUPERVISOR) {
            c.missedReport = r.districtReport().isEmpty();
            c.missedDistrictCode = r.districtReport().isEmpty() ? c.districtCode : null;
            r.districtReport().ifPresent(d -> data.put("districtReport", d.number()));
        }
        r.local().ifPresent(l -> {
            // 二级闭环: the community committee or street office of the point files, dispatches and verifies it.
            c.startLocalLoop(l.unitCode(), l.deadline());
            data.put("localUnit", l.unitCode());
            data.put("localDeadline", l.deadline().toString());
        });
        Deadlines.Limit filing = cmd.selfHandling() ? null : clocks.startFiling(c, now);
        inserts.insert(c);
        List<CasePhase> phases = filing == null ? List.of() : List.of(clocks.recordFirst(c, filing, now));
        history.first(c, new CaseHistory.Entry(cmd.selfHandling() ? CaseAction.SELF_REPORT : CaseAction.REPORT, null,
                r.actor(), reporterRole(c.sourceChannel, r.actor()), null, data, List.of(), now));
        return new CaseIntake.Reported(c, r.near(), phases);
    }

    private static String reporterRole(CaseSource.Channel channel, Actor actor) {
        return channel.reporters().stream().filter(actor.roles()::contains).findFirst().map(Role::wireName)
                .orElse(Actor.SYSTEM_ROLE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
