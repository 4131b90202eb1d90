package city.gridcity.cases;

import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.RuleInForce;
import city.gridcity.catalog.Subclass;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.shared.db.BulkInserts;
import city.gridcity.shared.db.GroupCommit;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way reports enter the loop, whatever the channel (console, API, hotline; later the portal
 * and Open311): each channel translates its format into a {@link ReportCommand}. Works on the city
 * selected in {@link TenantContext}.
 */
@ApplicationScoped
public class CaseIntake {

    static final int MAX_DESCRIPTION = 2000;

    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final GridLocator grid;
    private final CatalogService catalog;
    private final WorkflowConfigService config;
    private final DuplicateFinder duplicates;
    private final ReportStore store;
    private final OpenCaseIndex openCases;
    private final CaseHistory history;
    private final CaseFollowers followers;
    private final LocalLoop localLoop;
    private final Clock clock;
    /** Reports arriving at the same moment share a transaction: one commit and batched INSERTs for all. */
    private final GroupCommit<TenantRef, ReportStore.Checked, Reported> batches;

    CaseIntake(TenantContext tenant, TenantDirectory directory, GridLocator grid, CatalogService catalog,
               WorkflowConfigService config, DuplicateFinder duplicates, ReportStore store, OpenCaseIndex openCases,
               CaseHistory history,
               CaseFollowers followers, LocalLoop localLoop, Clock clock, TenantRunner runner,
               @ConfigProperty(name = "gridcity.intake.writers", defaultValue = "2") int writers,
               @ConfigProperty(name = "gridcity.intake.batch-size", defaultValue = "64") int batchSize,
               BulkInserts inserts) {
        this.tenant = tenant;
        this.directory = directory;
        this.grid = grid;
        this.catalog = catalog;
        this.config = config;
        this.duplicates = duplicates;
        this.store = store;
        this.openCases = openCases;
        this.history = history;
        this.followers = followers;
        this.localLoop = localLoop;
        this.clock = clock;
        this.batches = new GroupCommit<>("intake", writers, batchSize, Duration.ofSeconds(10),
                (city, reports) -> runner.call(city, () -> inserts.batch(() -> write(city, reports))));
    }

    /** Writes checked reports of one city in the current transaction; the open-case indexes hear of them on commit. */
    private List<Reported> write(TenantRef city, List<ReportStore.Checked> reports) {
        List<Reported> written = reports.stream().map(store::write).toList();
        openCases.announce(city.code(), written.stream().map(Reported::theCase).toList());
        return written;
    }

    @PreDestroy
    void stop() {
        batches.stop(Duration.ofSeconds(10));
    }

    /** A stored report and the open cases it may repeat (the caller shows them as {@link CaseVisibility} allows). */
    public record Reported(CityCase theCase, List<DuplicateFinder.Nearby> possibleDuplicates, List<CasePhase> phases) {

        /** The new case as other features (a channel such as the hotline) may know it. */
        public CaseDirectory.CaseSummary summary() {
            return CaseDirectory.CaseSummary.of(theCase);
        }
    }

    /**
     * Stores a report: locates it in the grid in force today, holds it to the subclass's rule in
     * force now, looks for open cases of the same problem, and, for a city supervisor, decides
     * whether it is a missed report of the district (漏报). Inside a caller's transaction (the
     * hotline's) the report is written in it; otherwise it is written with the reports arriving at the
     * same moment ({@link GroupCommit}) and this returns once it has committed.
     *
     * @throws ProblemException 400 naming the field; 403 when the source is not the reporter's;
     *                          422 when the point is outside the city; 503 when intake is overloaded
     */
    public Reported report(ReportCommand cmd, Actor actor) {
        ReportStore.Checked checked = check(cmd, actor);
        if (QuarkusTransaction.isActive()) {
            return write(checked.city(), List.of(checked)).get(0);
        }
        try {
            return batches.submit(checked.city(), checked);
        } catch (GroupCommit.Busy e) {
            throw ProblemException.unavailable("intake-busy", "Too many reports at once; nothing was stored. "
                    + "Send the report again in a few seconds.", 5);
        }
    }

