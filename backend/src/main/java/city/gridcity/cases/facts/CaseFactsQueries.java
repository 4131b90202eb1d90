package city.gridcity.cases.facts;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridQueries;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.Session;

/**
 * The case facts of the current city, for the features that need to know about cases (assessment,
 * points, dashboards, Open311, hotline rates): counts and sums over a period, and the facts rows
 * themselves. These features read cases here and never query {@code city_case} themselves.
 *
 * <p>Tenant: always the city selected in {@link TenantContext} (row-level security holds even a
 * native query to it); there is no way to ask about another city. Periods are local dates of the
 * city's time zone, {@code from} inclusive and {@code to} exclusive, on the moment a case was
 * reported, filed or closed. Null filter values mean "any".
 */
@ApplicationScoped
public class CaseFactsQueries {

    public static final int MAX_SIZE = 200;
    public static final int MAX_PAGE = 10_000;

    /** The moment of a case a period is counted on. */
    public enum Moment {
        REPORTED("reported_at"), FILED("filed_at"), CLOSED("closed_at");

        private final String column;

        Moment(String column) {
            this.column = column;
        }
    }

    /** A grid level and the column of its code; codes are 6, 9, 12, 14 and 17 digits long. */
    public enum GridLevel {
        DISTRICT("district_code", 6), STREET("street_code", 9), COMMUNITY("community_code", 12),
        MANAGEMENT("management_code", 14), UNIT("unit_code", 17);

        private final String column;
        private final int digits;

        GridLevel(String column, int digits) {
            this.column = column;
            this.digits = digits;
        }
    }

    /**
     * Which cases: a period on a moment ({@code on} null means reported), a grid code at a level, a
     * department (responsible for the case or called in to it), a kind and subclass.
     */
    public record Filter(LocalDate from, LocalDate to, Moment on, GridLevel level, String code, String department,
                         CatalogClass.Kind kind, String classCode) {
    }

    /** Counts per time-limited phase. */
    public record PerPhase(long filing, long dispatch, long disposal, long verification) {
    }

    /**
     * What assessment counts over the cases of a filter. {@code closedOnTime}: closed, and no phase
     * of it ended late. {@code overdue}: cases whose phase ended late or was flagged overdue at least
     * once. Weights are sums of the cases' base case weights (all cases; closed cases).
     */
    public record Summary(long cases, long filed, long dispatched, long closed, long closedOnTime, long rejected,
                          long merged, long voided, long open, PerPhase overdue, long returns, long reworks,
                          long extensions, long suspensions, long missedReports, long selfHandled,
                          BigDecimal baseCaseWeight, BigDecimal closedBaseCaseWeight) {
    }

    /** The grid a case was located in when reported, in the layout version then in force. */
    public record Grid(int layoutVersion, String unit, String management, String community, String street,
                       String district) {
    }

    /** One time-limited phase: attempts, the last attempt's deadline and end, on time (null until one ended), first overdue. */
    public record Phase(int attempts, Instant deadline, Instant endedAt, Boolean onTime, Instant overdueAt) {
    }

