package city.gridcity.assessment;

import city.gridcity.calendar.CalendarService;
import city.gridcity.calendar.WorkingCalendar;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.sampling.Sampling;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Assessment runs of the current city: a scheme (and optionally an overlay) in force at the period's start,
 * applied to every target of the scheme's kind over the case facts of the period. A run is stored once with
 * the versions it used, a digest of everything it read and its result; it is never changed, and computing it
 * again from the same facts and versions gives the same bytes ({@link #reproduce}).
 */
@ApplicationScoped
public class Runs {

    /** The longest period a run may cover. */
    public static final int MAX_DAYS = 366;

    /**
     * How long computing a run may hold its transaction: a month of a large city on a busy machine took over the
     * default 60 s (the departments' scheme, 520,000 rows with the previous month; AssessmentBenchmarkTest).
     */
    static final int RUN_TIMEOUT_SECONDS = 600;

    /** What a run is asked for. {@code overlay} may be null. */
    public record Request(String scheme, String overlay, LocalDate from, LocalDate to) {
    }

    /** A target's line in a ranking: its total and rank within its group. */
    public record Standing(String target, String name, String group, BigDecimal total, int rank) {
    }

    /**
     * A run without its cards: what it used, when and by whom, and the ranking; {@code version} within its family
     * ({@code root} is the first version's id), the last day appeals are accepted, the exclusions it was computed with,
     * and the runs of other schemes whose upheld appeals its same-grid linked deductions applied (by scheme code).
     */
    public record Summary(long id, String scheme, int schemeVersion, String overlay, Integer overlayVersion,
                          LocalDate from, LocalDate to, int targets, int cases, String inputDigest, Instant createdAt,
                          String createdBy, List<Standing> ranking, int version, long root, LocalDate appealUntil,
                          List<Exclusion> exclusions,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SourceRun> sourceRuns) {
    }

    /**
     * What an upheld appeal changes: for the target, the case left out of the item's input (of every item when
     * {@code item} is null), or, without a case, the item waived (full points).
     */
    public record Exclusion(long appeal, String target, String caseNumber, String item) {
    }

    /**
     * A target's score card: each item with its value, inputs (down to the cases behind a deduction) and points, and
     * the linked deductions (关联扣分) charged to it, each naming its case and the target it came from (already off
     * the total).
     */
    public record Card(long run, String target, String name, String group, BigDecimal total, int rank,
                       List<Scoring.ComponentResult> components, List<Scoring.ItemResult> items,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LinkedDeductions.Line> linked) {

        public Card {
            linked = linked == null ? List.of() : List.copyOf(linked);
        }

        public Card(long run, String target, String name, String group, BigDecimal total, int rank,
                    List<Scoring.ComponentResult> components, List<Scoring.ItemResult> items) {
            this(run, target, name, group, total, rank, components, items, List.of());
        }
    }

    /**
     * The result as stored: the composite scheme used, every target's card in ranking order, the versions of the
     * other schemes a linked deduction read (code → version; none when the scheme links nothing) and, per scheme a
     * same-grid deduction read, the run of that scheme over the same period whose upheld appeals it applied
     * ({@code sourceRuns}; none when there was no such run, or for runs made before they were read).
     */
    public record Result(Scheme scheme, LocalDate from, LocalDate to, List<Card> cards,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> sources,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SourceRun> sourceRuns) {

        public Result {
            sources = sources == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(sources));
            sourceRuns = sourceRuns == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sourceRuns));
        }

        public Result(Scheme scheme, LocalDate from, LocalDate to, List<Card> cards) {
            this(scheme, from, to, cards, Map.of(), Map.of());
        }
    }

    /**
     * The run of another scheme a same-grid linked deduction read (the districts' run over the same period): its id and
     * version, and the exclusions of the appeals upheld in it, which the districts' deductions are taken with, so a
     * district's upheld appeal drops the departments' line for its case too.
     */
    public record SourceRun(long run, int version, List<Exclusion> exclusions) {

        public SourceRun {
            exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        }
    }

    /** Whether computing a run again gave exactly its stored result. */
    public record Reproduction(long run, boolean identical, String storedDigest, String inputDigest) {
    }

    private final Schemes schemes;
    private final CaseFactsQueries facts;
    private final GridQueries grid;
    private final DepartmentService departments;
    private final CalendarService calendar;
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sampling sampling;
    private final Sources sources;

    Runs(Schemes schemes, CaseFactsQueries facts, GridQueries grid, DepartmentService departments,
         CalendarService calendar, TenantContext tenant, TenantDirectory directory, ObjectMapper json, Clock clock, Sampling sampling,
         Sources sources) {
        this.sources = sources;
        this.schemes = schemes;
        this.facts = facts;
        this.grid = grid;
        this.departments = departments;
        this.calendar = calendar;
        this.tenant = tenant;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
        this.sampling = sampling;
    }

    /**
     * Computes and stores a run.
     *
     * @throws ProblemException 400 naming the field: no scheme or overlay of that code in force at the period's
     *                          start, an overlay on another baseline, a period that is empty, longer than
     *                          {@value #MAX_DAYS} days or starts in the future; nothing is stored then
     */
    @Transactional
    @TransactionConfiguration(timeout = RUN_TIMEOUT_SECONDS)
    public Summary start(Request request, String by) {
        Computed c = compute(request);
        AssessmentRun run = new AssessmentRun();
        run.appealUntil = appealUntil(c.result().scheme());
        run.schemeCode = request.scheme();
        run.schemeVersion = c.schemeVersion();
        run.overlayCode = request.overlay();
        run.overlayVersion = c.overlayVersion();
        run.periodFrom = request.from();
        run.periodTo = request.to();
        run.targetCount = c.result().cards().size();
        run.caseCount = c.caseCount();
        run.inputDigest = c.digest();
        run.result = c.text();
        run.sourceEntries = c.entries() == null ? null : write(c.entries());
        run.createdAt = clock.instant();
        run.createdBy = by;
        run.persist();
        return summary(run, c.result());
    }

    /**
     * Computes a new version of a run's family with the exclusions given (every upheld appeal so far), from the same
     * facts, period and scheme versions as the family's first version, and stores it as the next version.
     */
    @Transactional
    public Summary recompute(long anyVersion, List<Exclusion> exclusions, String by) {
        AssessmentRun some = find(anyVersion).orElseThrow(() -> ProblemException.notFound("Run " + anyVersion));
        AssessmentRun root = some.rootRunId == null ? some : AssessmentRun.findById(some.rootRunId);
        int latest = family(root.id).stream().mapToInt(r -> r.runVersion).max().orElse(1);
        List<Exclusion> sorted = exclusions.stream().sorted(Comparator.comparingLong(Exclusion::appeal)).toList();
        // the districts' upheld appeals are read as they stand now: a new version learns of those decided since
        Computed c = compute(new Request(root.schemeCode, root.overlayCode, root.periodFrom, root.periodTo),
                root.schemeVersion, root.overlayVersion, sorted, result(root).sources(), entries(root), null);
        AssessmentRun run = new AssessmentRun();
        run.schemeCode = root.schemeCode;
        run.schemeVersion = root.schemeVersion;
        run.overlayCode = root.overlayCode;
        run.overlayVersion = root.overlayVersion;
        run.periodFrom = root.periodFrom;
        run.periodTo = root.periodTo;
        run.targetCount = c.result().cards().size();
        run.caseCount = c.caseCount();
        run.inputDigest = c.digest();
        run.result = c.text();
        run.createdAt = clock.instant();
        run.createdBy = by;
        run.rootRunId = root.id;
        run.runVersion = latest + 1;
        run.exclusions = sorted.isEmpty() ? null : write(sorted);
        run.sourceEntries = root.sourceEntries;
        run.appealUntil = root.appealUntil;
        run.persist();
        return summary(run, c.result());
    }

    /** Every version of the run's family, first version first; empty when the city has no such run. */
    @Transactional
    public List<Summary> versions(long id) {
        return find(id).map(r -> family(r.root()).stream().map(v -> summary(v, result(v))).toList()).orElse(List.of());
    }

    /** The newest version of the run's family. */
    @Transactional
    public Optional<Summary> latest(long id) {
        List<Summary> all = versions(id);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** One run with every target's card (the comparison and the pages read them). */
    @Transactional
    public Optional<Result> result(long id) {
        return find(id).map(this::result);
    }

    private List<AssessmentRun> family(long root) {
        return AssessmentRun.list("id = ?1 or rootRunId = ?1 order by runVersion", root);
    }

    /** The last day of the appeal window: the N-th working day after today (N of the scheme), yesterday for N = 0. */
    private LocalDate appealUntil(Scheme scheme) {
        int n = scheme.publication() == null ? Scheme.Publication.DEFAULT_APPEAL_WINDOW_DAYS
                : scheme.publication().windowDays();
        LocalDate day = calendar.today();
        if (n == 0) {
            return day.minusDays(1);
        }
        WorkingCalendar cal = calendar.current();
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (cal.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The city's runs, newest first. */
    @Transactional
    public List<Summary> list() {
        return AssessmentRun.<AssessmentRun>list("order by id desc").stream().map(r -> summary(r, result(r))).toList();
    }

    /** One run of the current city (another city's run id is not found). */
    @Transactional
    public Optional<Summary> one(long id) {
        return find(id).map(r -> summary(r, result(r)));
    }

    /** One target's card of a run. */
    @Transactional
    public Optional<Card> card(long id, String target) {
        return find(id).flatMap(r -> result(r).cards().stream().filter(c -> c.target().equals(target)).findFirst());
    }

    /** Computes the run again from the facts and the versions it used and compares the bytes. */
    @Transactional
    @TransactionConfiguration(timeout = RUN_TIMEOUT_SECONDS)
    public Optional<Reproduction> reproduce(long id) {
        return find(id).map(r -> {
            Result stored = result(r);
            Computed again = compute(new Request(r.schemeCode, r.overlayCode, r.periodFrom, r.periodTo),
                    r.schemeVersion, r.overlayVersion, exclusions(r), stored.sources(), entries(r), stored.sourceRuns());
            return new Reproduction(r.id, again.text().equals(r.result) && again.digest().equals(r.inputDigest),
                    r.inputDigest, again.digest());
        });
    }

    /**
     * A run's version within its family, read without its result (a published ranking shows it; parsing a large
     * city's result, every card with the cases behind its deductions, would cost more than the whole read).
     */
    @Transactional
    public Optional<Integer> version(long id) {
        return AssessmentRun.getEntityManager()
                .createQuery("select r.runVersion from AssessmentRun r where r.id = :id", Integer.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    private Optional<AssessmentRun> find(long id) {
        return Optional.ofNullable(AssessmentRun.findById(id));
    }

    private record Computed(int schemeVersion, Integer overlayVersion, Result result, String text, String digest,
                            int caseCount, List<Long> entries) {
    }

    private Computed compute(Request request) {
        return compute(request, null, null, List.of(), null, null, null);
    }

    /** The ids of the source entries a run read; null when its scheme reads no source. */
    public List<Long> entries(AssessmentRun r) {
        if (r.sourceEntries == null) {
            return null;
        }
        try {
            return List.of(json.readValue(r.sourceEntries, Long[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Run " + r.id + " cannot be read", e);
        }
    }

    /** The ids of the source entries run {@code id} of the city read (empty for none or no such run). */
    @Transactional
    public List<Long> entries(long id) {
        return find(id).map(this::entries).orElse(List.of());
    }

    /**
     * The run's arithmetic over the facts; pinned versions (a reproduction, a recomputation) are taken as stored, not
     * as in force; the exclusions are applied to the inputs and count in the digest (when there are any).
     */
    private Computed compute(Request request, Integer pinnedScheme, Integer pinnedOverlay, List<Exclusion> exclusions,
                             Map<String, Integer> pinnedSources, List<Long> pinnedEntries,
                             Map<String, SourceRun> pinnedRuns) {
        ZoneId zone = zone();
        check(request, zone);
        LocalDate from = request.from();
        Schemes.InForce<Scheme> scheme = (pinnedScheme != null ? schemes.schemeVersion(request.scheme(), pinnedScheme)
                : schemes.scheme(request.scheme(), from)).orElseThrow(() -> ProblemException.invalid("scheme",
                "no scheme '" + request.scheme() + "' in force on " + from));
        Schemes.InForce<Scheme.Overlay> overlay = null;
        if (request.overlay() != null) {
            overlay = (pinnedOverlay != null ? schemes.overlayVersion(request.overlay(), pinnedOverlay)
                    : schemes.overlay(request.overlay(), from)).orElseThrow(() -> ProblemException.invalid("overlay",
                    "no overlay '" + request.overlay() + "' in force on " + from));
            if (!overlay.value().baseline().equals(request.scheme())) {
                throw ProblemException.invalid("overlay", "the overlay '" + request.overlay() + "' stacks on '"
                        + overlay.value().baseline() + "', not on '" + request.scheme() + "'");
            }
        }
        Scheme composite = scheme.value().with(overlay == null ? null : overlay.value());
        Period period = new Period(from, request.to(), zone);
        Period comparison = composite.settings() != null
                && composite.settings().changeBase() == Parameters.ChangeBase.SAME_PERIOD_LAST_YEAR
                ? period.yearEarlier() : period.previous();
        List<CaseRow> rows = rows(period);
        List<CaseRow> before = needsComparison(composite) ? rows(comparison) : List.of();
        CityShape shape = shape(request.to().minusDays(1));
        Set<LocalDate> counted = null;
        if (composite.settings() != null && composite.settings().workingDaysOnly()) {
            WorkingCalendar cal = calendar.current();
            counted = period.days().stream().filter(cal::isWorkingDay).collect(Collectors.toSet());
        }
        Parameters params = composite.parameters(counted);
        Map<String, String> names = new LinkedHashMap<>();
        List<Target> targets = targets(composite.targets(), rows, names, request.to().minusDays(1));
        List<IndicatorInput.Judgement> judgements = needsJudgements(composite) ? judgements(period) : List.of();
        // the source entries (明察, 暗访, 社会监督, 公众评议): those current now, or exactly those a run read before
        boolean readsEntries = readsEntries(composite);
        List<IndicatorInput.Entry> entries = !readsEntries ? List.of()
                : pinnedEntries != null ? sources.read(pinnedEntries) : sources.current(from, request.to());
        // Each target's input holds its own rows (owned or verified by it): every indicator but the contribution rate
        // reads only those, so the rows are sorted out once per target instead of once per target and item.
        Scoring.Adjustments excluded = adjustments(exclusions);
        Scoring.Adjustments adjustments = new Scoring.Adjustments() {
            @Override
            public IndicatorInput input(Scheme.Item item, IndicatorInput in) {
                IndicatorInput whole = item.indicator().equals(Indicator.CONTRIBUTION_RATE.wireName())
                        ? new IndicatorInput(in.period(), in.target(), rows, before, in.peers(), in.shape(), in.params(),
                                judgements, entries, in.shared())
                        : in;
                return excluded.input(item, whole);
            }

            @Override
            public boolean waived(Target t, Scheme.Item item) {
                return excluded.waived(t, item);
            }
        };
        // The schemes the linked deductions read, with their versions (not the source entries, the field `sources`).
        Map<String, Integer> linkedSchemes = new java.util.TreeMap<>();
        Map<String, SourceRun> linkedRuns = new java.util.TreeMap<>();
        Scoring.Linker linker = linker(composite, period, rows, shape, params, judgements, exclusions, pinnedSources,
                linkedSchemes, pinnedRuns, linkedRuns);
        Map<String, List<CaseRow>> ownRows = own(composite.targets(), targets, rows);
        Map<String, List<CaseRow>> ownBefore = own(composite.targets(), targets, before);
        IndicatorInput.Shared shared = new IndicatorInput.Shared();
        List<Scoring.TargetResult> scored = Scoring.run(composite, targets,
                t -> new IndicatorInput(period, t, ownRows.get(t.code()), ownBefore.get(t.code()), targets, shape,
                        params, judgements, entries, shared),
                adjustments, linker);
        List<Card> cards = scored.stream().map(s -> new Card(0, s.target().code(), names.get(s.target().code()),
                s.group(), s.total(), s.rank(), s.components(), s.items(), s.linked())).toList();
        Result result = new Result(composite, from, request.to(), cards, linkedSchemes, linkedRuns);
        String text = write(result);
        List<Object> read = new ArrayList<>(List.of(composite, from.toString(), request.to().toString(), rows, before,
                shape, targets));
        if (!linkedSchemes.isEmpty()) {
            read.add(linkedSchemes);
        }
        if (!linkedRuns.isEmpty()) {
            read.add(linkedRuns);
        }
        if (!exclusions.isEmpty()) {
            read.add(exclusions);
        }
        if (!judgements.isEmpty()) {
            read.add(judgements);
        }
        if (!entries.isEmpty()) {
            read.add(entries);
        }
        String digest = digest(read);
        return new Computed(scheme.version(), overlay == null ? null : overlay.version(), result, text, digest,
                rows.size(), readsEntries ? entries.stream().map(IndicatorInput.Entry::id).toList() : null);
    }

    /**
     * The linked deductions of a departments' scheme (none for other schemes): same-grid rules score the districts of
     * the city on the districts' scheme item (its version in force at the period's start, or the one the run being
     * reproduced used: {@code pinned}; the version used goes into {@code used}), with the appeals upheld in the
     * districts' own run of the period applied as that run applies them (read now, {@link #sourceRun}, or as the run
     * being reproduced read them: {@code pinnedRuns}; what was read goes into {@code usedRuns}), so a case an upheld
     * district appeal took out of the district's deduction charges no department either; same-item rules read this
     * run's own items. A line an upheld appeal of this run excluded (the target's case, of the rule or of every item)
     * or waived (the rule without a case) is left out.
     */
    private Scoring.Linker linker(Scheme composite, Period period, List<CaseRow> rows, CityShape shape, Parameters params,
                                  List<IndicatorInput.Judgement> judgements, List<Exclusion> exclusions,
                                  Map<String, Integer> pinned, Map<String, Integer> used,
                                  Map<String, SourceRun> pinnedRuns, Map<String, SourceRun> usedRuns) {
        if (composite.linked().isEmpty() || composite.targets() != Target.Kind.DEPARTMENT) {
            return Scoring.Linker.NONE;
        }
        Map<String, CaseRow> byNumber = new java.util.HashMap<>();
        rows.forEach(r -> byNumber.put(r.number(), r));
        Map<String, List<LinkedDeductions.Deduction>> fromDistricts = new LinkedHashMap<>();
        for (Scheme.LinkedRule rule : composite.linked()) {
            if (rule.kind() != LinkedDeductions.Kind.SAME_GRID) {
                continue;
            }
            Integer version = pinned == null ? null : pinned.get(rule.scheme());
            Schemes.InForce<Scheme> source = (version != null ? schemes.schemeVersion(rule.scheme(), version)
                    : schemes.scheme(rule.scheme(), period.from())).orElseThrow(() -> ProblemException.invalid("linked",
                    "the linked deduction '" + rule.code() + "' reads scheme '" + rule.scheme() + "', which is not in force on "
                            + period.from()));
            used.put(rule.scheme(), source.version());
            Scheme.Item item = source.value().components().stream().flatMap(c -> c.items().stream())
                    .filter(i -> i.code().equals(rule.item())).findFirst().orElseThrow(() -> ProblemException.invalid(
                            "linked", "scheme '" + rule.scheme() + "' has no item '" + rule.item() + "' for the linked "
                                    + "deduction '" + rule.code() + "'"));
            Optional<SourceRun> read = pinnedRuns != null ? Optional.ofNullable(pinnedRuns.get(rule.scheme()))
                    : usedRuns.containsKey(rule.scheme()) ? Optional.of(usedRuns.get(rule.scheme()))
                    : sourceRun(rule.scheme(), period.from(), period.to());
            read.ifPresent(r -> usedRuns.put(rule.scheme(), r));
            Scoring.Adjustments upheld = adjustments(read.map(SourceRun::exclusions).orElse(List.of()));
            List<LinkedDeductions.Deduction> deductions = new ArrayList<>();
            for (Target d : targets(Target.Kind.DISTRICT, rows, new LinkedHashMap<>(), period.to().minusDays(1))) {
                IndicatorInput in = new IndicatorInput(period, d, own(d, rows), List.of(), List.of(), shape,
                        source.value().parameters(params.countedDays()), judgements);
                Scoring.ItemResult r = upheld.waived(d, item) ? null : Scoring.item("linked", item, upheld.input(item, in));
                if (r != null) {
                    deductions.add(LinkedDeductions.Deduction.of(d.code(), r));
                }
            }
            fromDistricts.put(rule.code(), deductions);
        }
        return LinkedDeductions.linker(composite.linked(), fromDistricts, byNumber, period.end(),
                (target, line) -> appealed(exclusions, target, line));
    }

    /**
     * The run of {@code scheme} over exactly the period whose upheld appeals a same-grid deduction applies: of its
     * families, the published one, otherwise the newest; of that family, its newest version. Empty when the scheme has
     * not been run over the period.
     */
    private Optional<SourceRun> sourceRun(String scheme, LocalDate from, LocalDate to) {
        List<AssessmentRun> all = AssessmentRun.list("schemeCode = ?1 and periodFrom = ?2 and periodTo = ?3 order by id",
                scheme, from, to);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> roots = all.stream().map(AssessmentRun::root).collect(Collectors.toCollection(TreeSet::new));
        long root = roots.stream().filter(id -> AssessmentPublication.count("rootRunId", id) > 0).findFirst()
                .orElse(((TreeSet<Long>) roots).last());
        AssessmentRun newest = all.stream().filter(r -> r.root() == root)
                .max(Comparator.comparingInt(r -> r.runVersion)).orElseThrow();
        return Optional.of(new SourceRun(newest.id, newest.runVersion, exclusions(newest)));
    }

    /**
     * The departments' runs of the period whose same-grid deductions read {@code scheme}, recomputed as their families'
     * next versions when what they would read of its run now differs from what their newest version read: how an
     * appeal upheld in the districts' run carries into the departments' linked lines. Published families no longer
     * change and are left as they are.
     *
     * @return the new versions, oldest family first
     */
    @Transactional
    public List<Summary> follow(String scheme, LocalDate from, LocalDate to, String by) {
        List<Summary> made = new ArrayList<>();
        Optional<SourceRun> now = sourceRun(scheme, from, to);
        List<AssessmentRun> candidates = AssessmentRun.list("schemeCode <> ?1 and periodFrom = ?2 and periodTo = ?3 "
                + "and rootRunId is null order by id", scheme, from, to);
        for (AssessmentRun root : candidates) {
            Scheme used = result(root).scheme();
            if (used.targets() != Target.Kind.DEPARTMENT || used.linked().stream().noneMatch(l ->
                    l.kind() == LinkedDeductions.Kind.SAME_GRID && l.scheme().equals(scheme))) {
                continue;
            }
            if (AssessmentPublication.count("rootRunId", root.id) > 0) {
                continue;
            }
            Appeals.lock(root.id);
            AssessmentRun newest = family(root.id).stream().max(Comparator.comparingInt(r -> r.runVersion)).orElseThrow();
            Optional<SourceRun> read = Optional.ofNullable(result(newest).sourceRuns().get(scheme));
            if (read.map(SourceRun::exclusions).orElse(List.of())
                    .equals(now.map(SourceRun::exclusions).orElse(List.of()))) {
                continue;
            }
            made.add(recompute(root.id, exclusions(newest), by));
        }
        return made;
    }

    private static boolean appealed(List<Exclusion> exclusions, String target, LinkedDeductions.Line l) {
        return exclusions.stream().anyMatch(e -> e.target().equals(target)
                && (e.caseNumber() == null ? l.rule().equals(e.item())
                : e.caseNumber().equals(l.caseNumber()) && (e.item() == null || e.item().equals(l.rule()))));
    }

    /** The rows of the target: its own cases and, for a post, the cases it verified. */
    private static List<CaseRow> own(Target t, List<CaseRow> rows) {
        return rows.stream().filter(r -> t.owns(r) || t.verifiedBy(r)).toList();
    }

    /**
     * The rows of each target, by code: its own cases and, for a post, the cases it verified, in the order of the rows;
     * one pass over the rows ({@link Target#owners}) instead of one per target.
     */
    private static Map<String, List<CaseRow>> own(Target.Kind kind, List<Target> targets, List<CaseRow> rows) {
        Map<String, List<CaseRow>> own = new java.util.HashMap<>();
        targets.forEach(t -> own.put(t.code(), new ArrayList<>()));
        for (CaseRow r : rows) {
            List<String> owners = Target.owners(kind, r);
            for (String owner : owners) {
                List<CaseRow> list = own.get(owner);
                if (list != null) {
                    list.add(r);
                }
            }
            if (kind == Target.Kind.POST && r.verifierId() != null) {
                String verifier = r.verifierId().toString();
                List<CaseRow> list = own.get(verifier);
                if (list != null && !owners.contains(verifier)) {
                    list.add(r);
                }
            }
        }
        own.replaceAll((code, list) -> List.copyOf(list));
        return own;
    }

    private static Scoring.Adjustments adjustments(List<Exclusion> exclusions) {
        if (exclusions.isEmpty()) {
            return Scoring.Adjustments.NONE;
        }
        return new Scoring.Adjustments() {
            @Override
            public IndicatorInput input(Scheme.Item item, IndicatorInput in) {
                Set<String> out = exclusions.stream().filter(e -> e.target().equals(in.target().code())
                                && e.caseNumber() != null && (e.item() == null || e.item().equals(item.code())))
                        .map(Exclusion::caseNumber).collect(Collectors.toSet());
                if (out.isEmpty()) {
                    return in;
                }
                return new IndicatorInput(in.period(), in.target(),
                        in.rows().stream().filter(r -> !out.contains(r.number())).toList(),
                        in.comparisonRows().stream().filter(r -> !out.contains(r.number())).toList(),
                        in.peers(), in.shape(), in.params(), in.judgements(), in.entries(), in.shared());
            }

            @Override
            public boolean waived(Target t, Scheme.Item item) {
                return exclusions.stream().anyMatch(e -> e.target().equals(t.code()) && e.caseNumber() == null
                        && item.code().equals(e.item()));
            }
        };
    }

    /** The exclusions a run was computed with. */
    public List<Exclusion> exclusions(AssessmentRun r) {
        if (r.exclusions == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(r.exclusions, Exclusion[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Run " + r.id + " cannot be read", e);
        }
    }

    private void check(Request r, ZoneId zone) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.scheme() == null || r.scheme().isBlank()) {
            errors.add(new Problem.FieldError("scheme", "name the scheme to run"));
        }
        if (r.from() == null) {
            errors.add(new Problem.FieldError("from", "give the first day of the period (YYYY-MM-DD)"));
        }
        if (r.to() == null) {
            errors.add(new Problem.FieldError("to", "give the day after the period (YYYY-MM-DD, exclusive)"));
        }
        if (r.from() != null && r.to() != null) {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            if (r.from().isAfter(today)) {
                errors.add(new Problem.FieldError("from", "the period starts in the future (" + r.from() + ", today is "
                        + today + "); nothing can be assessed yet"));
            } else if (!r.from().isBefore(r.to())) {
                errors.add(new Problem.FieldError("to", "must be after from (" + r.from() + "); the period is [from, to)"));
            } else if (r.from().plusDays(MAX_DAYS).isBefore(r.to())) {
                errors.add(new Problem.FieldError("to", "a run covers at most " + MAX_DAYS + " days"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static boolean needsComparison(Scheme s) {
        return s.components().stream().flatMap(c -> c.items().stream()).map(Scheme.Item::indicator)
                .anyMatch(i -> i.equals(Indicator.CHANGE_RATE.wireName()) || i.equals(Indicator.CONTRIBUTION_RATE.wireName())
                        || i.equals(Indicator.MAX_DENSITY_CHANGE_RATE.wireName()));
    }

    private static boolean readsEntries(Scheme s) {
        return s.components().stream().flatMap(c -> c.items().stream()).map(Scheme.Item::indicator)
                .map(Indicator::fromWireName).anyMatch(i -> i.isPresent() && i.get().readsEntries());
    }

    private static boolean needsJudgements(Scheme s) {
        return s.components().stream().flatMap(c -> c.items().stream()).map(Scheme.Item::indicator)
                .anyMatch(i -> i.equals(Indicator.DUPLICATE_RATE.wireName()) || i.equals(Indicator.FALSE_RATE.wireName()));
    }

    /** The judged samples of the period's days, read from the sampling feature. */
    private List<IndicatorInput.Judgement> judgements(Period p) {
        return sampling.judged(p.from(), p.to()).stream()
                .map(j -> new IndicatorInput.Judgement(j.caseNumber(), j.day(), j.verdict())).toList();
    }

    private List<CaseRow> rows(Period p) {
        // read in no order; a case number is the city's once, so sorted by it the rows are in one order whatever the read's
        List<CaseRow> rows = new ArrayList<>(facts.counted(p.from(), p.to(), CaseRow::of));
        rows.sort(Comparator.comparing(CaseRow::number));
        return List.copyOf(rows);
    }

    private CityShape shape(LocalDate day) {
        List<CityShape.Community> communities = grid.unitsInForce(GridLevel.COMMUNITY, day).stream()
                .map(u -> new CityShape.Community(u.code(), u.code().substring(0, 6), u.communityType())).toList();
        List<CityShape.ManagementGrid> grids = grid.unitsInForce(GridLevel.MANAGEMENT, day).stream()
                .map(u -> new CityShape.ManagementGrid(u.code(), u.code().substring(0, 6), u.areaClass(),
                        BigDecimal.valueOf(u.areaM2()).divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP)))
                .toList();
        return new CityShape(communities, grids);
    }

    /** Every target of the kind, by code, with its name: areas of the layout in force, departments, posts that worked cases. */
    private List<Target> targets(Target.Kind kind, List<CaseRow> rows, Map<String, String> names, LocalDate day) {
        switch (kind) {
            case DISTRICT, STREET, COMMUNITY -> {
                GridLevel level = GridLevel.valueOf(kind.name());
                grid.unitsInForce(level, day).forEach(u -> names.put(u.code(), u.name()));
            }
            case DEPARTMENT -> departments.refs().stream().filter(DepartmentService.DepartmentRef::active)
                    .sorted(Comparator.comparing(DepartmentService.DepartmentRef::code))
                    .forEach(d -> names.put(d.code(), d.name()));
            case POST -> {
                Set<String> ids = new TreeSet<>(Comparator.comparingLong(Long::parseLong));
                rows.stream().filter(r -> r.channel() == CaseSource.Channel.DISTRICT_SUPERVISOR
                        || r.channel() == CaseSource.Channel.CITY_SUPERVISOR).map(CaseRow::reporterId)
                        .filter(java.util.Objects::nonNull).forEach(id -> ids.add(id.toString()));
                rows.stream().map(CaseRow::verifierId).filter(java.util.Objects::nonNull).forEach(id -> ids.add(id.toString()));
                ids.forEach(id -> names.put(id, null));
            }
        }
        return names.keySet().stream().map(code -> new Target(kind, code)).toList();
    }

    private Summary summary(AssessmentRun r, Result result) {
        return new Summary(r.id, r.schemeCode, r.schemeVersion, r.overlayCode, r.overlayVersion, r.periodFrom, r.periodTo,
                r.targetCount, r.caseCount, r.inputDigest, r.createdAt, r.createdBy, result.cards().stream()
                .map(c -> new Standing(c.target(), c.name(), c.group(), c.total(), c.rank())).toList(), r.runVersion,
                r.root(), r.appealUntil, exclusions(r), result.sourceRuns());
    }

    private Result result(AssessmentRun r) {
        try {
            Result stored = json.readValue(r.result, Result.class);
            return new Result(stored.scheme(), stored.from(), stored.to(), stored.cards().stream()
                    .map(c -> new Card(r.id, c.target(), c.name(), c.group(), c.total(), c.rank(), c.components(),
                            c.items(), c.linked())).toList(), stored.sources(), stored.sourceRuns());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Run " + r.id + " cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the value's JSON (UTF-8), written straight into the digest: a month's rows are 100+ MB of text. */
    private String digest(Object value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                json.writeValue(out, value);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ZoneId zone() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Assessment belongs to a city; sign in as a user of a city."));
        return ZoneId.of(directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"))
                .timeZone());
    }
}
