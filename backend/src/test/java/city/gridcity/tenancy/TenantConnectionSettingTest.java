package city.gridcity.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The pool skips setting a connection's city when it already holds it. PostgreSQL undoes a setting made
 * in a transaction that rolls back, so what the pool believes must follow commits, not attempts: a
 * connection that was set for city B in a rolled-back transaction is back on city A, and the next
 * transaction of city B on it must set B again.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class TenantConnectionSettingTest {

    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;
    @Inject
    AgroalDataSource dataSource;

    /** The database session behind a connection, and the city it holds. */
    record Seen(int backend, String city) {
    }

    @Test
    void a_city_set_in_a_rolled_back_transaction_is_set_again_on_the_next_checkout() {
        TenantRef a = directory.byCode(Api.aCity().code()).orElseThrow();
        TenantRef b = directory.byCode(Api.aCity().code()).orElseThrow();
        int sameConnection = 0;
        for (int round = 0; round < 5; round++) {
            // given a pooled connection last committed for city A
            Seen first = runner.call(a, this::seen);
            // when a transaction of city B on it rolls back after its city was set
            assertThrows(IllegalStateException.class, () -> runner.call(b, () -> {
                seen();
                throw new IllegalStateException("rolled back on purpose");
            }));
            // then the next transaction of city B holds city B, not the A that the rollback restored
            Seen next = runner.call(b, this::seen);
            assertEquals(b.code(), next.city());
            Seen again = runner.call(a, this::seen);
            assertEquals(a.code(), again.city());
            if (first.backend() == next.backend() && next.backend() == again.backend()) {
                sameConnection++;
            }
        }
        // the pool hands a thread its last connection: the scenario ran on one connection at least once
        assertTrue(sameConnection > 0, "no round reused the same connection; the test proved nothing");
    }

    @Test
    void outside_any_city_a_connection_that_held_a_city_holds_none() {
        TenantRef a = directory.byCode(Api.aCity().code()).orElseThrow();
        runner.call(a, this::seen);

        assertEquals("", io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(this::seen).city());
    }

    private Seen seen() {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT pg_backend_pid(), current_setting('gridcity.tenant_id', true)")) {
            rs.next();
            return new Seen(rs.getInt(1), rs.getString(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
