package city.gridcity.points;

import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseChanged;
import city.gridcity.cases.CaseDirectory;
import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CaseState;
import city.gridcity.integration.EventTypes;
import city.gridcity.integration.outbox.Notification;
import city.gridcity.integration.outbox.Outbox;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Awards points by the city's rules in force at the moment of the event, and takes them back when an
 * award proves wrong. Case awards come from observing {@link CaseChanged} inside the action's
 * transaction, so an award exists exactly when the change does:
 * <ul>
 * <li>filing (立案) pays the resident who reported (by subclass or base case weight) and confirms every
 * "me too" said before; a "me too" on a case already filed is confirmed at once;</li>
 * <li>a rejection pays nothing and counts as a strike; so many strikes in the rules' period suspend earning;</li>
 * <li>a merge as duplicate pays the rules' small amount (first reporter wins), and the reporter is told which
 * case their report joined;</li>
 * <li>voiding a case takes back what was awarded on it.</li>
 * </ul>
 * Nobody earns on a case they worked as staff; caps per day and month hold for every earning. Ratings and
 * volunteer work are awarded through {@link #awardRating} and {@link #awardVolunteerWork}.
 */
@ApplicationScoped
public class PointAwards {

    /** The outcome of an award, for callers that tell the resident. */
    public enum Outcome {
        AWARDED, CAPPED, ALREADY_AWARDED, SUSPENDED, NO_RULES, NOTHING_TO_AWARD, STAFF_ON_CASE
    }

    /** What an award did: its outcome, the points moved and the transfer's id. */
    public record Award(Outcome outcome, long points, UUID transferId) {
    }

    private static final Set<CaseAction> OBSERVED = Set.of(CaseAction.FILE, CaseAction.REJECT, CaseAction.MERGE,
            CaseAction.ME_TOO, CaseAction.APPROVE_VOID, CaseAction.RATE);

    private final PointRulesService rules;
    private final Ledger ledger;
    private final CaseDirectory cases;
    private final Outbox outbox;
    private final TenantContext tenant;
    private final TenantDirectory tenants;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    PointAwards(PointRulesService rules, Ledger ledger, CaseDirectory cases, Outbox outbox, TenantContext tenant,
                TenantDirectory tenants, EntityManager em, ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.cases = cases;
        this.outbox = outbox;
        this.tenant = tenant;
        this.tenants = tenants;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    void onChange(@Observes CaseChanged e) {
        // Reports, the hot path of intake, are never awarded on arrival: return before any query.
        if (!OBSERVED.contains(e.action())) {
            return;
        }
        Optional<PointRulesService.Version> inForce = rules.inForceAt(e.at());
        if (inForce.isEmpty()) {
            return;
        }
        PointRulesService.Version v = inForce.get();
        Long reporter = e.sourceChannel() == CaseSource.Channel.RESIDENT ? e.reporterId() : null;
        switch (e.action()) {
            case FILE -> filed(e, v, reporter);
            case REJECT -> {
                if (reporter != null) {
                    strike(reporter, e.caseId(), Strike.REJECTED, e.at(), v.rules());
                }
            }
            case MERGE -> merged(e, v, reporter);
            case ME_TOO -> {
                if (confirmed(e.to())) {
                    Set<Long> staff = cases.workedBy(e.caseId());
                    cases.meToos(e.caseId()).stream().filter(m -> m.at().equals(e.at()))
                            .forEach(m -> meToo(e, v, m.userId(), staff));
                }
            }
            // Followers rate too: the rater is the event's resident, not the case's reporter.
            case RATE -> rater(e).ifPresent(id -> awardRating(e.caseId(), e.number(), id, e.at()));
            case APPROVE_VOID -> ledger.ofCase(e.caseId()).stream().filter(t -> t.kind().earning())
                    .forEach(t -> clawback(t, "案件 " + e.number() + " 已作废 · case voided", e.at()));
            default -> throw new IllegalStateException("not observed: " + e.action());
        }
    }

    private Optional<Long> rater(CaseChanged e) {
        if (e.data() == null) {
            return Optional.empty();
        }
        try {
            JsonNode id = json.readTree(e.data()).get("residentId");
            return id == null || !id.canConvertToLong() ? Optional.empty() : Optional.of(id.asLong());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("The rating event of " + e.number() + " has unreadable data", ex);
        }
    }

    /** A "me too" counts once the case it follows is filed and still stands. */
    private static boolean confirmed(CaseState state) {
        return state.open() && state != CaseState.REPORTED && state != CaseState.SELF_HANDLING;
    }

    private void filed(CaseChanged e, PointRulesService.Version v, Long reporter) {
        Set<Long> staff = cases.workedBy(e.caseId());
        if (reporter != null) {
            CaseDirectory.CaseSummary c = cases.byId(e.caseId()).orElseThrow();
            int points = v.rules().forFiledReport(c.kind().name(), c.classCode(), c.baseCaseWeight());
            award(Ledger.Kind.REPORT_FILED, reporter, "case:" + e.caseId(), points, e.caseId(), e.number(),
                    "上报问题已立案 · report filed", e.at(), v, staff);
        }
        for (CaseDirectory.MeToo m : cases.meToos(e.caseId())) {
            meToo(e, v, m.userId(), staff);
        }
    }

    private void meToo(CaseChanged e, PointRulesService.Version v, long userId, Set<Long> staff) {
        if (e.reporterId() != null && e.reporterId() == userId) {
            return;
        }
        award(Ledger.Kind.ME_TOO, userId, "case:" + e.caseId(), v.rules().meToo(), e.caseId(), e.number(),
                "“我也遇到”已确认 · me too confirmed", e.at(), v, staff);
    }

    private void merged(CaseChanged e, PointRulesService.Version v, Long reporter) {
        if (reporter == null) {
            return;
        }
        String original = duplicateOf(e.data());
        Award a = award(Ledger.Kind.DUPLICATE_REPORT, reporter, "case:" + e.caseId(), v.rules().report().duplicate(),
                e.caseId(), e.number(), "重复上报，已并入 " + original + " · duplicate of " + original, e.at(), v,
                cases.workedBy(e.caseId()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("caseNumber", e.number());
        payload.put("joined", original);
        payload.put("points", a.points());
        String summary = "您上报的 " + e.number() + " 与先报的 " + original + " 是同一问题，已并入该案件"
                + (a.points() > 0 ? "，获得 " + a.points() + " 积分" : "；积分归首位上报者");
        outbox.enqueue(new Notification(EventTypes.CASE_MERGED, e.number(), summary, payload), Recipient.resident(reporter));
    }

    /**
     * Awards the rules' points for a resident's rating of a case (满意度评价), once per resident and case.
     * The caller has checked that the rating itself is allowed; nobody who worked the case earns by rating it.
     * Works on the current city, inside the caller's transaction or a new one.
     */
    @Transactional
    public Award awardRating(long caseId, String caseNumber, long userId, Instant at) {
        Optional<PointRulesService.Version> v = rules.inForceAt(at);
        if (v.isEmpty()) {
            return new Award(Outcome.NO_RULES, 0, null);
        }
        return award(Ledger.Kind.RATING, userId, "case:" + caseId, v.get().rules().rating(), caseId, caseNumber,
                "评价处理结果 · rated the result", at, v.get(), cases.workedBy(caseId));
    }

    /**
     * Awards the rules' points for one piece of volunteer work, once per {@code workKey} (the volunteer
     * feature's own id of the work, e.g. {@code task:123}) and resident. Works on the current city.
     */
    @Transactional
    public Award awardVolunteerWork(long userId, String workKey, String reason, Instant at) {
        if (workKey == null || workKey.isBlank() || workKey.length() > 100) {
            throw new IllegalArgumentException("a volunteer award needs the work's key (at most 100 characters)");
        }
        Optional<PointRulesService.Version> v = rules.inForceAt(at);
        if (v.isEmpty()) {
            return new Award(Outcome.NO_RULES, 0, null);
        }
        return award(Ledger.Kind.VOLUNTEER_WORK, userId, "work:" + workKey, v.get().rules().volunteerWork(), null, null,
                Bilingual.of("志愿服务：" + Bilingual.zh(reason), "volunteer work: " + Bilingual.en(reason)), at, v.get(), Set.of());
    }

    private Award award(Ledger.Kind kind, long userId, String subject, int points, Long caseId, String caseNumber,
                        String reason, Instant at, PointRulesService.Version v, Set<Long> staff) {
        UUID id = Ledger.transferId(city().code(), kind.name(), subject, userId);
        if (staff.contains(userId)) {
            return new Award(Outcome.STAFF_ON_CASE, 0, null);
        }
        if (points <= 0) {
            return new Award(Outcome.NOTHING_TO_AWARD, 0, null);
        }
        Ledger.Account account = ledger.lockResident(userId, at);
        if (ledger.transfer(id).isPresent()) {
            return new Award(Outcome.ALREADY_AWARDED, 0, id);
        }
        if (account.suspendedUntil() != null && at.isBefore(account.suspendedUntil())) {
            return new Award(Outcome.SUSPENDED, 0, null);
        }
        ZoneId zone = ZoneId.of(city().timeZone());
        LocalDate day = LocalDate.ofInstant(at, zone);
        long today = ledger.earnedBetween(account.id(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
        long month = ledger.earnedBetween(account.id(), day.withDayOfMonth(1).atStartOfDay(zone).toInstant(),
                day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant());
        long amount = v.rules().capped(points, today, month);
        if (amount == 0) {
            return new Award(Outcome.CAPPED, 0, null);
        }
        long issuance = ledger.cityAccount(Ledger.AccountKind.ISSUANCE, at);
        ledger.post(id, issuance, account.id(), amount, new Ledger.Entry(kind, userId, caseId, caseNumber, null, null,
                v.id(), amount < points ? Bilingual.of(Bilingual.zh(reason) + "（已达上限）", Bilingual.en(reason) + " (capped)") : reason, at), amount);
        return new Award(amount < points ? Outcome.CAPPED : Outcome.AWARDED, amount, id);
    }

    /**
     * Takes back an earning: a new transfer naming the original, never an edit of it. Takes at most what the
     * resident still holds (a balance never goes below zero); lowers their lifetime points by what it takes.
     * Once per original.
     *
     * @return the clawback's transfer, empty when nothing was left to take or it was taken before
     */
    @Transactional
    public Optional<Ledger.Transfer> clawback(Ledger.Transfer original, String reason, Instant at) {
        if (!original.kind().earning()) {
            throw ProblemException.invalid("transfer", "only awards are clawed back, not " + original.kind());
        }
        Ledger.Account account = ledger.lockResident(original.userId(), at);
        UUID id = Ledger.transferId(city().code(), Ledger.Kind.CLAWBACK.name(), "transfer:" + original.id(),
                original.userId());
        long amount = Math.min(original.amount(), account.balance());
        if (amount == 0 || ledger.transfer(id).isPresent()) {
            return Optional.empty();
        }
        long issuance = ledger.cityAccount(Ledger.AccountKind.ISSUANCE, at);
        ledger.post(id, account.id(), issuance, amount, new Ledger.Entry(Ledger.Kind.CLAWBACK, original.userId(),
                original.caseId(), original.caseNumber(), null, original.id(), original.rulesId(), reason, at), -amount);
        return ledger.transfer(id);
    }

    /** What the administrator's judgement of a false report did. */
    public record FalseReport(String caseNumber, List<Ledger.Transfer> clawbacks, boolean suspended) {
    }

    /**
     * The administrator judges a resident's report false (假报): every award of the report to its reporter is
     * taken back, and the report counts as a strike against them.
     *
     * @throws ProblemException 404 when no award of this city names the case
     */
    @Transactional
    public FalseReport judgeFalse(String caseNumber, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say why the report is false; the resident sees it");
        }
        Instant now = clock.instant();
        List<Ledger.Transfer> reportAwards = ledger.ofCaseNumber(caseNumber).stream()
                .filter(t -> t.kind() == Ledger.Kind.REPORT_FILED).toList();
        if (reportAwards.isEmpty()) {
            throw ProblemException.notFound("A points award for case " + caseNumber);
        }
        List<Ledger.Transfer> taken = reportAwards.stream()
                .map(t -> clawback(t, Bilingual.of("假报，收回积分：" + reason.trim(), "false report: " + reason.trim()), now))
                .flatMap(Optional::stream).toList();
        Ledger.Transfer first = reportAwards.get(0);
        boolean suspended = rules.inForceAt(now)
                .map(v -> strike(first.userId(), first.caseId(), Strike.FALSE, now, v.rules())).orElse(false);
        return new FalseReport(caseNumber, taken, suspended);
    }

    enum Strike {
        REJECTED, FALSE
    }

    /** Records a strike; suspends earning when the rules' count is reached within their period. */
    private boolean strike(long userId, long caseId, Strike kind, Instant at, PointRules r) {
        em.createNativeQuery("INSERT INTO points_strike (tenant_id, user_id, case_id, kind, at) "
                        + "VALUES (gridcity_current_tenant(), ?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, caseId).setParameter(3, kind.name())
                .setParameter(4, Timestamp.from(at)).executeUpdate();
        if (r.abuse() == null) {
            return false;
        }
        long strikes = ((Number) em.createNativeQuery("SELECT count(*) FROM points_strike WHERE user_id = ?1 AND at > ?2 "
                        + "AND at <= ?3")
                .setParameter(1, userId).setParameter(2, Timestamp.from(at.minus(Duration.ofDays(r.abuse().periodDays()))))
                .setParameter(3, Timestamp.from(at)).getSingleResult()).longValue();
        if (strikes < r.abuse().strikes()) {
            return false;
        }
        Ledger.Account account = ledger.lockResident(userId, at);
        ledger.suspend(account.id(), at.plus(Duration.ofDays(r.abuse().suspendDays())));
        return true;
    }

    private String duplicateOf(String data) {
        if (data == null) {
            return "?";
        }
        try {
            return json.readTree(data).path("duplicateOf").asText("?");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not JSON: " + data, e);
        }
    }

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> new IllegalStateException("points need a city"));
        return tenants.byCode(code).orElseThrow(() -> new IllegalStateException("no city " + code));
    }
}
