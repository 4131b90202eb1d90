package city.gridcity.rewards;

import city.gridcity.points.Bilingual;
import city.gridcity.points.Ledger;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointRulesService;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Two-phase redemption of rewards, after the ledger's pending transfers: a hold reserves the points
 * (resident → held) and one unit of stock in one transaction, both or neither, and gives the resident a
 * pickup code (核销码); the hold then ends exactly once: fulfilled when staff at the pickup point confirm
 * the code (核销: held → redemption), or cancelled by the resident, or expired by the job (held → resident,
 * the unit back in stock). The end is one conditional update of the redemption's status, and the end's
 * transfer id is the same whichever way it ends, so no hold can end twice.
 *
 * <p>No oversell: the unit is taken by {@code UPDATE reward SET stock = stock - 1 WHERE stock > 0}, which
 * PostgreSQL serialises on the reward's row, so at most {@code stock} holds ever succeed. Works on the
 * current city.
 */
@ApplicationScoped
public class Redemptions {

    /** Pickup codes: no 0/O, 1/I/L, so they can be read out at a counter. */
    static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int CODE_LENGTH = 8;

    public enum Status {
        HELD, FULFILLED, CANCELLED, EXPIRED
    }

    /** A redemption as its resident and the pickup staff see it. */
    public record RedemptionInfo(long id, long rewardId, String rewardCode, String rewardNameZh, String rewardNameEn,
                                 long userId, String code, int price, Status status, Instant heldAt, Instant expiresAt,
                                 Instant endedAt) {
    }

    private final Ledger ledger;
    private final PointRulesService rules;
    private final TenantContext tenant;
    private final TenantRunner runner;
    private final EntityManager em;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Redemptions(Ledger ledger, PointRulesService rules, TenantContext tenant, TenantRunner runner, EntityManager em,
                Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.tenant = tenant;
        this.runner = runner;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Holds one unit of a reward for a resident with their points.
     *
     * @throws ProblemException 404 for no such reward; 409 {@code reward-unavailable} (inactive or outside its
     *                          window), {@code level-too-low}, {@code limit-reached}, {@code not-enough-points},
     *                          {@code out-of-stock}; in each case nothing changed
     */
    @Transactional
    public RedemptionInfo hold(long rewardId, long userId) {
        Instant now = now();
        Optional<PointRulesService.Version> version = rules.inForceAt(now);
        // Lock order: the resident's account, then the reward's stock, then the city's held account.
        Ledger.Account account = ledger.lockResident(userId, now);
        Object[] reward = rewardRow(rewardId).orElseThrow(() -> ProblemException.notFound("Reward " + rewardId));
        int price = ((Number) reward[1]).intValue();
        Integer limit = reward[2] == null ? null : ((Number) reward[2]).intValue();
        String nameZh = (String) reward[7];
        String nameEn = (String) reward[9];
        // The stock is a plain read here: once it is gone, refusals need no lock on the reward's row and do not queue
        // behind the holds. The conditional update below stays the one that decides.
        Eligibility.Terms terms = new Eligibility.Terms(nameZh, nameEn, price, ((Number) reward[8]).intValue(), limit,
                ((Number) reward[3]).intValue(), (Boolean) reward[4], instant(reward[5]), instant(reward[6]));
        Eligibility.Holder holder = new Eligibility.Holder(account.balance(), account.earned(),
                limit == null ? 0 : held(rewardId, userId));
        Optional<Eligibility.Refusal> refusal = Eligibility.check(terms, holder,
                version.map(PointRulesService.Version::rules), now);
        if (refusal.isPresent()) {
            throw refusal.get().problem(nameZh + " · " + nameEn);
        }
        PointRulesService.Version v = version.orElseThrow();
        PointRules r = v.rules();
        int taken = em.createNativeQuery("UPDATE reward SET stock = stock - 1 WHERE id = ?1 AND stock > 0")
                .setParameter(1, rewardId).executeUpdate();
        if (taken == 0) {
            throw ProblemException.conflict("out-of-stock", "Reward " + nameZh + " is out of stock.");
        }
        Instant expires = now.plus(Duration.ofHours(r.holdHours()));
        long id = insert(rewardId, userId, price, now, expires);
        long held = ledger.cityAccount(Ledger.AccountKind.HELD, now);
        ledger.post(Ledger.transferId(city(), Ledger.Kind.HOLD.name(), "redemption:" + id, userId), account.id(), held, price,
                new Ledger.Entry(Ledger.Kind.HOLD, userId, null, null, id, null, v.id(),
                        Bilingual.of("兑换 " + nameZh + "（待领取）", "held for " + nameEn), now),
                0);
        return get(id).orElseThrow();
    }

    /**
     * Staff at the pickup point confirm a code (核销): the hold is posted.
     *
     * @throws ProblemException 404 for an unknown code; 403 {@code own-redemption} for one's own; 409
     *                          {@code code-already-used}, {@code hold-cancelled}, {@code hold-expired}
     */
    @Transactional
    public RedemptionInfo fulfil(String code, long staffId) {
        Instant now = now();
        Object[] row = lockByCode(normalise(code)).orElseThrow(() -> ProblemException.notFound("Pickup code " + code));
        long id = ((Number) row[0]).longValue();
        long userId = ((Number) row[1]).longValue();
        int price = ((Number) row[2]).intValue();
        Status status = Status.valueOf((String) row[3]);
        if (userId == staffId) {
            throw ProblemException.forbidden("own-redemption", "Another member of staff confirms your own pickup code.");
        }
        refuseEnded(status, instant(row[4]), now);
        end(id, Status.FULFILLED, now, staffId);
        long held = ledger.cityAccount(Ledger.AccountKind.HELD, now);
        long redeemed = ledger.cityAccount(Ledger.AccountKind.REDEMPTION, now);
        ledger.post(endId(id, userId), held, redeemed, price, new Ledger.Entry(Ledger.Kind.FULFIL, userId, null, null, id,
                null, null, "已领取 · picked up", now), 0);
        return get(id).orElseThrow();
    }

    /**
     * A resident cancels their own hold: points and the unit go back.
     *
     * @throws ProblemException 404 when it is not theirs; 409 when it has ended already
     */
    @Transactional
    public RedemptionInfo cancel(long id, long userId) {
        Instant now = now();
        Ledger.Account account = ledger.lockResident(userId, now);
        Object[] row = lockById(id).filter(r -> ((Number) r[1]).longValue() == userId)
                .orElseThrow(() -> ProblemException.notFound("Redemption " + id));
        refuseEnded(Status.valueOf((String) row[3]), instant(row[4]), now);
        release(id, account, ((Number) row[2]).intValue(), ((Number) row[5]).longValue(), Status.CANCELLED, now, userId);
        return get(id).orElseThrow();
    }

    /** Ends every hold past its time in the current city: points and units go back. Returns how many. */
    @Transactional
    public int expireDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("SELECT id, user_id FROM redemption WHERE status = 'HELD' AND expires_at <= ?1 "
                + "ORDER BY id LIMIT 500").setParameter(1, Timestamp.from(now)).getResultList();
        int expired = 0;
        for (Object[] d : due) {
            long userId = ((Number) d[1]).longValue();
            Ledger.Account account = ledger.lockResident(userId, now);
            Optional<Object[]> row = lockById(((Number) d[0]).longValue());
            if (row.isPresent() && Status.valueOf((String) row.get()[3]) == Status.HELD) {
                release(((Number) d[0]).longValue(), account, ((Number) row.get()[2]).intValue(),
                        ((Number) row.get()[5]).longValue(), Status.EXPIRED, now, null);
                expired++;
            }
        }
        return expired;
    }