    /** The facts of one case. */
    public record Fact(String number, CaseState state, boolean open, Long reporterId, String reporterRole, String source,
                       CaseSource.Channel channel, String hotlineTicket, CatalogClass.Kind kind, String classCode,
                       boolean keyClass, boolean minor, BigDecimal baseCaseWeight, CityCase.ProblemType problemType,
                       String conditionCode, Grid grid, Instant reportedAt, Instant filedAt, Instant dispatchedAt,
                       Instant closedAt, Instant rejectedAt, Instant mergedAt, Instant voidedAt, Phase filing,
                       Phase dispatch, Phase disposal, Phase verification, int returns, List<String> returnedBy,
                       int reworks, int extensions, int extensionHours, int extensionWorkingDays, int suspensions,
                       long suspendedSeconds, Instant suspendedSince, CityCase.Level solvedLevel, boolean selfHandled,
                       boolean auditSampled, String auditResult, boolean missedReport, String duplicateOf,
                       String responsibleDepartment, String routedDepartment, List<String> participants,
                       int eventCount, Rated ratings, Reopens reopens, Work work, boolean imported, Hotline hotline) {

        static Fact of(CaseFacts f) {
            return new Fact(f.number, f.state, f.open, f.reporterId, f.reporterRole, f.sourceCode, f.sourceChannel,
                    f.hotlineTicket, f.kind, f.classCode, f.keyClass, f.minor, f.baseCaseWeight, f.problemType,
                    f.conditionCode, new Grid(f.layoutVersion, f.unitCode, f.managementCode, f.communityCode,
                    f.streetCode, f.districtCode), f.reportedAt, f.filedAt, f.dispatchedAt, f.closedAt, f.rejectedAt,
                    f.mergedAt, f.voidedAt,
                    new Phase(f.filingAttempts, f.filingDeadline, f.filingEndedAt, f.filingOnTime, f.filingOverdueAt),
                    new Phase(f.dispatchAttempts, f.dispatchDeadline, f.dispatchEndedAt, f.dispatchOnTime,
                            f.dispatchOverdueAt),
                    new Phase(f.disposalAttempts, f.disposalDeadline, f.disposalEndedAt, f.disposalOnTime,
                            f.disposalOverdueAt),
                    new Phase(f.verificationAttempts, f.verificationDeadline, f.verificationEndedAt,
                            f.verificationOnTime, f.verificationOverdueAt),
                    f.returnCount, List.of(f.returnedBy), f.reworkCount, f.extensionCount, f.extensionHours,
                    f.extensionWorkingDays, f.suspensionCount, f.suspendedSeconds, f.suspendedSince, f.solvedLevel,
                    f.selfHandled, f.auditSampled, f.auditResult, f.missedReport, f.duplicateOf,
                    f.responsibleDepartment, f.routedDepartment, List.of(f.participants), f.eventCount,
                    new Rated(f.ratingCount, f.satisfiedCount, f.basicallySatisfiedCount, f.dissatisfiedCount,
                            f.notSolvedCount, f.firstRatedAt),
                    new Reopens(f.reopenRequests, f.reopenAccepted, f.reopenDeclined),
                    new Work(f.dispatchCount, f.dispatchEndedCount, f.dispatchOnTimeCount, f.verificationEndedCount,
                            f.verificationOnTimeCount, f.verifyFailCount, f.lastVerifiedAt, f.verifierId,
                            f.lastSuspensionFrom, f.lastSuspensionUntil), f.imported,
                    new Hotline(f.hotlineCheckedAt, f.hotlineFinding, f.foundBeforeComplaint, f.solvedBeforeComplaint,
                            f.complaintCount, f.firstComplaintAt));
        }
    }

    /**
     * What assessment counts of the work on one case: dispatches made, dispatch and verification phase
     * attempts ended and ended on time, failed verifications, the last verification and its verifier, the
     * last suspension (its end null while it runs).
     */
    public record Work(int dispatches, int dispatchesEnded, int dispatchesEndedOnTime, int verificationsEnded,
                       int verificationsEndedOnTime, int verificationsFailed, Instant lastVerifiedAt, Long verifierId,
                       Instant lastSuspensionFrom, Instant lastSuspensionUntil) {
    }

    /**
     * What the daily hotline matching recorded (hotline-match events): on a complaint, when it was looked at (null: not
     * yet), the grid finding of the same problem (null: none), whether that was reported and closed before the call; on
     * a grid finding, how many complaints met it and the earliest call.
     */
    public record Hotline(Instant checkedAt, String finding, boolean foundBefore, boolean solvedBefore,
                          int complaints, Instant firstComplaintAt) {
    }

    /** Residents' ratings of one case: how many, per answer, how many said "not solved", the first one's moment. */
    public record Rated(int count, int satisfied, int basicallySatisfied, int dissatisfied, int notSolved,
                        Instant firstAt) {
    }

    /** Reopen requests of one case and the acceptor's decisions. */
    public record Reopens(int requested, int accepted, int declined) {
    }

    /** What satisfaction rates are grouped by: the department answering for the case, its district or street. */
    public enum RateGroup {
        DEPARTMENT("responsible_department"), DISTRICT("district_code"), STREET("street_code");

        private final String column;

        RateGroup(String column) {
            this.column = column;
        }
    }

