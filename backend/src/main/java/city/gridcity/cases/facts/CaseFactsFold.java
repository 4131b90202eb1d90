package city.gridcity.cases.facts;

import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.Satisfaction;
import city.gridcity.department.Department;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts of a case as a fold over its history: {@link #start} from the report, {@link #apply} for
 * each later event in order, {@link #phases} from the case's phase rows. Pure (what it needs from
 * elsewhere comes through {@link Lookups}), so the projector, which applies one event at a time, and
 * the rebuild, which replays them all, cannot disagree.
 *
 * <p>What it reads from each event's {@code data}: file {@code condition}, {@code problemType};
 * dispatch {@code department}, {@code routedTo}; decide {@code department}; return {@code returnedBy};
 * whistle {@code departments}, {@code lead}; approve-extension {@code extension} ("8 WORKING_HOURS");
 * self-close and persuade-fix {@code auditSampled}; verify-pass, self-close and persuade-fix {@code solvedLevel}
 * when present; merge
 * {@code duplicateOf}; report {@code districtReport}; rate {@code solved}, {@code satisfaction}; accept-reopen
 * {@code department} when present; report {@code localUnit} when present; escalate {@code escalation}; hotline-match
 * {@code finding}, {@code findingReportedAt}, {@code findingClosedAt} (on a complaint) or {@code complaint},
 * {@code complaintAt} (on a grid finding). From the event itself: action, from and to
 * state, moment, and the report's actor role.
 */
public final class CaseFactsFold {

    /** What the fold asks of the city's other data: departments' kinds and merged-into cases' channels. */
    public interface Lookups {
        Optional<Department.Kind> departmentKind(String code);

        Optional<CaseSource.Channel> channelOf(String caseNumber);
    }

    /** One event of a case as the fold reads it. {@code data} is empty when the event has none. */
    public record Step(CaseAction action, CaseState from, CaseState to, Instant at, String actorRole,
                       Map<String, Object> data, Long actorId) {

        /** A step whose actor is not needed (tests of other columns). */
        public Step(CaseAction action, CaseState from, CaseState to, Instant at, String actorRole,
                    Map<String, Object> data) {
            this(action, from, to, at, actorRole, data, null);
        }
    }

    /** Actions whose facts come from their data: the projector reads the event row only for these. */
    static final Set<CaseAction> READS_DATA = EnumSet.of(CaseAction.FILE, CaseAction.DISPATCH, CaseAction.DECIDE,
            CaseAction.RETURN, CaseAction.WHISTLE, CaseAction.APPROVE_EXTENSION, CaseAction.SELF_CLOSE,
            CaseAction.VERIFY_PASS, CaseAction.MERGE, CaseAction.RATE, CaseAction.ACCEPT_REOPEN, CaseAction.PERSUADE_FIX,
            CaseAction.ESCALATE, CaseAction.HOTLINE_MATCH);

    /** Actions that move a phase's deadline or pause it without changing the phase. */
    private static final Set<CaseAction> MOVES_DEADLINE = EnumSet.of(CaseAction.APPROVE_EXTENSION,
            CaseAction.APPROVE_SUSPENSION, CaseAction.RESUME, CaseAction.EMERGENCY, CaseAction.VERIFY_FAIL,
            CaseAction.APPROVE_VOID);

    private CaseFactsFold() {
    }

    /**
     * The facts right after the report: the case's report-time columns (which never change) and the
     * report event. Phase columns start empty; {@link #phases} fills them.
     */
    public static CaseFacts start(CityCase c, Step report) {
        CaseFacts f = new CaseFacts();
        f.caseId = c.id;
        f.number = c.number;
        f.eventCount = 1;
        f.state = report.to();
        f.open = report.to().open();
        f.reporterId = c.reporterId;
        f.reporterRole = report.actorRole();
        f.sourceCode = c.sourceCode;
        f.sourceChannel = c.sourceChannel;
        f.hotlineTicket = c.hotlineTicket;
        f.kind = c.kind;
        f.classCode = c.classCode;
        f.keyClass = c.keyClass;
        f.minor = c.minor;
        f.baseCaseWeight = c.baseCaseWeight.setScale(2, RoundingMode.HALF_UP);
        f.problemType = CityCase.ProblemType.ORDINARY;
        f.layoutVersion = c.layoutVersion;
        f.unitCode = c.unitCode;
        f.managementCode = c.managementCode;
        f.communityCode = c.communityCode;
        f.streetCode = c.streetCode;
        f.districtCode = c.districtCode;
        f.reportedAt = c.reportedAt;
        f.selfHandled = report.action() == CaseAction.SELF_REPORT;
        f.imported = c.imported;
        // Two-level supervision: a city supervisor's report is missed by the district unless the district had one.
        f.missedReport = c.sourceChannel == CaseSource.Channel.CITY_SUPERVISOR && !report.data().containsKey("districtReport");
        f.localUnit = text(report.data(), "localUnit");
        f.localLoop = f.localUnit != null;
        return f;
    }

    /** Takes in one later event (seq 2, 3, ...). Phase columns are left to {@link #phases}. */
    public static void apply(CaseFacts f, Step s, Lookups lookups) {
        f.eventCount++;
        if (f.suspendedSince != null && s.to() != CaseState.SUSPENDED && s.to() != CaseState.VOID_PENDING) {
            f.suspendedSeconds += Duration.between(f.suspendedSince, s.at()).toSeconds();
            f.suspendedSince = null;
            f.lastSuspensionUntil = s.at();
        }
        Map<String, Object> d = s.data();
        switch (s.action()) {
            case FILE -> {
                f.filedAt = s.at();
                f.conditionCode = text(d, "condition");
                f.problemType = CityCase.ProblemType.valueOf(text(d, "problemType"));
            }
            case REJECT -> f.rejectedAt = s.at();
            case MERGE -> {
                f.mergedAt = s.at();
                f.duplicateOf = text(d, "duplicateOf");
                // The district did report it after all: the city's report repeats a district supervisor's.
                if (f.sourceChannel == CaseSource.Channel.CITY_SUPERVISOR && lookups.channelOf(f.duplicateOf)
                        .filter(ch -> ch == CaseSource.Channel.DISTRICT_SUPERVISOR).isPresent()) {
                    f.missedReport = false;
                }
            }
            case DISPATCH -> {
                f.dispatchedAt = s.at();
                f.dispatchCount++;
                f.responsibleDepartment = text(d, "department");
                f.routedDepartment = text(d, "routedTo");
            }
            case DECIDE -> {
                f.dispatchedAt = s.at();
                f.dispatchCount++;
                f.responsibleDepartment = text(d, "department");
            }
            case RETURN -> {
                f.returnCount++;
                f.returnedBy = plus(f.returnedBy, text(d, "returnedBy"));
                f.responsibleDepartment = null;
            }
            case WHISTLE -> {
                if (d.get("lead") != null) {
                    f.responsibleDepartment = text(d, "lead");
                }
                if (f.dispatchedAt == null) {
                    f.dispatchedAt = s.at();
                }
                f.problemType = CityCase.ProblemType.COORDINATION;
                f.participants = union(f.participants, list(d, "departments"));
            }
            case CONSULT -> f.problemType = CityCase.ProblemType.CONSULTATION;
            case EMERGENCY -> f.problemType = CityCase.ProblemType.EMERGENCY;
            case APPROVE_EXTENSION -> {
                f.extensionCount++;
                String[] amountAndUnit = text(d, "extension").split(" ");
                int amount = Integer.parseInt(amountAndUnit[0]);
                if ("WORKING_DAYS".equals(amountAndUnit[1])) {
                    f.extensionWorkingDays += amount;
                } else {
                    f.extensionHours += amount;
                }
            }
            case APPROVE_SUSPENSION -> {
                f.suspensionCount++;
                f.suspendedSince = s.at();
                f.lastSuspensionFrom = s.at();
                f.lastSuspensionUntil = null;
            }
            case VERIFY_FAIL -> {
                f.reworkCount++;
                f.verifyFailCount++;
                f.lastVerifiedAt = s.at();
                f.verifierId = s.actorId();
            }
            case VERIFY_PASS, SELF_CLOSE, PERSUADE_FIX -> {
                f.closedAt = s.at();
                if (s.action() == CaseAction.VERIFY_PASS) {
                    f.lastVerifiedAt = s.at();
                    f.verifierId = s.actorId();
                }
                if (s.action() == CaseAction.PERSUADE_FIX) {
                    // Fixed on the spot by a volunteer: handled in the community, audited like self-handling.
                    f.selfHandled = true;
                }
                if (s.action() == CaseAction.SELF_CLOSE || s.action() == CaseAction.PERSUADE_FIX) {
                    f.auditSampled = Boolean.TRUE.equals(d.get("auditSampled"));
                }
                f.solvedLevel = d.get("solvedLevel") != null ? CityCase.Level.valueOf(text(d, "solvedLevel"))
                        : SolvedLevel.of(f.selfHandled, departmentsInvolved(f), lookups::departmentKind, f.escalation != null);
            }
            case ESCALATE -> f.escalation = CityCase.Escalation.valueOf(text(d, "escalation"));
            case AUDIT_PASS -> f.auditResult = "PASS";
            case AUDIT_FAIL -> {
                // Not fixed after all: round the loop like any case, no longer solved in the grid.
                f.auditResult = "FAIL";
                f.selfHandled = false;
                f.closedAt = null;
                f.solvedLevel = null;
            }
            case APPROVE_VOID -> f.voidedAt = s.at();
            case RATE -> {
                f.ratingCount++;
                switch (Satisfaction.valueOf(text(d, "satisfaction"))) {
                    case SATISFIED -> f.satisfiedCount++;
                    case BASICALLY_SATISFIED -> f.basicallySatisfiedCount++;
                    case DISSATISFIED -> f.dissatisfiedCount++;
                }
                if (Boolean.FALSE.equals(d.get("solved"))) {
                    f.notSolvedCount++;
                }
                if (f.firstRatedAt == null) {
                    f.firstRatedAt = s.at();
                }
            }
            case REQUEST_REOPEN -> f.reopenRequests++;
            case ACCEPT_REOPEN -> {
                // Worked again as rework of its department: no longer closed, nor solved at any level.
                f.reopenAccepted++;
                f.reworkCount++;
                f.closedAt = null;
                f.solvedLevel = null;
                if (d.get("department") != null) {
                    f.responsibleDepartment = text(d, "department");
                    f.selfHandled = false;
                }
            }
            case DECLINE_REOPEN -> f.reopenDeclined++;
            case HOTLINE_MATCH -> {
                if (d.get("complaint") != null) {
                    // The finding's side: a complaint of the same problem met it; the earliest call counts.
                    Instant call = Instant.parse(text(d, "complaintAt"));
                    f.complaintCount++;
                    if (f.firstComplaintAt == null || call.isBefore(f.firstComplaintAt)) {
                        f.firstComplaintAt = call;
                    }
                } else {
                    // The complaint's side: looked at, with or without a finding of the same problem.
                    f.hotlineCheckedAt = s.at();
                    f.hotlineFinding = text(d, "finding");
                    Instant reported = d.get("findingReportedAt") == null ? null : Instant.parse(text(d, "findingReportedAt"));
                    Instant closed = d.get("findingClosedAt") == null ? null : Instant.parse(text(d, "findingClosedAt"));
                    f.foundBeforeComplaint = reported != null && reported.isBefore(f.reportedAt);
                    f.solvedBeforeComplaint = closed != null && closed.isBefore(f.reportedAt);
                }
            }
            default -> {
                // The state change (and the event count) is all such an event tells the facts.
            }
        }
        f.state = s.to();
        f.open = s.to().open();
    }

    /**
     * Whether the event started, ended, paused or moved a phase clock, as the workflow's phase clock
     * does: then the phase columns are read again from the phase rows.
     */
    public static boolean touchesPhases(Step s) {
        if (MOVES_DEADLINE.contains(s.action())) {
            return true;
        }
        if (s.to() == CaseState.VOID_PENDING || s.action() == CaseAction.REFUSE_VOID) {
            return false;
        }
        return s.from() == null || s.from().phase() != s.to().phase();
    }

    /** Sets the phase columns from all phase rows of the case (any order). */
    public static void phases(CaseFacts f, List<CasePhase> rows) {
        for (CaseState.Phase phase : CaseState.Phase.values()) {
            List<CasePhase> attempts = rows.stream().filter(p -> p.phase == phase)
                    .sorted(Comparator.comparingInt(p -> p.attempt)).toList();
            CasePhase last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
            List<CasePhase> ended = attempts.stream().filter(p -> p.endedAt != null).toList();
            Boolean onTime = ended.isEmpty() ? null : ended.stream().allMatch(p -> Boolean.TRUE.equals(p.onTime));
            Instant overdueAt = attempts.stream().map(p -> p.overdueAt).filter(x -> x != null).min(Comparator.naturalOrder())
                    .orElse(null);
            setPhase(f, phase, attempts.size(), last == null ? null : last.deadline, last == null ? null : last.endedAt,
                    onTime, overdueAt);
            int onTimeCount = (int) ended.stream().filter(p -> Boolean.TRUE.equals(p.onTime)).count();
            if (phase == CaseState.Phase.DISPATCH) {
                f.dispatchEndedCount = ended.size();
                f.dispatchOnTimeCount = onTimeCount;
            } else if (phase == CaseState.Phase.VERIFICATION) {
                f.verificationEndedCount = ended.size();
                f.verificationOnTimeCount = onTimeCount;
            }
        }
    }

    /** The filing phase a report starts, from the case in memory (the intake writes its facts without reading back). */
    public static void filingStarted(CaseFacts f, CityCase c) {
        if (c.phase == CaseState.Phase.FILING) {
            setPhase(f, CaseState.Phase.FILING, 1, c.phaseDeadline, null, null, null);
        }
    }

    private static void setPhase(CaseFacts f, CaseState.Phase phase, int attempts, Instant deadline, Instant endedAt,
                                 Boolean onTime, Instant overdueAt) {
        switch (phase) {
            case FILING -> {
                f.filingAttempts = attempts;
                f.filingDeadline = deadline;
                f.filingEndedAt = endedAt;
                f.filingOnTime = onTime;
                f.filingOverdueAt = overdueAt;
            }
            case DISPATCH -> {
                f.dispatchAttempts = attempts;
                f.dispatchDeadline = deadline;
                f.dispatchEndedAt = endedAt;
                f.dispatchOnTime = onTime;
                f.dispatchOverdueAt = overdueAt;
            }
            case DISPOSAL -> {
                f.disposalAttempts = attempts;
                f.disposalDeadline = deadline;
                f.disposalEndedAt = endedAt;
                f.disposalOnTime = onTime;
                f.disposalOverdueAt = overdueAt;
            }
            case VERIFICATION -> {
                f.verificationAttempts = attempts;
                f.verificationDeadline = deadline;
                f.verificationEndedAt = endedAt;
                f.verificationOnTime = onTime;
                f.verificationOverdueAt = overdueAt;
            }
        }
    }

    private static List<String> departmentsInvolved(CaseFacts f) {
        List<String> codes = new ArrayList<>();
        if (f.responsibleDepartment != null) {
            codes.add(f.responsibleDepartment);
        }
        codes.addAll(Arrays.asList(f.participants));
        return codes;
    }

    /** A new array with the code added (never changed in place, so Hibernate sees the change); repeats kept. */
    private static String[] plus(String[] codes, String code) {
        if (code == null) {
            return codes;
        }
        String[] more = Arrays.copyOf(codes, codes.length + 1);
        more[codes.length] = code;
        return more;
    }

    /** A new array: the codes, then those of {@code more} not yet among them. */
    private static String[] union(String[] codes, List<String> more) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(codes));
        all.addAll(more);
        return all.toArray(new String[0]);
    }

    private static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    private static List<String> list(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
    }
}
