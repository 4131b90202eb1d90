package city.gridcity.integration.outbox;

import city.gridcity.tenancy.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Purges delivered messages older than {@code gridcity.outbox.retention}: at millions of events a day
 * the outbox must not keep every one. Dead and pending messages stay until they are delivered.
 * Residents' message lists are separate and keep their messages.
 */
@ApplicationScoped
public class OutboxCleanupJob {

    private final TenantRunner runner;
    private final OutboxConfig config;
    private final Clock clock;

    OutboxCleanupJob(TenantRunner runner, OutboxConfig config, Clock clock) {
        this.runner = runner;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-cleanup", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge(clock.instant());
    }

    /** Returns how many delivered messages were purged, across cities. */
    public long purge(Instant now) {
        Instant horizon = now.minus(config.retention());
        long[] purged = {0};
        runner.forEachTenant("outbox-cleanup", city -> purged[0] += OutboxMessage.delete(
                "status = ?1 and deliveredAt < ?2", OutboxMessage.Status.DELIVERED, horizon));
        return purged[0];
    }
}
