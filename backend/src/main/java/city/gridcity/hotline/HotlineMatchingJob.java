package city.gridcity.hotline;

import city.gridcity.tenancy.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Matches yesterday's hotline complaints with grid findings, per city in the city's own time zone.
 * Runs hourly and matches only what is unmatched, so a missed run or a late complaint is caught up.
 */
@ApplicationScoped
public class HotlineMatchingJob {

    private final TenantRunner runner;
    private final HotlineService hotline;
    private final Clock clock;

    HotlineMatchingJob(TenantRunner runner, HotlineService hotline, Clock clock) {
        this.runner = runner;
        this.hotline = hotline;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        matchYesterday();
    }

    /** Returns how many complaints were matched across cities. */
    public int matchYesterday() {
        int[] total = {0};
        runner.forEachActiveTenant("hotline-matching", city -> {
            ZoneId zone = ZoneId.of(city.timeZone());
            total[0] += hotline.matchDay(LocalDate.now(clock.withZone(zone)).minusDays(1), zone);
        });
        return total[0];
    }
}
