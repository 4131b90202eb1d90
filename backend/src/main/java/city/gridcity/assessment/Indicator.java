package city.gridcity.assessment;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CityCase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The indicators of the system-data component, each an exact definition over case rows (issue #10). Rates
 * are in [0, 1]; a rate whose denominator is 0 is "no data". {@code higherIsBetter} tells the scheme editor
 * which scoring rules fit (an inverse rule for lower-is-better ones); {@code wireName} is how schemes name it.
 */
public enum Indicator {
    /** 上报数: cases reported in the period. */
    REPORTS("reports", true, in -> count(in, r -> in.period().contains(r.reportedAt()))),
    /** 立案数: cases filed in the period. */
    FILED("filed", true, in -> count(in, r -> in.period().contains(r.filedAt()))),
    /** 基本案件数: Σ base case weight (of the catalog rule the case is held to) over cases filed in the period. */
    BASE_CASE_COUNT("base-case-count", true, in -> {
        List<CaseRow> filed = mine(in, r -> in.period().contains(r.filedAt()));
        return Measure.sum(filed.stream().map(CaseRow::baseCaseWeight).reduce(BigDecimal.ZERO, BigDecimal::add),
                numbers(filed));
    }),
    /** 立案率 = filed / (reports − merged duplicates), over cases reported in the period. */
    FILING_RATE("filing-rate", true, in -> {
        List<CaseRow> reported = mine(in, r -> in.period().contains(r.reportedAt()));
        List<CaseRow> filed = reported.stream().filter(r -> r.filedAt() != null).toList();
        long merged = reported.stream().filter(r -> r.mergedAt() != null).count();
        return Measure.rate(filed.size(), reported.size() - merged, numbers(filed));
    }),
    /** 按时派遣率 = dispatch phases ended on time / dispatch phases ended, of cases whose dispatch last ended in the period. */
    DISPATCH_ON_TIME_RATE("dispatch-on-time-rate", true, in -> {
        List<CaseRow> ended = mine(in, r -> in.period().contains(r.dispatchEndedAt()));
        return Measure.rate(sum(ended, CaseRow::dispatchesEndedOnTime), sum(ended, CaseRow::dispatchesEnded),
                numbers(ended.stream().filter(r -> r.dispatchesEndedOnTime() < r.dispatchesEnded()).toList()));
    }),
    /** 准确派遣率 = 1 − returned dispatches / dispatches, of cases last dispatched in the period; inputs: the returned ones. */
    DISPATCH_ACCURACY("dispatch-accuracy", true, in -> {
        List<CaseRow> dispatched = mine(in, r -> in.period().contains(r.dispatchedAt()));
        long dispatches = sum(dispatched, CaseRow::dispatches);
        long returns = sum(dispatched, CaseRow::returns);
        return Measure.rate(dispatches - returns, dispatches,
                numbers(dispatched.stream().filter(r -> r.returns() > 0).toList()));
    }),
    /** 应结案数: cases whose disposal deadline fell in the period and that were not suspended at its end. */
    DUE("due", true, in -> Measure.count(due(in).size(), numbers(due(in)))),
    /** 结案率 = due cases closed by the end of the period / due; inputs: the due cases not closed. */
    CLOSURE_RATE("closure-rate", true, in -> {
        List<CaseRow> due = due(in);
        List<CaseRow> closed = due.stream().filter(r -> closedBy(r, in)).toList();
        return Measure.rate(closed.size(), due.size(),
                numbers(due.stream().filter(r -> !closedBy(r, in)).toList()));
    }),
    /** 按期结案率 (按期处置率 for a department) = due cases closed by the end with the disposal phase on time / due. */
    ON_TIME_CLOSURE_RATE("on-time-closure-rate", true, in -> {
        List<CaseRow> due = due(in);
        Predicate<CaseRow> onTime = r -> closedBy(r, in) && Boolean.TRUE.equals(r.disposalOnTime());
        return Measure.rate(due.stream().filter(onTime).count(), due.size(),
                numbers(due.stream().filter(onTime.negate()).toList()));
    }),
    /** 返工率 = cases verified in the period that failed at least one verification / cases verified in the period. */
    REWORK_RATE("rework-rate", false, in -> {
        List<CaseRow> verified = mine(in, r -> in.period().contains(r.lastVerifiedAt()));
        List<CaseRow> failed = verified.stream().filter(r -> r.verificationsFailed() > 0).toList();
        return Measure.rate(failed.size(), verified.size(), numbers(failed));
    }),
    /** 按时核查率 = verifications done within their limit / verifications done, of cases last verified in the period. */
    VERIFICATION_ON_TIME_RATE("verification-on-time-rate", true, in -> {
        List<CaseRow> ended = mine(in, r -> in.period().contains(r.verificationEndedAt()));
        return Measure.rate(sum(ended, CaseRow::verificationsEndedOnTime), sum(ended, CaseRow::verificationsEnded),
                numbers(ended.stream().filter(r -> r.verificationsEndedOnTime() < r.verificationsEnded()).toList()));
    }),
    /** 漏报率 of key (重点) classes, per day and averaged over every day of the period. */
    MISSED_REPORT_RATE_KEY("missed-report-rate-key", false, in -> missedPerDay(in, true)),
    /** 漏报率 of routine (常规) classes, per day and averaged over every day of the period. */
    MISSED_REPORT_RATE_ROUTINE("missed-report-rate-routine", false, in -> missedPerDay(in, false)),
    /** 低案件社区率: communities of the area low-case on any counted day / communities of the area. */
    LOW_CASE_COMMUNITY_RATE("low-case-community-rate", false, Indicator::lowCaseCommunities),
    /** 满意率 = (满意 + 基本满意) / ratings, of the target's cases closed in the period; inputs: cases with a dissatisfied rating. */
    SATISFACTION_RATE("satisfaction-rate", true, in -> {
        List<CaseRow> closed = mine(in, r -> in.period().contains(r.closedAt()));
        return Measure.rate(closed.stream().mapToLong(r -> r.satisfied() + r.basicallySatisfied()).sum(),
                sum(closed, CaseRow::ratings), numbers(closed.stream()
                        .filter(r -> r.satisfied() + r.basicallySatisfied() < r.ratings()).toList()));
    }),
    /** 网格解决率: cases closed in the period solved at grid level / cases closed in the period. */
    GRID_SOLVED_RATE("grid-solved-rate", true, in -> solvedAt(in, CityCase.Level.GRID)),
    /** 社区解决率: cases closed in the period solved at community level / cases closed in the period. */
    COMMUNITY_SOLVED_RATE("community-solved-rate", true, in -> solvedAt(in, CityCase.Level.COMMUNITY)),
    /** 变化率 = (previous − current) / previous of the target's reported cases (previous period or a year earlier). */
    CHANGE_RATE("change-rate", true, in -> {
        long current = reportedCount(in.target(), in.rows(), in.period());
        long previous = reportedCount(in.target(), in.comparisonRows(), comparison(in));
        return Measure.rate(previous - current, previous, List.of());
    }),
    /** 贡献率 = the target's reduction / Σ of every peer's reduction, negative reductions counting 0 in the sum. */
    CONTRIBUTION_RATE("contribution-rate", true, in -> {
        Period before = comparison(in);
        Map<String, Long> reduction = in.shared().reductions(in, List.of(in.target().kind(), in.period(), before), () -> {
            Map<String, Long> sums = new HashMap<>();
            in.peers().forEach(t -> sums.put(t.code(), 0L));
            perOwner(in.target().kind(), in.comparisonRows(), before, sums, 1);
            perOwner(in.target().kind(), in.rows(), in.period(), sums, -1);
            return sums;
        });
        // A peer's entry is exactly its own reduction (Target.owners); a target not among the peers counts its own.
        long own = reduction.containsKey(in.target().code()) ? reduction.get(in.target().code())
                : reportedCount(in.target(), in.comparisonRows(), before) - reportedCount(in.target(), in.rows(), in.period());
        long total = in.peers().stream().mapToLong(t -> Math.max(0, reduction.get(t.code()))).sum();
        return Measure.rate(own, total, List.of());
    }),
    /**
     * 重复案件率 = sampled reports of the period judged duplicates / sampled reports of the period judged, of the
     * target's cases (a sample's period is its day); inputs: the duplicates.
     */
    DUPLICATE_RATE("duplicate-rate", false, in -> judgedShare(in, "DUPLICATE")),
    /** 假错案件率 = sampled reports of the period judged false / sampled reports of the period judged; inputs: the false ones. */
    FALSE_RATE("false-rate", false, in -> judgedShare(in, "FALSE")),
    /**
     * 发现率 (seed 001: the day's hotline complaints compared with what the grid's patrols found) = hotline complaints of
     * the target reported in the period that the daily matching paired with a grid finding of the same problem (same
     * subclass, within its radius and window, before or after the call) / hotline complaints of the target reported in
     * the period that the matching looked at; inputs: the complaints the grid did not find. A complaint the matching
     * has not looked at yet counts in neither. E.g. 4 complaints looked at, 3 met a finding: 0.75.
     */
    DISCOVERY_RATE("discovery-rate", true, in -> {
        List<CaseRow> looked = mine(in, r -> r.channel() == CaseSource.Channel.HOTLINE && in.period().contains(r.reportedAt())
                && r.hotlineCheckedAt() != null);
        List<CaseRow> missed = looked.stream().filter(r -> r.hotlineFinding() == null).toList();
        return Measure.rate(looked.size() - missed.size(), looked.size(), numbers(missed));
    }),
    /**
     * 未诉先办率 (seed 001: problems solved before any complaint, as a share of the grid's handled cases) = grid findings
     * (reports of district and city supervisors, volunteers and staff channels) of the target closed in the period that
     * no matched hotline complaint of the same problem came before their closing / grid findings of the target closed
     * in the period; inputs: the findings a complaint came before. E.g. 4 findings closed, one met a call made before it
     * was closed (another a call after): 0.75.
     */
    SOLVED_BEFORE_COMPLAINT_RATE("solved-before-complaint-rate", true, in -> {
        List<CaseRow> closed = mine(in, r -> gridFinding(r) && in.period().contains(r.closedAt()));
        List<CaseRow> complained = closed.stream()
                .filter(r -> r.firstComplaintAt() != null && r.firstComplaintAt().isBefore(r.closedAt())).toList();
        return Measure.rate(closed.size() - complained.size(), closed.size(), numbers(complained));
    }),
    /**
     * 明察: the mean of the panel's scores (0 to 100) of the target on days of the period, as a fraction of 100;
     * no entry is no data. Inputs: the entries, as {@code #id}.
     */
    INSPECTION_SCORE("inspection-score", true, in -> meanScore(in, SourceEntry.Source.INSPECTION)),
    /** 暗访: the number of problems investigators found at the target in the period (each a deduction of k points). */
    VISIT_PROBLEMS("visit-problems", false, in -> entryCount(in, SourceEntry.Source.VISIT, null)),
    /** 社会监督: the valid residents' reports against the target in the period (each a deduction of k points). */
    RESIDENT_REPORTS("resident-reports", false, in -> entryCount(in, SourceEntry.Source.SUPERVISION, SourceEntry.Kind.RESIDENT)),
    /** 社会监督: the media exposure cases against the target in the period (each a deduction of k points). */
    MEDIA_EXPOSURES("media-exposures", false, in -> entryCount(in, SourceEntry.Source.SUPERVISION, SourceEntry.Kind.MEDIA)),
    /**
     * 公众评议: the survey results (0 to 100) of the target in the period, as a fraction of 100: their mean weighted by
     * respondents when every result gives them, else their plain mean; no result is no data.
     */
    SURVEY_SCORE("survey-score", true, in -> meanScore(in, SourceEntry.Source.SURVEY)),
    /** 单位面积最大案件密度变化率: change rate of the maximum, over management grids, of the target's reported cases per km². */
    MAX_DENSITY_CHANGE_RATE("max-density-change-rate", true, in -> {
        BigDecimal current = maxDensity(in, in.rows(), in.period());
        BigDecimal previous = maxDensity(in, in.comparisonRows(), comparison(in));
        return previous.signum() == 0 ? Measure.of(null, List.of())
                : Measure.of(previous.subtract(current).divide(previous, Measure.SCALE, RoundingMode.HALF_UP), List.of());
    });

    private final String wireName;
    private final boolean higherIsBetter;
    private final Function<IndicatorInput, Measure> definition;

    Indicator(String wireName, boolean higherIsBetter, Function<IndicatorInput, Measure> definition) {
        this.wireName = wireName;
        this.higherIsBetter = higherIsBetter;
        this.definition = definition;
    }

    public String wireName() {
        return wireName;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Measure compute(IndicatorInput in) {
        return definition.apply(in);
    }

    public static Optional<Indicator> fromWireName(String name) {
        return Arrays.stream(values()).filter(i -> i.wireName.equals(name)).findFirst();
    }

    /**
     * 网格系数 of a district: Σ over its management grids of (area-class weight × area in km²); a class
     * the scheme does not weigh counts 1. The district's counts are divided by it.
     */
    public static BigDecimal gridCoefficient(String district, CityShape shape, Parameters params) {
        return shape.grids().stream().filter(g -> district.equals(g.district()))
                .map(g -> params.areaClassWeights().getOrDefault(g.areaClass(), BigDecimal.ONE).multiply(g.km2()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // ---- shared definitions ----

    /** Whether the case is one of the grid's own findings (the channels a hotline complaint is matched with). */
    private static boolean gridFinding(CaseRow r) {
        return switch (r.channel()) {
            case DISTRICT_SUPERVISOR, CITY_SUPERVISOR, VOLUNTEER, STAFF -> true;
            case RESIDENT, HOTLINE -> false;
        };
    }

    /** Whether the indicator reads source entries rather than case rows. */
    public boolean readsEntries() {
        return this == INSPECTION_SCORE || this == VISIT_PROBLEMS || this == RESIDENT_REPORTS || this == MEDIA_EXPOSURES
                || this == SURVEY_SCORE;
    }

    private static List<IndicatorInput.Entry> entries(IndicatorInput in, SourceEntry.Source source, SourceEntry.Kind kind) {
        return in.entries().stream().filter(e -> e.source() == source && (kind == null || e.kind() == kind)
                && e.target().equals(in.target().code()) && in.period().containsDay(e.day())).toList();
    }

    private static List<String> refs(List<IndicatorInput.Entry> entries) {
        return entries.stream().map(e -> "#" + e.id()).toList();
    }

    private static Measure entryCount(IndicatorInput in, SourceEntry.Source source, SourceEntry.Kind kind) {
        List<IndicatorInput.Entry> found = entries(in, source, kind);
        return Measure.count(found.size(), refs(found));
    }

    private static Measure meanScore(IndicatorInput in, SourceEntry.Source source) {
        List<IndicatorInput.Entry> found = entries(in, source, null);
        BigDecimal hundred = BigDecimal.valueOf(100);
        if (found.stream().allMatch(e -> e.respondents() != null)) {
            BigDecimal weighted = found.stream().map(e -> e.score().multiply(BigDecimal.valueOf(e.respondents())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long people = found.stream().mapToLong(IndicatorInput.Entry::respondents).sum();
            return Measure.rate(weighted, BigDecimal.valueOf(people).multiply(hundred), refs(found));
        }
        BigDecimal sum = found.stream().map(IndicatorInput.Entry::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Measure.rate(sum, BigDecimal.valueOf(found.size()).multiply(hundred), refs(found));
    }

    /** The target's rows meeting a condition: verifications of a post are those it made, everything else its own cases. */
    private static List<CaseRow> mine(IndicatorInput in, Predicate<CaseRow> condition) {
        return in.rows().stream().filter(r -> in.target().owns(r) || in.target().verifiedBy(r)).filter(condition).toList();
    }

    private static Measure count(IndicatorInput in, Predicate<CaseRow> condition) {
        List<CaseRow> rows = in.rows().stream().filter(in.target()::owns).filter(condition).toList();
        return Measure.count(rows.size(), numbers(rows));
    }

    private static List<CaseRow> due(IndicatorInput in) {
        return in.rows().stream().filter(in.target()::owns).filter(r -> in.period().contains(r.disposalDeadline()))
                .filter(r -> !r.suspendedAt(in.period().end())).toList();
    }

    private static boolean closedBy(CaseRow r, IndicatorInput in) {
        return r.closedAt() != null && r.closedAt().isBefore(in.period().end());
    }

    private static Measure solvedAt(IndicatorInput in, CityCase.Level level) {
        List<CaseRow> closed = in.rows().stream().filter(in.target()::owns)
                .filter(r -> in.period().contains(r.closedAt())).toList();
        List<CaseRow> there = closed.stream().filter(r -> r.solvedLevel() == level).toList();
        return Measure.rate(there.size(), closed.size(), numbers(there));
    }

    private static Measure missedPerDay(IndicatorInput in, boolean key) {
        Map<LocalDate, long[]> perDay = new HashMap<>();
        List<String> missed = new ArrayList<>();
        for (CaseRow r : in.rows()) {
            if (r.keyClass() != key || !in.target().owns(r) || !in.period().contains(r.reportedAt())) {
                continue;
            }
            long[] day = perDay.computeIfAbsent(in.period().dayOf(r.reportedAt()), d -> new long[2]);
            if (r.channel() == CaseSource.Channel.DISTRICT_SUPERVISOR) {
                day[0]++;
            } else if (r.channel() == CaseSource.Channel.CITY_SUPERVISOR && r.missedReport()) {
                day[1]++;
                missed.add(r.number());
            }
        }
        List<LocalDate> days = in.period().days();
        BigDecimal total = BigDecimal.ZERO;
        for (LocalDate d : days) {
            long[] day = perDay.getOrDefault(d, new long[2]);
            if (day[1] > 0) {
                total = total.add(BigDecimal.valueOf(day[1]).divide(BigDecimal.valueOf(day[0] + day[1]), 10,
                        RoundingMode.HALF_UP));
            }
        }
        return Measure.of(total.divide(BigDecimal.valueOf(days.size()), 10, RoundingMode.HALF_UP), missed);
    }

    private static Measure lowCaseCommunities(IndicatorInput in) {
        List<CityShape.Community> communities = in.shape().communities().stream()
                .filter(c -> in.target().kind() == Target.Kind.COMMUNITY ? c.code().equals(in.target().code())
                        : in.target().kind() == Target.Kind.DISTRICT && c.district().equals(in.target().code()))
                .toList();
        List<LocalDate> counted = in.period().days().stream()
                .filter(d -> in.params().countedDays() == null || in.params().countedDays().contains(d)).toList();
        Map<String, Map<LocalDate, Integer>> reports = new HashMap<>();
        for (CaseRow r : in.rows()) {
            if (r.channel() == CaseSource.Channel.DISTRICT_SUPERVISOR && in.period().contains(r.reportedAt())) {
                reports.computeIfAbsent(r.community(), c -> new HashMap<>())
                        .merge(in.period().dayOf(r.reportedAt()), 1, Integer::sum);
            }
        }
        List<String> low = communities.stream().filter(c -> {
            int threshold = in.params().lowCaseThreshold(c.type());
            Map<LocalDate, Integer> perDay = reports.getOrDefault(c.code(), Map.of());
            return counted.stream().anyMatch(d -> perDay.getOrDefault(d, 0) < threshold);
        }).map(CityShape.Community::code).toList();
        return Measure.rate(low.size(), communities.size(), low);
    }

    private static Measure judgedShare(IndicatorInput in, String verdict) {
        Map<String, CaseRow> byNumber = new HashMap<>();
        in.rows().forEach(r -> byNumber.put(r.number(), r));
        List<IndicatorInput.Judgement> judged = in.judgements().stream().filter(j -> in.period().containsDay(j.day()))
                .filter(j -> byNumber.containsKey(j.caseNumber()) && in.target().owns(byNumber.get(j.caseNumber())))
                .toList();
        List<String> hits = judged.stream().filter(j -> verdict.equals(j.verdict()))
                .map(IndicatorInput.Judgement::caseNumber).toList();
        return Measure.rate(hits.size(), judged.size(), hits);
    }

    private static Period comparison(IndicatorInput in) {
        return in.params().changeBase() == Parameters.ChangeBase.SAME_PERIOD_LAST_YEAR ? in.period().yearEarlier()
                : in.period().previous();
    }

    private static long reportedCount(Target t, List<CaseRow> rows, Period p) {
        return rows.stream().filter(t::owns).filter(r -> p.contains(r.reportedAt())).count();
    }

    /** Adds {@code sign} to each peer's entry (the map's keys) for every case of the rows reported in the period it owns. */
    private static void perOwner(Target.Kind kind, List<CaseRow> rows, Period p, Map<String, Long> counts, long sign) {
        for (CaseRow r : rows) {
            if (p.contains(r.reportedAt())) {
                for (String owner : Target.owners(kind, r)) {
                    counts.computeIfPresent(owner, (k, v) -> v + sign);
                }
            }
        }
    }

    private static BigDecimal maxDensity(IndicatorInput in, List<CaseRow> rows, Period p) {
        Map<String, Long> perGrid = new HashMap<>();
        rows.stream().filter(in.target()::owns).filter(r -> p.contains(r.reportedAt()))
                .forEach(r -> perGrid.merge(r.management(), 1L, Long::sum));
        return in.shape().grids().stream().filter(g -> g.km2().signum() > 0 && perGrid.containsKey(g.code()))
                .map(g -> BigDecimal.valueOf(perGrid.get(g.code())).divide(g.km2(), 10, RoundingMode.HALF_UP))
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    }

    private static long sum(List<CaseRow> rows, java.util.function.ToIntFunction<CaseRow> f) {
        return rows.stream().mapToLong(f::applyAsInt).sum();
    }

    private static List<String> numbers(List<CaseRow> rows) {
        return rows.stream().map(CaseRow::number).toList();
    }
}
