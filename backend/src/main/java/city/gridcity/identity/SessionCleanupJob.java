package city.gridcity.identity;

import city.gridcity.tenancy.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes sessions that ended more than a week ago. Runs per city explicitly: a scheduled job has
 * no request to take the city from, and row-level security shows it only that city's rows.
 */
@ApplicationScoped
public class SessionCleanupJob {

    static final Duration KEEP = Duration.ofDays(7);

    private final TenantRunner runner;
    private final Clock clock;

    SessionCleanupJob(TenantRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge();
    }

    /** Returns how many sessions were deleted, across cities and operators. */
    public long purge() {
        Instant horizon = clock.instant().minus(KEEP);
        long[] deleted = {0};
        runner.forEachTenant("session-cleanup", tenant -> deleted[0] += UserSession.delete(
                "expiresAt < ?1 or revokedAt < ?1", horizon));
        deleted[0] += QuarkusTransaction.requiringNew().call(() -> OperatorSession.delete(
                "expiresAt < ?1 or revokedAt < ?1", horizon));
        return deleted[0];
    }
}
