package city.gridcity.support;

import city.gridcity.shared.db.EmbeddedDatabase;
import city.gridcity.shared.security.SigningKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a throw-away PostgreSQL for the test run and hands it to the service only through its JDBC
 * URL and roles: the same path an operator's external database takes. The service itself starts no
 * embedded server when a URL is configured.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Benchmarks ask for a server configured like the service's own (fsync and synchronous commit on). */
    static final String DURABLE = "gridcity.test.durable-db";

    private static EmbeddedDatabase database;
    private static Map<String, String> config;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("gridcity-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Tests use the library's fast settings; benchmarks' figures must mean what they would in production.
        database = Boolean.getBoolean(DURABLE) ? EmbeddedDatabase.startPersistent(dir.resolve("pgdata"))
                : EmbeddedDatabase.startThrowaway(dir.resolve("pgdata"));
        config = new HashMap<>(database.asSystemProperties());
        config.putAll(SigningKeys.loadOrCreate(dir.resolve("keys")).asSystemProperties());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** A superuser connection: sees past row-level security, for checking what is really stored. */
    public static Connection superuser() throws SQLException {
        return database.superuserConnection();
    }

    public static EmbeddedDatabase database() {
        return database;
    }

    /** The runtime role's password, for a client (pgbench) that connects as the service does. */
    public static String appPassword() {
        return config.get("quarkus.datasource.password");
    }
}