    /**
     * The satisfaction of one group over a period (满意率). Counted per rating, one per resident and case:
     * {@code satisfiedPercent} is (satisfied + basically satisfied) / ratings, {@code notSolvedPercent} is
     * "not solved" / ratings, both in percent with two decimals, null when nothing was rated.
     * {@code ratedCases}: cases with at least one rating. {@code code} is null for cases with no department;
     * {@code name} is the department's, district's or street's name (null when the city no longer knows the code).
     */
    public record SatisfactionRate(String code, String name, long cases, long ratedCases, long ratings, long satisfied,
                                   long basicallySatisfied, long dissatisfied, long notSolved,
                                   BigDecimal satisfiedPercent, BigDecimal notSolvedPercent, long reopenRequests,
                                   long reopenAccepted) {
    }

    /**
     * What an assessment counts of one case (39 of the facts row's columns), as {@link #counted} reads them: the
     * same values as the {@link Fact} of the case (its grid, disposal and verification phases, work, ratings and the
     * hotline matching's facts).
     */
    public record Counted(String number, CaseSource.Channel channel, Long reporterId, boolean keyClass,
                          BigDecimal baseCaseWeight, String district, String street, String community, String management,
                          Instant reportedAt, Instant filedAt, Instant dispatchedAt, Instant closedAt, Instant mergedAt,
                          String responsibleDepartment, List<String> participants, Instant disposalDeadline,
                          Boolean disposalOnTime, int dispatches, int returns, Instant dispatchEndedAt,
                          int dispatchesEnded, int dispatchesEndedOnTime, Instant verificationEndedAt,
                          int verificationsEnded, int verificationsEndedOnTime, int verificationsFailed,
                          Instant lastVerifiedAt, Long verifierId, Instant lastSuspensionFrom,
                          Instant lastSuspensionUntil, boolean missedReport, CityCase.Level solvedLevel, int ratings,
                          int satisfied, int basicallySatisfied, Instant hotlineCheckedAt, String hotlineFinding,
                          Instant firstComplaintAt) {
    }

    /** The columns of {@link Counted}, in its order. */
    public static final String COUNTED_COLUMNS = "number, source_channel, reporter_id, key_class, base_case_weight, "
            + "district_code, street_code, community_code, management_code, reported_at, filed_at, dispatched_at, "
            + "closed_at, merged_at, responsible_department, participants, disposal_deadline, disposal_on_time, "
            + "dispatch_count, return_count, dispatch_ended_at, dispatch_ended_count, dispatch_on_time_count, "
            + "verification_ended_at, verification_ended_count, verification_on_time_count, verify_fail_count, "
            + "last_verified_at, verifier_id, last_suspension_from, last_suspension_until, missed_report, solved_level, "
            + "rating_count, satisfied_count, basically_satisfied_count, hotline_checked_at, hotline_finding, "
            + "first_complaint_at";

    /** A page of facts rows, in order of the filter's moment, and how many match in all. */
    public record Page(List<Fact> items, long total, int page, int size) {
    }

    private static final String LATE = "%s_on_time IS FALSE OR %s_overdue_at IS NOT NULL";

    private final EntityManager em;
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final DepartmentService departments;
    private final GridQueries grid;

    CaseFactsQueries(EntityManager em, TenantContext tenant, TenantDirectory directory, DepartmentService departments,
                     GridQueries grid) {
        this.em = em;
        this.tenant = tenant;
        this.directory = directory;
        this.departments = departments;
        this.grid = grid;
    }

