package city.gridcity.tenancy;

import city.gridcity.shared.db.AfterCompletion;
import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;

/**
 * Sets the database session's city on every connection checkout, so PostgreSQL's row-level
 * security applies the same wall as Hibernate's filter, including to native SQL. A connection
 * taken outside any city's scope gets an empty setting and sees no tenant-owned row.
 *
 * <p>The setting costs a round trip, so it is skipped when the connection is known to hold the city
 * already. Known means set by a transaction that committed: the pool enlists a connection before this
 * runs, so the {@code set_config} belongs to the caller's transaction, and PostgreSQL undoes it if that
 * transaction rolls back. Until the commit is confirmed the connection's setting counts as unknown,
 * and the next checkout sets it again.
 */
@ApplicationScoped
public class TenantConnectionInterceptor implements AgroalPoolInterceptor {

    /** What this service knows of one physical connection's setting: a value, or a pending unknown. */
    private record Known(String tenant) {
    }

    private final TransactionSynchronizationRegistry transactions;
    /** Per physical connection; a closed connection's entry goes with it. */
    private final Map<PGConnection, AtomicReference<Object>> settings = Collections.synchronizedMap(new WeakHashMap<>());

    TenantConnectionInterceptor(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        String tenant = CurrentTenantResolver.currentTenantCode().orElse("");
        try {
            AtomicReference<Object> setting = settings.computeIfAbsent(connection.unwrap(PGConnection.class),
                    c -> new AtomicReference<>());
            if (setting.get() instanceof Known k && k.tenant().equals(tenant)) {
                return;
            }
            Object pending = new Object();
            setting.set(pending);
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('gridcity.tenant_id', ?, false)")) {
                ps.setString(1, tenant);
                ps.execute();
            }
            confirm(connection, setting, pending, new Known(tenant));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the city on a database connection", e);
        }
    }

    /** Records the setting once it cannot be undone any more: now outside a transaction, else on commit. */
    private void confirm(Connection connection, AtomicReference<Object> setting, Object pending, Known known)
            throws SQLException {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            if (connection.getAutoCommit()) {
                setting.compareAndSet(pending, known);
            }
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // it may roll back: stays unknown
        }
        // Only if no later checkout has touched the connection since.
        AfterCompletion.onCommit(transactions, () -> setting.compareAndSet(pending, known));
    }
}
