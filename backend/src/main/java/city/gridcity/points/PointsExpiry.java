package city.gridcity.points;

import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Points expire by the rules in force: those earned in a year expire at the end of the year
 * {@code afterYears} later. A job applies it, city by city, as ledger entries (resident → expiry), never by
 * editing a balance. Spending, clawbacks and earlier expiry consume the oldest points first, so what expires
 * is what was earned up to the cut-off and never consumed. One entry per resident and expired year: the
 * entry's id comes from that key, so running the job twice expires nothing twice.
 */
@ApplicationScoped
public class PointsExpiry {

    private final TenantRunner runner;
    private final PointRulesService rules;
    private final Ledger ledger;
    private final TenantContext tenant;
    private final TenantDirectory tenants;
    private final EntityManager em;
    private final Clock clock;

    PointsExpiry(TenantRunner runner, PointRulesService rules, Ledger ledger, TenantContext tenant,
                 TenantDirectory tenants, EntityManager em, Clock clock) {
        this.runner = runner;
        this.rules = rules;
        this.ledger = ledger;
        this.tenant = tenant;
        this.tenants = tenants;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${gridcity.points.expiry-sweep:1h}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runner.forEachActiveTenant("points-expiry", city -> sweep(clock.instant()));
    }

    /** Expires what is due in the current city at {@code now}; returns the points expired. */
    @Transactional
    public long sweep(Instant now) {
        var inForce = rules.inForceAt(now);
        if (inForce.isEmpty() || inForce.get().rules().expiry() == null) {
            return 0;
        }
        TenantRef city = tenants.byCode(tenant.tenantCode().orElseThrow()).orElseThrow();
        ZoneId zone = ZoneId.of(city.timeZone());
        int year = LocalDate.ofInstant(now, zone).getYear();
        // Earned in year Y expires at the end of Y + afterYears: everything earned before this moment is due.
        int lastExpiredYear = year - inForce.get().rules().expiry().afterYears() - 1;
        Instant cutoff = LocalDate.of(lastExpiredYear + 1, 1, 1).atStartOfDay(zone).toInstant();
        long total = 0;
        long expiryAccount = -1;
        for (long userId : ledger.residentsWithPoints()) {
            Ledger.Account account = ledger.lockResident(userId, now);
            long earnedBefore = earnedBefore(account.id(), cutoff);
            long due = Math.min(account.balance(), earnedBefore - ledger.consumed(account.id()));
            if (due <= 0) {
                continue;
            }
            if (expiryAccount < 0) {
                expiryAccount = ledger.cityAccount(Ledger.AccountKind.EXPIRY, now);
            }
            boolean posted = ledger.post(Ledger.transferId(city.code(), Ledger.Kind.EXPIRY.name(), "through:" + lastExpiredYear,
                            userId), account.id(), expiryAccount, due,
                    new Ledger.Entry(Ledger.Kind.EXPIRY, userId, null, null, null, null, inForce.get().id(),
                            lastExpiredYear + " 年及以前获得的积分已过期 · points earned up to " + lastExpiredYear + " expired", now),
                    0);
            if (posted) {
                total += due;
            }
        }
        return total;
    }

    private long earnedBefore(long accountId, Instant cutoff) {
        return ((Number) em.createNativeQuery("SELECT coalesce(sum(amount), 0) FROM points_transfer WHERE credit_account = ?1 "
                        + "AND kind IN ('REPORT_FILED', 'DUPLICATE_REPORT', 'ME_TOO', 'RATING', 'VOLUNTEER_WORK') AND at < ?2")
                .setParameter(1, accountId).setParameter(2, Timestamp.from(cutoff)).getSingleResult()).longValue();
    }
}
