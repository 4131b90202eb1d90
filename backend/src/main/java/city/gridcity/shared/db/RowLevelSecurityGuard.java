package city.gridcity.shared.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start when the runtime database role would skip row-level security (a superuser or a
 * role with BYPASSRLS): the second tenant wall would silently be gone. An operator who knowingly
 * runs so sets {@code gridcity.db.allow-rls-bypass=true}.
 */
@ApplicationScoped
public class RowLevelSecurityGuard {

    private static final Logger LOG = Logger.getLogger(RowLevelSecurityGuard.class);

    private final AgroalDataSource dataSource;
    private final boolean allowBypass;

    RowLevelSecurityGuard(AgroalDataSource dataSource,
                          @ConfigProperty(name = "gridcity.db.allow-rls-bypass", defaultValue = "false") boolean allowBypass) {
        this.dataSource = dataSource;
        this.allowBypass = allowBypass;
    }

    void check(@Observes @Priority(1) StartupEvent event) throws SQLException {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            if (rs.getBoolean(2) || rs.getBoolean(3)) {
                String message = "The database role '" + rs.getString(1) + "' is a superuser or has BYPASSRLS, so "
                        + "row-level security would not separate cities. Connect the service as a role that is neither "
                        + "(see README, Configuration), with migrations run by the owner role (quarkus.flyway.username).";
                if (!allowBypass) {
                    throw new IllegalStateException(message);
                }
                LOG.warn(message + " Starting anyway: gridcity.db.allow-rls-bypass=true.");
            }
        }
    }
}
