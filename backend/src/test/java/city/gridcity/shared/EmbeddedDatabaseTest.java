package city.gridcity.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.db.DatabaseSettings;
import city.gridcity.shared.LaunchSettings;
import city.gridcity.shared.db.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void a_restart_of_the_embedded_database_keeps_every_row() throws Exception {
        Path data = Files.createTempDirectory("gridcity-restart-").resolve("pgdata");
        try (EmbeddedDatabase first = EmbeddedDatabase.startPersistent(data); Connection c = first.superuserConnection()) {
            c.createStatement().execute("CREATE TABLE kept (v text)");
            c.createStatement().execute("INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedDatabase second = EmbeddedDatabase.startPersistent(data); Connection c = second.superuserConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertTrue(rs.next());
            assertEquals("still here", rs.getString(1));
        }
    }

    @Test
    void an_operators_server_settings_apply_to_the_kept_server_but_may_not_weaken_durability() throws Exception {
        Path data = Files.createTempDirectory("gridcity-settings-").resolve("pgdata");
        Map<String, String> settings = EmbeddedDatabase.parseSettings("work_mem=8MB, max_wal_size=2GB");
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data, settings); Connection c = db.superuserConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('work_mem'), "
                     + "current_setting('max_wal_size'), current_setting('fsync'), current_setting('checkpoint_timeout')")) {
            assertTrue(rs.next());
            assertEquals("8MB", rs.getString(1));
            assertEquals("2GB", rs.getString(2));
            assertEquals("on", rs.getString(3));
            assertEquals("15min", rs.getString(4));
        }
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EmbeddedDatabase.startPersistent(data, EmbeddedDatabase.parseSettings("fsync=off")));
        assertTrue(refused.getMessage().contains("fsync"), refused.getMessage());
        IllegalArgumentException malformed = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EmbeddedDatabase.parseSettings("shared_buffers"));
        assertTrue(malformed.getMessage().contains("name=value"), malformed.getMessage());
    }

    @Test
    void the_embedded_database_lets_no_one_in_without_a_password() throws Exception {
        Path data = Files.createTempDirectory("gridcity-auth-").resolve("pgdata");
        try (EmbeddedDatabase db = EmbeddedDatabase.startPersistent(data)) {
            String url = "jdbc:postgresql://localhost:" + db.port() + "/" + EmbeddedDatabase.DATABASE;
            for (String role : new String[] {"postgres", EmbeddedDatabase.OWNER_ROLE, EmbeddedDatabase.APP_ROLE}) {
                org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> java.sql.DriverManager.getConnection(url, role, "wrong-password").close());
            }
            String appPassword = db.asSystemProperties().get("quarkus.datasource.password");
            java.sql.DriverManager.getConnection(url, EmbeddedDatabase.APP_ROLE, appPassword).close();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    data.resolveSibling("pgdata-db-credentials.properties"))));
        }
    }

    @Test
    void a_second_start_on_a_data_directory_in_use_is_refused_and_leaves_the_running_server_alone() throws Exception {
        Path data = Files.createTempDirectory("gridcity-busy-").resolve("pgdata");
        try (EmbeddedDatabase running = EmbeddedDatabase.startPersistent(data)) {
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> EmbeddedDatabase.startPersistent(data));
            org.hamcrest.MatcherAssert.assertThat(refused.getMessage(), org.hamcrest.Matchers.containsString("in use"));
            try (Connection c = running.superuserConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void the_runtime_role_neither_owns_tables_nor_bypasses_row_level_security() throws Exception {
        Path data = Files.createTempDirectory("gridcity-roles-").resolve("pgdata");
        try (EmbeddedDatabase db = EmbeddedDatabase.startThrowaway(data); Connection c = db.superuserConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '" + EmbeddedDatabase.APP_ROLE + "'")) {
            assertTrue(rs.next());
            assertFalse(rs.getBoolean(1));
            assertFalse(rs.getBoolean(2));
            assertEquals(EmbeddedDatabase.APP_ROLE, db.asSystemProperties().get("quarkus.datasource.username"));
            assertEquals(EmbeddedDatabase.OWNER_ROLE, db.asSystemProperties().get("quarkus.flyway.username"));
        }
    }

    @Test
    void a_jdbc_url_configured_anywhere_means_no_embedded_database() {
        assertTrue(DatabaseSettings.configuredUrl(settings(new Properties(), Map.of(), Map.of(), new Properties())).isEmpty());
        assertTrue(DatabaseSettings.configuredUrl(settings(new Properties(),
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/x"), Map.of(), new Properties())).isPresent());
        Properties sys = new Properties();
        sys.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/x");
        assertTrue(DatabaseSettings.configuredUrl(settings(sys, Map.of(), Map.of(), new Properties())).isPresent());
        assertTrue(DatabaseSettings.configuredUrl(settings(new Properties(), Map.of(),
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db/x"), new Properties())).isPresent());
        Properties file = new Properties();
        file.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/x");
        assertEquals("jdbc:postgresql://db/x",
                DatabaseSettings.configuredUrl(settings(new Properties(), Map.of(), Map.of(), file)).orElseThrow());
    }

    @Test
    void two_checkouts_get_two_data_directories() {
        LaunchSettings none = settings(new Properties(), Map.of(), Map.of(), new Properties());
        assertFalse(DataDirectory.resolve(none, "/work/checkout-one").equals(DataDirectory.resolve(none, "/work/checkout-two")));
        assertEquals(Path.of("/srv/gridcity"), DataDirectory.resolve(settings(new Properties(),
                Map.of("GRIDCITY_DATA_DIR", "/srv/gridcity"), Map.of(), new Properties()), "/work/checkout-one"));
    }

    static LaunchSettings settings(Properties sys, Map<String, String> env, Map<String, String> dotEnv, Properties file) {
        return new LaunchSettings(sys, env, dotEnv, file);
    }
}