    /** Everything that can be known and refused before the report is written. */
    private ReportStore.Checked check(ReportCommand cmd, Actor actor) {
        validate(cmd);
        CaseSource source = sourceFor(cmd.source(), actor);
        CatalogService.ClassRules classRules = catalog.classRules(cmd.kind(), cmd.classCode()).filter(c -> c.subclass().active())
                .orElseThrow(() -> ProblemException.invalid("classCode", "no active " + cmd.kind().name().toLowerCase()
                        + " subclass " + cmd.classCode() + " in this city's catalog; see /api/v1/catalog"));
        Subclass cls = classRules.subclass();
        if (cls.hiddenFromResidents() && source.channel == CaseSource.Channel.RESIDENT) {
            // Hazards and the like are reported by staff: the portal does not offer them, nor does the API.
            throw ProblemException.invalid("classCode", "subclass " + cls.code() + " is not reported by residents; "
                    + "choose one of the categories the portal offers, or call the city hotline");
        }
        Instant now = now();
        RuleInForce rule = classRules.inForceAt(now).orElseThrow(() -> ProblemException.conflict("no-rule-in-force",
                "Subclass " + cls.code() + " has no rule in force yet; ask the administrator to add one."));
        GridLocator.Location where = grid.locate(cmd.lon(), cmd.lat(),
                cmd.crs() == null ? CoordinateSystem.WGS84 : cmd.crs(), null);
        if (cmd.selfHandling()) {
            checkSelfHandling(cls, source);
        }
        List<DuplicateFinder.Nearby> near = cmd.selfHandling() ? List.of() : duplicates.openNear(cls.kind(), cls.code(),
                where.lon(), where.lat(), cls.duplicateRadiusM(), cls.duplicateWindowHours(), now, null);
        // Two-level supervision: the city may register a missed report only when the district has none.
        Optional<DuplicateFinder.Nearby> districtReport = source.channel == CaseSource.Channel.CITY_SUPERVISOR
                ? duplicates.districtReportNear(cls.kind(), cls.code(), where.lon(), where.lat(), cls.duplicateRadiusM(),
                        cls.duplicateWindowHours(), now)
                : Optional.empty();
        Optional<LocalLoop.Decision> local = localLoop.at(cls, where.unit().code().substring(0, 12), cmd.selfHandling(), now);
        return new ReportStore.Checked(cmd, actor, city(), source, cls, rule, where, near, districtReport, now, local);
    }

    /** A resident's "me too" (我也遇到): they follow the open case instead of reporting it again. */
    @Transactional
    public CityCase meToo(String number, Double lon, Double lat, Actor actor) {
        if (lon == null || lat == null) {
            throw ProblemException.invalid("location", "give lon and lat of where you see the problem");
        }
        CityCase c = CityCase.<CityCase>find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
        // Only a case the resident could have been shown near them: a number alone opens nothing.
        Subclass cls = catalog.subclass(c.kind, c.classCode);
        Instant now = now();
        boolean near = c.open && duplicates.openNear(c.kind, c.classCode, lon, lat, cls.duplicateRadiusM(),
                cls.duplicateWindowHours(), now, null).stream().anyMatch(n -> n.id() == c.id);
        if (!near) {
            throw ProblemException.notFound("An open case " + number + " near (" + lon + ", " + lat + ")");
        }
        if (followers.follow(c, actor.id(), now)) {
            c.gainFollower();
            c.updatedAt = now;
            history.append(c, new CaseHistory.Entry(CaseAction.ME_TOO, c.state, actor, Role.RESIDENT.wireName(), null,
                    null, List.of(), now));
        }
        return c;
    }

    private static void validate(ReportCommand cmd) {
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
    }

    private static void checkSelfHandling(Subclass cls, CaseSource source) {
        if (!cls.minor()) {
            throw ProblemException.invalid("selfHandling", "subclass " + cls.code() + " is not a minor problem; "
                    + "only minor problems are handled on the spot");
        }
        if (source.channel != CaseSource.Channel.DISTRICT_SUPERVISOR && source.channel != CaseSource.Channel.CITY_SUPERVISOR
                && source.channel != CaseSource.Channel.VOLUNTEER) {
            throw ProblemException.invalid("selfHandling", "only supervisors and volunteers handle problems on the spot");
        }
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

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Cases belong to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    /** Now, at the database's precision: what a client reads back later is what it was told at first. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
