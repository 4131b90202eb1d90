package city.gridcity.points;

import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.PacksConfig;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Demo mode: the demo resident ({@code resident}) of each demo city gets a little history (volunteer work), so
 * the points and rewards pages are not empty. Once: a resident who has any points is left alone. Runs after the
 * demo cities are loaded.
 */
@ApplicationScoped
public class DemoPoints {

    static final String DEMO_RESIDENT = "resident";

    private final PacksConfig config;
    private final TenantRunner runner;
    private final UserService users;
    private final PointAwards awards;
    private final Ledger ledger;
    private final Clock clock;

    DemoPoints(PacksConfig config, TenantRunner runner, UserService users, PointAwards awards, Ledger ledger, Clock clock) {
        this.config = config;
        this.runner = runner;
        this.users = users;
        this.awards = awards;
        this.ledger = ledger;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        if (!config.loadDemo()) {
            return;
        }
        runner.forEachActiveTenant("demo-points", city -> users.activeHolders(Role.RESIDENT).stream()
                .filter(id -> users.summary(id).map(u -> u.username().equals(DEMO_RESIDENT)).orElse(false))
                .filter(id -> ledger.resident(id).isEmpty())
                .forEach(id -> {
                    Instant now = clock.instant();
                    awards.awardVolunteerWork(id, "demo:cleanup", "社区环境清洁日 · community clean-up day",
                            now.minus(Duration.ofDays(9)));
                    awards.awardVolunteerWork(id, "demo:ads", "清理小广告 · removing illegal adverts", now.minus(Duration.ofDays(4)));
                    awards.awardVolunteerWork(id, "demo:bikes", "规整共享单车 · tidying shared bikes", now.minus(Duration.ofDays(1)));
                }));
    }
}
