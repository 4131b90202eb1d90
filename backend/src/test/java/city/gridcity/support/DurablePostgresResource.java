package city.gridcity.support;

import city.gridcity.shared.db.EmbeddedDatabase;
import city.gridcity.shared.security.SigningKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A throw-away PostgreSQL configured like the service's own durable one (fsync and synchronous
 * commit on), for benchmarks whose figures must mean what they would in production. Its data
 * directory is deleted by the operating system's temp clean-up, not kept.
 */
public class DurablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;
    private static Map<String, String> config;

    @Override
    public Map<String, String> start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("gridcity-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database = EmbeddedDatabase.startPersistent(dir.resolve("pgdata"));
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

    public static EmbeddedDatabase database() {
        return database;
    }

    /** The runtime role's password, for a client (pgbench) that connects as the service does. */
    public static String appPassword() {
        return config.get("quarkus.datasource.password");
    }
}
