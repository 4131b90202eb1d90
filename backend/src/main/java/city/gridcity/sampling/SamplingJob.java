package city.gridcity.sampling;

import city.gridcity.tenancy.TenantRunner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Draws yesterday's sample of every active city, in the city's own time zone. Runs hourly; a day already drawn is
 * left as it is, so a missed run is caught up by the next.
 */
@ApplicationScoped
public class SamplingJob {

    private final TenantRunner runner;
    private final Sampling sampling;
    private final Clock clock;

    SamplingJob(TenantRunner runner, Sampling sampling, Clock clock) {
        this.runner = runner;
        this.sampling = sampling;
        this.clock = clock;
    }

    @Scheduled(every = "${gridcity.sampling.draw-every:1h}", delayed = "15m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        drawYesterday(clock);
    }

    /** Draws the day before {@code clock}'s day in every active city; returns how many samples were drawn in all. */
    public int drawYesterday(Clock clock) {
        int[] drawn = {0};
        runner.forEachActiveTenant("sampling-draw", city -> {
            LocalDate yesterday = LocalDate.now(clock.withZone(ZoneId.of(city.timeZone()))).minusDays(1);
            if (sampling.drawOf(yesterday).isEmpty()) {
                drawn[0] += sampling.draw(yesterday, "system").drawn();
            }
        });
        return drawn[0];
    }
}
