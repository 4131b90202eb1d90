package city.gridcity.points;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current city's points ledger, after TigerBeetle's rules: accounts with balances, and immutable
 * transfers between two accounts of the city (the database lets the service only insert them). Every
 * transfer debits one account and credits another by the same amount, so the balances of a city always
 * add up to zero; a resident's balance never goes below zero (checked here under the account's lock, and
 * by the table). A transfer's id is derived from its business key, so posting it again stores nothing.
 *
 * <p>Lock order, kept everywhere against deadlocks: the resident's account first, then a reward's stock,
 * then the city's own accounts.
 */
@ApplicationScoped
public class Ledger {

    /** Whose account: the city's own (one each) or a resident's. */
    public enum AccountKind {
        /** Where awarded points come from: its balance is minus all points ever awarded. */
        ISSUANCE,
        /** Points held for a reward until it is picked up, cancelled or expires. */
        HELD,
        /** Points spent on rewards picked up. */
        REDEMPTION,
        /** Points that expired. */
        EXPIRY,
        RESIDENT
    }

    /** Why points moved. The first five are earnings: they count towards caps and lifetime points. */
    public enum Kind {
        REPORT_FILED, DUPLICATE_REPORT, ME_TOO, RATING, VOLUNTEER_WORK,
        /** Takes back (part of) an earning judged wrong; names the earning it corrects. */
        CLAWBACK,
        EXPIRY,
        /** Points reserved for a reward (resident → held). */
        HOLD,
        /** A held reward picked up (held → redemption). */
        FULFIL,
        /** A held reward cancelled or expired (held → resident). */
        RELEASE;

        public boolean earning() {
            return ordinal() <= VOLUNTEER_WORK.ordinal();
        }
    }

    /** A resident's account as read under its lock. */
    public record Account(long id, long userId, long balance, long earned, Instant suspendedUntil) {
    }

    /** A stored transfer. */
    public record Transfer(UUID id, long seq, long debitAccount, long creditAccount, long amount, Kind kind, long userId,
                           Long caseId, String caseNumber, Long redemptionId, UUID corrects, Long rulesId, String reason,
                           Instant at) {
    }

    /** What a transfer is and whom it concerns, besides its accounts and amount. */
    public record Entry(Kind kind, long userId, Long caseId, String caseNumber, Long redemptionId, UUID corrects,
                        Long rulesId, String reason, Instant at) {
    }

    private final EntityManager em;

    Ledger(EntityManager em) {
        this.em = em;
    }

    /**
     * A transfer's id from its business key: the city, the rule, what it is about (a case, a redemption, a
     * year) and the resident. The same key gives the same id, so a replayed award is stored once.
     */
    public static UUID transferId(String city, String rule, String subject, long userId) {
        return UUID.nameUUIDFromBytes((city + "|" + rule + "|" + subject + "|" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /** The resident's account, opened if they have none yet, locked until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account lockResident(long userId, Instant now) {
        em.createNativeQuery("INSERT INTO points_account (tenant_id, kind, user_id, created_at) "
                        + "VALUES (gridcity_current_tenant(), 'RESIDENT', ?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, Timestamp.from(now)).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT id, balance, earned, suspended_until FROM points_account "
                        + "WHERE kind = 'RESIDENT' AND user_id = ?1 FOR UPDATE")
                .setParameter(1, userId).getSingleResult();
        return new Account(((Number) row[0]).longValue(), userId, ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), instant(row[3]));
    }

    /** The resident's account without a lock; empty when they never had points. */
    @Transactional
    public Optional<Account> resident(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, balance, earned, suspended_until FROM points_account "
                + "WHERE kind = 'RESIDENT' AND user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(row -> new Account(((Number) row[0]).longValue(), userId,
                ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), instant(row[3])));
    }

