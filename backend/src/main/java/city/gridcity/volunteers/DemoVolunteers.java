package city.gridcity.volunteers;

import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.PacksConfig;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Demo mode: each demo city's volunteer ({@code volunteer}) serves the community where the demo resident's
 * report waits for the acceptor (the last unit grid of the layout in force, as the demo history places it), so
 * the volunteer's triage page has a report on it. Once: a volunteer with any membership is left alone.
 */
@ApplicationScoped
class DemoVolunteers {

    private static final Logger LOG = Logger.getLogger(DemoVolunteers.class);
    static final String DEMO_VOLUNTEER = "volunteer";

    private final PacksConfig config;
    private final TenantRunner runner;
    private final UserService users;
    private final GridQueries grids;
    private final Memberships memberships;

    DemoVolunteers(PacksConfig config, TenantRunner runner, UserService users, GridQueries grids, Memberships memberships) {
        this.config = config;
        this.runner = runner;
        this.users = users;
        this.grids = grids;
        this.memberships = memberships;
    }

    void onStart(@Observes @Priority(45) StartupEvent event) {
        if (config.loadDemo()) {
            runner.forEachActiveTenant("demo-volunteers", this::seed);
        }
    }

    void seed(TenantRef city) {
        Optional<UserService.UserSummary> volunteer = holder(Role.VOLUNTEER, DEMO_VOLUNTEER);
        Optional<UserService.UserSummary> admin = holder(Role.CITY_ADMIN, null);
        List<String> units = grids.codesInForce(GridLevel.UNIT).codes();
        if (volunteer.isEmpty() || admin.isEmpty() || units.isEmpty() || !memberships.of(volunteer.get().id()).isEmpty()) {
            return;
        }
        String community = units.get(units.size() - 1).substring(0, 12);
        memberships.appoint(volunteer.get().id(), community, "演示志愿者 · demo volunteer", admin.get().id());
        LOG.infof("City %s: demo volunteer serves community %s", city.code(), community);
    }

    private Optional<UserService.UserSummary> holder(Role role, String username) {
        return users.activeHolders(role).stream().sorted().flatMap(id -> users.summary(id).stream())
                .filter(u -> username == null || username.equals(u.username())).findFirst();
    }
}
