package city.gridcity.tenancy;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets the database session's city on every connection checkout, so PostgreSQL's row-level
 * security applies the same wall as Hibernate's filter, including to native SQL. A connection
 * taken outside any city's scope gets an empty setting and sees no tenant-owned row.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    @Override
    public void onConnectionAcquire(Connection connection) {
        String tenant = CurrentTenantResolver.currentTenantCode().orElse("");
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('gridcity.tenant_id', ?, false)")) {
            ps.setString(1, tenant);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the city on a database connection", e);
        }
    }
}