    /**
     * Counts and sums over the cases of the filter.
     *
     * @throws ProblemException 400 naming the filter field that is missing or malformed; 403 outside a city
     */
    @Transactional
    public Summary summary(Filter filter) {
        Where where = where(filter);
        Query q = em.createNativeQuery("SELECT count(*), count(filed_at), count(dispatched_at), count(closed_at), "
                + "count(*) FILTER (WHERE closed_at IS NOT NULL AND filing_on_time IS NOT FALSE AND dispatch_on_time "
                + "IS NOT FALSE AND disposal_on_time IS NOT FALSE AND verification_on_time IS NOT FALSE), "
                + "count(rejected_at), count(merged_at), count(voided_at), count(*) FILTER (WHERE is_open), "
                + "count(*) FILTER (WHERE " + late("filing") + "), count(*) FILTER (WHERE " + late("dispatch") + "), "
                + "count(*) FILTER (WHERE " + late("disposal") + "), count(*) FILTER (WHERE " + late("verification")
                + "), coalesce(sum(return_count), 0), coalesce(sum(rework_count), 0), "
                + "coalesce(sum(extension_count), 0), coalesce(sum(suspension_count), 0), "
                + "count(*) FILTER (WHERE missed_report), count(*) FILTER (WHERE self_handled), "
                + "coalesce(sum(base_case_weight), 0), coalesce(sum(base_case_weight) FILTER (WHERE closed_at IS NOT NULL), 0) "
                + "FROM case_facts WHERE " + where.sql());
        where.bind(q);
        Object[] r = (Object[]) q.getSingleResult();
        return new Summary(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]), n(r[8]),
                new PerPhase(n(r[9]), n(r[10]), n(r[11]), n(r[12])), n(r[13]), n(r[14]), n(r[15]), n(r[16]), n(r[17]),
                n(r[18]), weight(r[19]), weight(r[20]));
    }

    /**
     * A page of the facts rows of the filter, by the filter's moment then case.
     *
     * @throws ProblemException 400 for a bad filter, a page beyond {@value #MAX_PAGE} or a size outside 1..{@value #MAX_SIZE}
     */
    @Transactional
    public Page list(Filter filter, int page, int size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (page < 0 || page > MAX_PAGE) {
            errors.add(new Problem.FieldError("page", "from 0 to " + MAX_PAGE + "; narrow the filter to see older rows"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new Problem.FieldError("size", "from 1 to " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Where where = where(filter);
        Query count = em.createNativeQuery("SELECT count(*) FROM case_facts WHERE " + where.sql());
        where.bind(count);
        Query rows = em.createNativeQuery("SELECT * FROM case_facts WHERE " + where.sql() + " ORDER BY "
                + moment(filter).column + ", case_id", CaseFacts.class);
        where.bind(rows);
        rows.setFirstResult(page * size);
        rows.setMaxResults(size);
        @SuppressWarnings("unchecked")
        List<CaseFacts> found = rows.getResultList();
        return new Page(found.stream().map(Fact::of).toList(), n(count.getSingleResult()), page, size);
    }

    /**
     * The satisfaction rate of each department, district or street over the cases of the filter (the
     * period on {@code filter.on()}, usually {@link Moment#CLOSED}), by code; groups whose cases had no
     * rating are left out.
     *
     * @throws ProblemException 400 for a bad filter or no group; 403 outside a city
     */
    @Transactional
    public List<SatisfactionRate> satisfaction(Filter filter, RateGroup by) {
        if (by == null) {
            throw ProblemException.invalid("by", "group by department, district or street");
        }
        Where where = where(filter);
        Query q = em.createNativeQuery("SELECT " + by.column + ", count(*), count(*) FILTER (WHERE rating_count > 0), "
                + "sum(rating_count), sum(satisfied_count), sum(basically_satisfied_count), sum(dissatisfied_count), "
                + "sum(not_solved_count), sum(reopen_requests), sum(reopen_accepted) FROM case_facts WHERE " + where.sql()
                + " GROUP BY " + by.column + " HAVING sum(rating_count) > 0 ORDER BY " + by.column + " NULLS LAST");
        where.bind(q);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        Map<String, String> names = names(by, rows.stream().map(r -> (String) r[0]).filter(java.util.Objects::nonNull)
                .toList());
        return rows.stream().map(r -> {
            long ratings = n(r[3]);
            long satisfied = n(r[4]);
            long basically = n(r[5]);
            long notSolved = n(r[7]);
            return new SatisfactionRate((String) r[0], r[0] == null ? null : names.get((String) r[0]), n(r[1]), n(r[2]),
                    ratings, satisfied, basically, n(r[6]),
                    notSolved, percent(satisfied + basically, ratings), percent(notSolved, ratings), n(r[8]), n(r[9]));
        }).toList();
    }

    private Map<String, String> names(RateGroup by, List<String> codes) {
        return switch (by) {
            case DEPARTMENT -> departments.refs().stream().filter(d -> codes.contains(d.code()))
                    .collect(java.util.stream.Collectors.toMap(DepartmentService.DepartmentRef::code,
                            DepartmentService.DepartmentRef::name));
            case DISTRICT -> grid.names(city.gridcity.grid.GridLevel.DISTRICT, codes);
            case STREET -> grid.names(city.gridcity.grid.GridLevel.STREET, codes);
        };
    }

    /** {@code part} of {@code whole} in percent, two decimals, half up; null of nothing. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2,
                java.math.RoundingMode.HALF_UP);
    }

    /**
     * Every facts row of the current city that an assessment of the period may count: reported, filed,
     * dispatched, closed or verified in the period, or with its disposal deadline in it. The period is
     * [from, to) in local dates of the city's time zone. Read in one statement on the moment indexes;
     * a month of a large city is some hundred thousand rows.
     *
     * @throws ProblemException 400 for a missing or empty period; 403 outside a city
     */
    @Transactional
    public List<Fact> forAssessment(LocalDate from, LocalDate to) {
        return forAssessment(from, to, f -> f);
    }

    /**
     * The same rows as {@link #forAssessment(LocalDate, LocalDate)}, each turned into what the caller keeps as it is
     * read (a cursor of 2,000 rows at a time, each entity let go at once): a month of a large city is not held three
     * times over (driver rows, entities, facts) while it is read.
     */
    @Transactional
    public <T> List<T> forAssessment(LocalDate from, LocalDate to, Function<Fact, T> keep) {
        Where where = where(new Filter(from, to, Moment.REPORTED, null, null, null, null, null));
        String sql = assessed(where);
        Query rows = em.createNativeQuery("SELECT * FROM case_facts WHERE " + sql + " ORDER BY case_id", CaseFacts.class);
        where.bind(rows);
        rows.setHint("org.hibernate.fetchSize", 2_000);
        rows.setHint("org.hibernate.readOnly", true);
        List<T> kept = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Stream<CaseFacts> found = rows.getResultStream();
        try (found) {
            // Read-only: the rows are not kept in the persistence context of a long run.
            found.forEach(row -> {
                kept.add(keep.apply(Fact.of(row)));
                em.detach(row);
            });
        }
        return kept;
    }

    /**
     * The rows of {@link #forAssessment(LocalDate, LocalDate)}, only the columns an assessment counts ({@link Counted}),
     * read by plain JDBC in fetches of {@value #ASSESSMENT_FETCH} rows and each turned into what the caller keeps as it
     * is read: no entity, no persistence context, 36 columns of 90 (a month of a large city is 300,000 rows). The rows
     * come in no particular order.
     *
     * @throws ProblemException 400 for a missing or empty period; 403 outside a city
     */
    @Transactional
    public <T> List<T> counted(LocalDate from, LocalDate to, Function<Counted, T> keep) {
        Where where = where(new Filter(from, to, Moment.REPORTED, null, null, null, null, null));
        // In no order: a case number is the city's once (case_facts_number_uk), the caller sorts by it. Ordered by
        // case_id the planner walked the city's whole key index, one heap page a row (AssessmentBenchmarkTest).
        String sql = "SELECT " + COUNTED_COLUMNS + " FROM case_facts WHERE " + assessed(where);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<T> kept = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(sql.replaceAll("\\?[0-9]+", "?"))) {
                // ?1 the city, ?2 and ?3 the period's bounds; the period's six moments use ?2 and ?3 again.
                List<Object> values = where.values();
                int[] order = java.util.regex.Pattern.compile("\\?([0-9]+)").matcher(sql).results()
                        .mapToInt(m -> Integer.parseInt(m.group(1))).toArray();
                for (int i = 0; i < order.length; i++) {
                    Object v = values.get(order[i] - 1);
                    if (v instanceof Instant moment) {
                        ps.setObject(i + 1, moment.atOffset(java.time.ZoneOffset.UTC));
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                ps.setFetchSize(ASSESSMENT_FETCH);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        kept.add(keep.apply(counted(r)));
                    }
                }
            }
            return kept;
        });
    }

    private static final int ASSESSMENT_FETCH = 5_000;

    private static Counted counted(ResultSet r) throws SQLException {
        Array participants = r.getArray(16);
        String[] codes = participants == null ? new String[0] : (String[]) participants.getArray();
        String solved = r.getString(33);
        return new Counted(r.getString(1), CaseSource.Channel.valueOf(r.getString(2)), nullableLong(r, 3),
                r.getBoolean(4), r.getBigDecimal(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                instant(r, 10), instant(r, 11), instant(r, 12), instant(r, 13), instant(r, 14), r.getString(15),
                List.of(codes), instant(r, 17), nullableBoolean(r, 18), r.getInt(19), r.getInt(20), instant(r, 21),
                r.getInt(22), r.getInt(23), instant(r, 24), r.getInt(25), r.getInt(26), r.getInt(27), instant(r, 28),
                nullableLong(r, 29), instant(r, 30), instant(r, 31), r.getBoolean(32),
                solved == null ? null : CityCase.Level.valueOf(solved), r.getInt(34), r.getInt(35), r.getInt(36),
                instant(r, 37), r.getString(38), instant(r, 39));
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static Boolean nullableBoolean(ResultSet r, int column) throws SQLException {
        boolean v = r.getBoolean(column);
        return r.wasNull() ? null : v;
    }

    /** The condition of an assessment's rows: the city's, with any of six moments in the period. */
    private static String assessed(Where where) {
        return where.sql().replace("reported_at >= ?2 AND reported_at < ?3",
                "((reported_at >= ?2 AND reported_at < ?3) OR (filed_at >= ?2 AND filed_at < ?3) "
                        + "OR (dispatched_at >= ?2 AND dispatched_at < ?3) OR (closed_at >= ?2 AND closed_at < ?3) "
                        + "OR (last_verified_at >= ?2 AND last_verified_at < ?3) "
                        + "OR (disposal_deadline >= ?2 AND disposal_deadline < ?3))");
    }

    /** The facts of one case of the current city, by number. */
    @Transactional
    public Optional<Fact> byNumber(String number) {
        return CaseFacts.<CaseFacts>find("number", number).firstResultOptional().map(Fact::of);
    }

    private record Where(String sql, List<Object> values) {
        void bind(Query q) {
            for (int i = 0; i < values.size(); i++) {
                q.setParameter(i + 1, values.get(i));
            }
        }
    }

    private Where where(Filter filter) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (filter.from() == null) {
            errors.add(new Problem.FieldError("from", "give the first day of the period (YYYY-MM-DD, the city's time zone)"));
        }
        if (filter.to() == null) {
            errors.add(new Problem.FieldError("to", "give the day after the period (YYYY-MM-DD, exclusive)"));
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            errors.add(new Problem.FieldError("to", "must be after from (" + filter.from() + "); the period is [from, to)"));
        }
        if ((filter.level() == null) != (filter.code() == null)) {
            errors.add(new Problem.FieldError(filter.level() == null ? "level" : "code",
                    "give a grid level and a code of that level together"));
        } else if (filter.level() != null && !filter.code().matches("^[0-9]{" + filter.level().digits + "}$")) {
            errors.add(new Problem.FieldError("code", "a " + filter.level().name().toLowerCase() + " code has "
                    + filter.level().digits + " digits"));
        }
        if (filter.classCode() != null && !filter.classCode().matches("^[0-9]{4}$")) {
            errors.add(new Problem.FieldError("classCode", "give a 4-digit subclass code"));
        }
        if (filter.department() != null && (filter.department().isBlank() || filter.department().length() > 64)) {
            errors.add(new Problem.FieldError("department", "give a department code of 1-64 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        TenantRef city = city();
        ZoneId zone = ZoneId.of(city.timeZone());
        String column = moment(filter).column;
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("tenant_id = ?1 AND " + column + " >= ?2 AND " + column + " < ?3");
        values.add(city.code());
        values.add(filter.from().atStartOfDay(zone).toInstant());
        values.add(filter.to().atStartOfDay(zone).toInstant());
        if (filter.level() != null) {
            values.add(filter.code());
            sql.append(" AND ").append(filter.level().column).append(" = ?").append(values.size());
        }
        if (filter.department() != null) {
            values.add(filter.department());
            int i = values.size();
            sql.append(" AND (responsible_department = ?").append(i).append(" OR CAST(?").append(i)
                    .append(" AS varchar) = ANY (participants))");
        }
        if (filter.kind() != null) {
            values.add(filter.kind().name());
            sql.append(" AND kind = ?").append(values.size());
        }
        if (filter.classCode() != null) {
            values.add(filter.classCode());
            sql.append(" AND class_code = ?").append(values.size());
        }
        return new Where(sql.toString(), values);
    }

    private static Moment moment(Filter filter) {
        return filter.on() == null ? Moment.REPORTED : filter.on();
    }

    private static String late(String phase) {
        return String.format(LATE, phase, phase);
    }

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "Case facts belong to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    private static BigDecimal weight(Object value) {
        return new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