    @Scheduled(every = "${gridcity.rewards.hold-sweep:60s}", delayed = "45s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runner.forEachActiveTenant("reward-holds", city -> expireDue(clock.instant()));
    }

    /** A resident's redemptions, newest first. */
    @Transactional
    public List<RedemptionInfo> of(long userId, int page, int size) {
        return read("WHERE d.user_id = ?1 ORDER BY d.id DESC LIMIT " + size + " OFFSET " + ((long) page * size), userId);
    }

    @Transactional
    public long countOf(long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM redemption WHERE user_id = ?1").setParameter(1, userId)
                .getSingleResult()).longValue();
    }

    /** How many of each reward the resident holds or has picked up (what a per-resident limit counts), by reward id. */
    @Transactional
    public java.util.Map<Long, Long> redeemedByReward(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT reward_id, count(*) FROM redemption WHERE user_id = ?1 "
                + "AND status IN ('HELD', 'FULFILLED') GROUP BY reward_id").setParameter(1, userId).getResultList();
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return counts;
    }

    /** A redemption by its pickup code, for the staff who confirm it. */
    @Transactional
    public Optional<RedemptionInfo> byCode(String code) {
        return read("WHERE d.code = ?1", normalise(code)).stream().findFirst();
    }

    @Transactional
    public Optional<RedemptionInfo> get(long id) {
        return read("WHERE d.id = ?1", id).stream().findFirst();
    }

    private void release(long id, Ledger.Account account, int price, long rewardId, Status how, Instant now, Long by) {
        end(id, how, now, by);
        em.createNativeQuery("UPDATE reward SET stock = stock + 1 WHERE id = ?1").setParameter(1, rewardId).executeUpdate();
        long held = ledger.cityAccount(Ledger.AccountKind.HELD, now);
        ledger.post(endId(id, account.userId()), held, account.id(), price, new Ledger.Entry(Ledger.Kind.RELEASE,
                account.userId(), null, null, id, null, null, how == Status.CANCELLED ? "取消兑换，积分退回 · cancelled"
                        : "超时未领取，积分退回 · hold expired", now), 0);
    }

    /** Ends a hold; exactly once, because only a held redemption is changed. */
    private void end(long id, Status how, Instant now, Long by) {
        int ended = em.createNativeQuery("UPDATE redemption SET status = ?2, ended_at = ?3, ended_by = CASE WHEN ?4 < 0 THEN NULL ELSE ?4 END "
                        + "WHERE id = ?1 AND status = 'HELD'")
                .setParameter(1, id).setParameter(2, how.name()).setParameter(3, Timestamp.from(now))
                .setParameter(4, by == null ? -1L : by).executeUpdate();
        if (ended != 1) {
            throw ProblemException.conflict("hold-ended", "Redemption " + id + " has ended already.");
        }
    }

    private static void refuseEnded(Status status, Instant expiresAt, Instant now) {
        switch (status) {
            case FULFILLED -> throw ProblemException.conflict("code-already-used", "This pickup code was used already.");
            case CANCELLED -> throw ProblemException.conflict("hold-cancelled", "This redemption was cancelled.");
            case EXPIRED -> throw ProblemException.conflict("hold-expired", "This redemption expired; the points went back.");
            case HELD -> {
                if (!now.isBefore(expiresAt)) {
                    throw ProblemException.conflict("hold-expired", "This redemption expired at " + expiresAt
                            + "; the points go back to the resident.");
                }
            }
        }
    }

    private long insert(long rewardId, long userId, int price, Instant now, Instant expires) {
        for (int attempt = 0; attempt < 5; attempt++) {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("INSERT INTO redemption (tenant_id, reward_id, user_id, code, price, status, "
                            + "held_at, expires_at) VALUES (gridcity_current_tenant(), ?1, ?2, ?3, ?4, 'HELD', ?5, ?6) "
                            + "ON CONFLICT (tenant_id, code) DO NOTHING RETURNING id")
                    .setParameter(1, rewardId).setParameter(2, userId).setParameter(3, newCode()).setParameter(4, price)
                    .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(expires)).getResultList();
            if (!ids.isEmpty()) {
                return ids.get(0).longValue();
            }
        }
        throw new IllegalStateException("no free pickup code after 5 draws");
    }

    private String newCode() {
        StringBuilder sb = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            sb.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return sb.toString();
    }

    private long held(long rewardId, long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM redemption WHERE reward_id = ?1 AND user_id = ?2 "
                + "AND status IN ('HELD', 'FULFILLED')").setParameter(1, rewardId).setParameter(2, userId)
                .getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private Optional<Object[]> rewardRow(long id) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, price, per_resident_limit, min_level, active, available_from, "
                + "available_until, name_zh, stock, name_en FROM reward WHERE id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst();
    }

    private Optional<Object[]> lockById(long id) {
        return lock("id = ?1", id);
    }

    private Optional<Object[]> lockByCode(String code) {
        return lock("code = ?1", code);
    }

    @SuppressWarnings("unchecked")
    private Optional<Object[]> lock(String where, Object param) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, user_id, price, status, expires_at, reward_id FROM redemption WHERE "
                + where + " FOR UPDATE").setParameter(1, param).getResultList();
        return rows.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<RedemptionInfo> read(String whereOrderLimit, Object param) {
        List<Object[]> rows = em.createNativeQuery("SELECT d.id, d.reward_id, r.code, r.name_zh, r.name_en, d.user_id, d.code, "
                + "d.price, d.status, d.held_at, d.expires_at, d.ended_at FROM redemption d JOIN reward r "
                + "ON r.tenant_id = d.tenant_id AND r.id = d.reward_id " + whereOrderLimit).setParameter(1, param).getResultList();
        return rows.stream().map(r -> new RedemptionInfo(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], ((Number) r[5]).longValue(), (String) r[6],
                ((Number) r[7]).intValue(), Status.valueOf((String) r[8]), instant(r[9]), instant(r[10]),
                instant(r[11]))).toList();
    }

    /** The same id however the hold ends: a second end of one hold cannot be stored. */
    private java.util.UUID endId(long redemptionId, long userId) {
        return Ledger.transferId(city(), "REDEMPTION_END", "redemption:" + redemptionId, userId);
    }

    private String city() {
        return tenant.tenantCode().orElseThrow(() -> new IllegalStateException("redemptions need a city"));
    }

    private static String normalise(String code) {
        return code == null ? "" : code.trim().toUpperCase();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(Object value) {
        return Ledger.instant(value);
    }
}
