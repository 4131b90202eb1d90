package city.gridcity.sampling;

import city.gridcity.calendar.CalendarService;
import city.gridcity.calendar.WorkingCalendar;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.shared.SeededRandom;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The daily sample of district supervisors' reports (重复案件率 / 假错案件率, issue #10) and its judgements.
 *
 * <p>The draw of a day: the day's reports by district supervisors (reported that local day, read through the case
 * facts), ordered by case number; {@code ceil(share × reports)} of them are picked by a partial Fisher–Yates shuffle
 * driven by the {@link SeededRandom} of the seed {@link #seed(String, LocalDate)} of (city, day), so anyone with the
 * list and the seed repeats it. The draw is recorded once: drawing the same day again returns the recorded one.
 * Each sample is to be judged by a city reviewer within the city's working days after the day; an unjudged sample
 * after that deadline is overdue and listed to the assessor.
 */
@ApplicationScoped
public class Sampling {

    public static final int MAX_LIST = 500;
    public static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.0500");
    public static final int DEFAULT_JUDGE_WORKING_DAYS = 3;

    /** Which samples a list shows. */
    public enum Status {
        UNJUDGED, JUDGED, OVERDUE
    }

    /** The rule: the share drawn each day (0 draws nothing) and the judging deadline in working days. */
    public record Settings(BigDecimal share, int judgeWorkingDays, boolean configured) {
    }

    /** The record of a day's draw. */
    public record Draw(LocalDate day, long seed, BigDecimal share, int reports, int drawn, Instant deadline,
                       Instant drawnAt, String drawnBy, List<SampleView> samples) {
    }

    /** A sample as the API and pages show it; {@code overdue}: unjudged after its deadline. */
    public record SampleView(long id, LocalDate day, String caseNumber, Long seed, Instant drawnAt, Instant deadline,
                             String origin, boolean overdue, String verdict, String note, String judgedBy,
                             Instant judgedAt) {
    }

    /** A judged sample, as the duplicate and false-case rates count it. */
    public record Judged(String caseNumber, LocalDate day, String verdict) {
    }

    private final CaseFactsQueries facts;
    private final CalendarService calendar;
    private final TenantContext tenant;
    private final SeededRandom random;
    private final Clock clock;

    Sampling(CaseFactsQueries facts, CalendarService calendar, TenantContext tenant, SeededRandom random, Clock clock) {
        this.facts = facts;
        this.calendar = calendar;
        this.tenant = tenant;
        this.random = random;
        this.clock = clock;
    }

    // ---- settings ----

    /** The current city's rule; the defaults (5 %, 3 working days) until the city sets one. */
    @Transactional
    public Settings settings() {
        return SamplingSettings.<SamplingSettings>findAll().firstResultOptional()
                .map(s -> new Settings(s.share, s.judgeWorkingDays, true))
                .orElse(new Settings(DEFAULT_SHARE, DEFAULT_JUDGE_WORKING_DAYS, false));
    }

    /**
     * Sets the rule.
     *
     * @throws ProblemException 400 naming {@code share} (0..1) or {@code judgeWorkingDays} (1..60)
     */
    @Transactional
    public Settings updateSettings(BigDecimal share, Integer judgeWorkingDays, String by) {
        List<Problem.FieldError> errors = check(share, judgeWorkingDays, "share", "judgeWorkingDays");
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        SamplingSettings s = SamplingSettings.<SamplingSettings>findAll().firstResultOptional()
                .orElseGet(SamplingSettings::new);
        s.share = share.setScale(4, RoundingMode.HALF_UP);
        s.judgeWorkingDays = judgeWorkingDays;
        s.updatedAt = clock.instant();
        s.updatedBy = by;
        if (s.id == null) {
            s.persist();
        }
        return new Settings(s.share, s.judgeWorkingDays, true);
    }

    /** The problems of a rule, named by the given field names (the API's or the pack's). */
    public static List<Problem.FieldError> check(BigDecimal share, Integer days, String shareField, String daysField) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (share == null || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0
                || share.stripTrailingZeros().scale() > 4) {
            errors.add(new Problem.FieldError(shareField, "give the share of each day's reports drawn, 0 to 1 "
                    + "(e.g. 0.05), at most 4 decimals"));
        }
        if (days == null || days < 1 || days > 60) {
            errors.add(new Problem.FieldError(daysField, "give the judging deadline in working days, 1 to 60"));
        }
        return errors;
    }

    // ---- the draw ----

    /** The seed of a city's day: the first 8 bytes of SHA-256 of {@code "city|YYYY-MM-DD"}, big-endian. */
    public static long seed(String city, LocalDate day) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((city + "|" + day).getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (d[i] & 0xff);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of {@code reports} a share draws: rounded up, so a day with a report and a share above 0 draws one. */
    public static int size(BigDecimal share, int reports) {
        return share.multiply(BigDecimal.valueOf(reports)).setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /**
     * The {@code n} numbers picked from {@code numbers} (sorted first) by a partial Fisher–Yates shuffle on
     * {@code r}, in the order picked.
     */
    public static List<String> pick(List<String> numbers, int n, RandomGenerator r) {
        String[] a = numbers.stream().sorted().toArray(String[]::new);
        int k = Math.min(n, a.length);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(a.length - i);
            String t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.asList(a).subList(0, k);
    }

    /**
     * Draws the day's sample of the current city and records it, or returns the draw already recorded for the day
     * (drawing a day twice changes nothing).
     *
     * @throws ProblemException 400 naming {@code day} for a missing day or one that has not ended yet
     */
    @Transactional
    public Draw draw(LocalDate day, String by) {
        if (day == null) {
            throw ProblemException.invalid("day", "give the day to draw (YYYY-MM-DD, the city's time zone)");
        }
        if (!day.isBefore(calendar.today())) {
            throw ProblemException.invalid("day", "a day is drawn once it has ended; " + day + " has not");
        }
        Optional<SamplingDraw> done = SamplingDraw.<SamplingDraw>find("day", day).firstResultOptional();
        if (done.isPresent()) {
            return view(done.get());
        }
        String city = city();
        Settings rule = settings();
        List<String> reports = districtSupervisorReports(day);
        long seed = seed(city, day);
        List<String> picked = pick(reports, size(rule.share(), reports.size()), random.of(seed));
        WorkingCalendar working = calendar.current();
        Instant deadline = working.deadlineInWorkingDays(day.plusDays(1).atStartOfDay(working.zone()).toInstant(),
                rule.judgeWorkingDays());
        Instant now = clock.instant();
        SamplingDraw d = new SamplingDraw();
        d.day = day;
        d.seed = seed;
        d.share = rule.share();
        d.reportCount = reports.size();
        d.sampleCount = picked.size();
        d.deadline = deadline;
        d.drawnAt = now;
        d.drawnBy = by;
        d.persist();
        // A case the imported history already judged for this day keeps the old system's judgement; the draw itself
        // is still the seeded pick, so it reproduces.
        java.util.Set<String> judged = new java.util.HashSet<>(Sample.<Sample>find("day", day).list().stream()
                .map(x -> x.caseNumber).toList());
        for (String number : picked) {
            if (judged.contains(number)) {
                continue;
            }
            Sample s = new Sample();
            s.day = day;
            s.caseNumber = number;
            s.seed = seed;
            s.drawnAt = now;
            s.deadline = deadline;
            s.origin = Sample.Origin.DRAW;
            s.persist();
        }
        return view(d);
    }

    /** The recorded draw of a day, if any. */
    @Transactional
    public Optional<Draw> drawOf(LocalDate day) {
        return SamplingDraw.<SamplingDraw>find("day", day).firstResultOptional().map(this::view);
    }

    /** The numbers of the day's reports by district supervisors, as a draw of the day reads them. */
    @Transactional
    public List<String> districtSupervisorReports(LocalDate day) {
        List<String> numbers = new ArrayList<>();
        CaseFactsQueries.Filter filter = new CaseFactsQueries.Filter(day, day.plusDays(1),
                CaseFactsQueries.Moment.REPORTED, null, null, null, null, null);
        for (int page = 0; ; page++) {
            CaseFactsQueries.Page p = facts.list(filter, page, CaseFactsQueries.MAX_SIZE);
            p.items().stream().filter(f -> f.channel() == CaseSource.Channel.DISTRICT_SUPERVISOR)
                    .map(CaseFactsQueries.Fact::number).forEach(numbers::add);
            if ((long) (page + 1) * p.size() >= p.total()) {
                break;
            }
        }
        return numbers;
    }

    private Draw view(SamplingDraw d) {
        List<SampleView> samples = Sample.<Sample>find("day = ?1 AND origin = ?2 ORDER BY id", d.day, Sample.Origin.DRAW)
                .list().stream().map(this::view).toList();
        return new Draw(d.day, d.seed, d.share, d.reportCount, d.sampleCount, d.deadline, d.drawnAt, d.drawnBy, samples);
    }

    // ---- listing and judging ----

    /**
     * Samples of a day (or of every day when {@code day} is null), unjudged, judged or overdue (unjudged after the
     * deadline), oldest first, at most {@value #MAX_LIST}; both null: the day's samples of any status.
     */
    @Transactional
    public List<SampleView> list(LocalDate day, Status status) {
        StringBuilder q = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (day != null) {
            args.add(day);
            q.append(" AND day = ?").append(args.size());
        }
        if (status == Status.JUDGED) {
            q.append(" AND verdict IS NOT NULL");
        } else if (status == Status.UNJUDGED) {
            q.append(" AND verdict IS NULL");
        } else if (status == Status.OVERDUE) {
            args.add(clock.instant());
            q.append(" AND verdict IS NULL AND deadline < ?").append(args.size());
        }
        q.append(" ORDER BY day, id");
        return Sample.<Sample>find(q.toString(), args.toArray()).range(0, MAX_LIST - 1).list().stream()
                .map(this::view).toList();
    }

    /**
     * Judges a sample: VALID, DUPLICATE or FALSE, with an optional note.
     *
     * @throws ProblemException 404 for no such sample of the city; 400 naming {@code verdict} or {@code note};
     *                          409 naming {@code verdict} when the sample is judged already
     */
    @Transactional
    public SampleView judge(long id, String verdict, String note, String by) {
        Sample s = Sample.<Sample>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Sample " + id));
        Sample.Verdict v = parse(verdict).orElseThrow(() -> ProblemException.invalid("verdict",
                "give VALID, DUPLICATE or FALSE"));
        if (note != null && note.length() > 500) {
            throw ProblemException.invalid("note", "at most 500 characters");
        }
        if (s.verdict != null) {
            throw ProblemException.conflict("already-judged", "verdict", "sample " + id + " (case " + s.caseNumber
                    + ") was judged " + s.verdict + " by " + s.judgedBy + " already");
        }
        s.verdict = v;
        s.note = note == null || note.isBlank() ? null : note.trim();
        s.judgedBy = by;
        s.judgedAt = clock.instant();
        return view(s);
    }

    private static Optional<Sample.Verdict> parse(String verdict) {
        if (verdict == null) {
            return Optional.empty();
        }
        return Arrays.stream(Sample.Verdict.values()).filter(v -> v.name().equals(verdict.trim().toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    /** The judged samples of days in [from, to), for the duplicate and false-case rates. */
    @Transactional
    public List<Judged> judged(LocalDate from, LocalDate to) {
        return Sample.<Sample>find("verdict IS NOT NULL AND day >= ?1 AND day < ?2 ORDER BY day, caseNumber", from, to)
                .list().stream().map(s -> new Judged(s.caseNumber, s.day, s.verdict.name())).toList();
    }

    /**
     * Records a judgement of an older system (the history import): a judged sample of the day with no seed or
     * deadline. A judgement of the same case and day already recorded is left as it is.
     *
     * @throws ProblemException 400 naming {@code verdict}
     */
    @Transactional
    public boolean recordImported(String caseNumber, LocalDate day, String verdict, String by, Instant at) {
        Sample.Verdict v = parse(verdict).orElseThrow(() -> ProblemException.invalid("verdict",
                "give VALID, DUPLICATE or FALSE"));
        if (Sample.count("day = ?1 AND caseNumber = ?2", day, caseNumber) > 0) {
            return false;
        }
        Sample s = new Sample();
        s.day = day;
        s.caseNumber = caseNumber;
        s.drawnAt = at == null ? clock.instant() : at;
        s.origin = Sample.Origin.IMPORT;
        s.verdict = v;
        s.judgedBy = by == null ? "import" : by;
        s.judgedAt = at == null ? clock.instant() : at;
        s.persist();
        return true;
    }

    private SampleView view(Sample s) {
        boolean overdue = s.verdict == null && s.deadline != null && s.deadline.isBefore(clock.instant());
        return new SampleView(s.id, s.day, s.caseNumber, s.seed, s.drawnAt, s.deadline, s.origin.name(), overdue,
                s.verdict == null ? null : s.verdict.name(), s.note, s.judgedBy, s.judgedAt);
    }

    private String city() {
        return tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Samples belong to a city; sign in as a user of a city."));
    }
}