    /** The id of one of the city's own accounts, opened on first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long cityAccount(AccountKind kind, Instant now) {
        if (kind == AccountKind.RESIDENT) {
            throw new IllegalArgumentException("a resident's account belongs to a user: use lockResident");
        }
        em.createNativeQuery("INSERT INTO points_account (tenant_id, kind, user_id, created_at) "
                        + "VALUES (gridcity_current_tenant(), ?1, NULL, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, kind.name()).setParameter(2, Timestamp.from(now)).executeUpdate();
        return ((Number) em.createNativeQuery("SELECT id FROM points_account WHERE kind = ?1 AND user_id IS NULL")
                .setParameter(1, kind.name()).getSingleResult()).longValue();
    }

    /**
     * Posts a transfer unless one with its id is stored already; moves the balances (and a resident's
     * lifetime points by {@code earnedDelta}) only when it is new. The caller holds the lock of the
     * resident's account and has checked that a debited resident has the points.
     *
     * @return whether the transfer is new
     * @throws ProblemException 409 {@code not-enough-points} should a debited resident's balance not cover it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean post(UUID id, long debit, long credit, long amount, Entry e, long earnedDelta) {
        int inserted = insert(id, debit, credit, amount, e);
        if (inserted == 0) {
            return false;
        }
        int debited = em.createNativeQuery("UPDATE points_account SET balance = balance - ?2, "
                        + "earned = earned + CASE WHEN kind = 'RESIDENT' THEN ?3 ELSE 0 END "
                        + "WHERE id = ?1 AND (kind <> 'RESIDENT' OR balance >= ?2)")
                .setParameter(1, debit).setParameter(2, amount).setParameter(3, earnedDelta).executeUpdate();
        if (debited == 0) {
            throw ProblemException.conflict("not-enough-points", "The account does not hold " + amount + " points.");
        }
        em.createNativeQuery("UPDATE points_account SET balance = balance + ?2, "
                        + "earned = earned + CASE WHEN kind = 'RESIDENT' THEN ?3 ELSE 0 END WHERE id = ?1")
                .setParameter(1, credit).setParameter(2, amount).setParameter(3, earnedDelta).executeUpdate();
        return true;
    }

    /** JDBC, because a native query cannot bind a null of a known type (uuid, bigint) on every driver path. */
    private int insert(UUID id, long debit, long credit, long amount, Entry e) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (var st = c.prepareStatement("INSERT INTO points_transfer (tenant_id, id, debit_account, credit_account, "
                    + "amount, kind, user_id, case_id, case_number, redemption_id, corrects, rules_id, reason, at) "
                    + "VALUES (gridcity_current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setObject(1, id);
                st.setLong(2, debit);
                st.setLong(3, credit);
                st.setLong(4, amount);
                st.setString(5, e.kind().name());
                st.setLong(6, e.userId());
                st.setObject(7, e.caseId(), java.sql.Types.BIGINT);
                st.setString(8, e.caseNumber());
                st.setObject(9, e.redemptionId(), java.sql.Types.BIGINT);
                st.setObject(10, e.corrects(), java.sql.Types.OTHER);
                st.setObject(11, e.rulesId(), java.sql.Types.BIGINT);
                st.setString(12, truncate(e.reason()));
                st.setTimestamp(13, Timestamp.from(e.at()));
                return st.executeUpdate();
            }
        });
    }

    /** Points a resident earned (awards) from {@code from} (inclusive) to {@code to} (exclusive). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long earnedBetween(long accountId, Instant from, Instant to) {
        return ((Number) em.createNativeQuery("SELECT coalesce(sum(amount), 0) FROM points_transfer "
                        + "WHERE credit_account = ?1 AND kind IN ('REPORT_FILED', 'DUPLICATE_REPORT', 'ME_TOO', 'RATING', "
                        + "'VOLUNTEER_WORK') AND at >= ?2 AND at < ?3")
                .setParameter(1, accountId).setParameter(2, Timestamp.from(from)).setParameter(3, Timestamp.from(to))
                .getSingleResult()).longValue();
    }

    /** Suspends a resident from earning until {@code until}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suspend(long accountId, Instant until) {
        em.createNativeQuery("UPDATE points_account SET suspended_until = ?2 WHERE id = ?1")
                .setParameter(1, accountId).setParameter(2, Timestamp.from(until)).executeUpdate();
    }

    /** One transfer by id. */
    @Transactional
    public Optional<Transfer> transfer(UUID id) {
        return transfers("WHERE id = ?1", id, 0, 1).stream().findFirst();
    }

    /** The transfers of one kind that concern a case, oldest first. */
    @Transactional
    public List<Transfer> ofCase(long caseId) {
        return transfers("WHERE case_id = ?1", caseId, 0, 1000);
    }

    /** The transfers of one kind that concern a case by its number, oldest first. */
    @Transactional
    public List<Transfer> ofCaseNumber(String number) {
        return transfers("WHERE case_number = ?1", number, 0, 1000);
    }

    /** Transfers that touch a resident's account, newest first. */
    @Transactional
    public List<Transfer> ofResident(long userId, int page, int size) {
        return transfersNewestFirst(userId, page, size);
    }

    @Transactional
    public long countOfResident(long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM points_transfer WHERE user_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    /** Points of a resident consumed by spending, clawbacks and expiry so far, less those given back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long consumed(long accountId) {
        return ((Number) em.createNativeQuery("SELECT coalesce(sum(CASE WHEN debit_account = ?1 THEN amount "
                        + "ELSE -amount END), 0) FROM points_transfer WHERE (debit_account = ?1 OR (credit_account = ?1 "
                        + "AND kind = 'RELEASE'))")
                .setParameter(1, accountId).getSingleResult()).longValue();
    }

    /** Resident accounts holding points, with their user ids. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Long> residentsWithPoints() {
        return ((List<Number>) em.createNativeQuery("SELECT user_id FROM points_account WHERE kind = 'RESIDENT' "
                + "AND balance > 0 ORDER BY user_id").getResultList()).stream().map(Number::longValue).toList();
    }

    /** One account's stored balance against the replay of its transfers. */
    public record Replay(long accountId, String kind, Long userId, long stored, long replayed) {
        public boolean matches() {
            return stored == replayed;
        }
    }

    /**
     * Recomputes every account's balance from its transfers and sets it beside the stored one, and sums the
     * stored balances of the city (zero when the ledger is whole).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Replay> replay() {
        List<Object[]> rows = em.createNativeQuery("SELECT a.id, a.kind, a.user_id, a.balance, "
                + "coalesce((SELECT sum(amount) FROM points_transfer t WHERE t.credit_account = a.id), 0) "
                + "- coalesce((SELECT sum(amount) FROM points_transfer t WHERE t.debit_account = a.id), 0) "
                + "FROM points_account a ORDER BY a.id").getResultList();
        List<Replay> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Replay(((Number) r[0]).longValue(), (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        return out;
    }

    /** How many transfers the city's ledger holds. */
    @Transactional
    public long transferCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM points_transfer").getSingleResult()).longValue();
    }

    private List<Transfer> transfersNewestFirst(long userId, int page, int size) {
        return read("WHERE user_id = ?1 ORDER BY seq DESC", userId, page, size);
    }

    private List<Transfer> transfers(String where, Object param, int page, int size) {
        return read(where + " ORDER BY seq", param, page, size);
    }

    @SuppressWarnings("unchecked")
    private List<Transfer> read(String whereAndOrder, Object param, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, seq, debit_account, credit_account, amount, kind, user_id, "
                        + "case_id, case_number, redemption_id, corrects, rules_id, reason, at FROM points_transfer "
                        + whereAndOrder + " LIMIT " + size + " OFFSET " + ((long) page * size))
                .setParameter(1, param).getResultList();
        return rows.stream().map(r -> new Transfer((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), Kind.valueOf((String) r[5]),
                ((Number) r[6]).longValue(), r[7] == null ? null : ((Number) r[7]).longValue(), (String) r[8],
                r[9] == null ? null : ((Number) r[9]).longValue(), (UUID) r[10],
                r[11] == null ? null : ((Number) r[11]).longValue(), (String) r[12], instant(r[13]))).toList();
    }

    /** A moment as a native query returns it (the driver's and Hibernate's types vary). */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a moment: " + value.getClass());
    }

    private static String truncate(String reason) {
        return reason.length() > 300 ? reason.substring(0, 300) : reason;
    }
}
