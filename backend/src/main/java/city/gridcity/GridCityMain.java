package city.gridcity;

import city.gridcity.shared.DataDirectory;
import city.gridcity.shared.LaunchSettings;
import city.gridcity.shared.db.DatabaseSettings;
import city.gridcity.shared.db.EmbeddedDatabase;
import city.gridcity.shared.security.SigningKeys;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Entry point of the service. Before Quarkus reads its configuration it provides what the
 * configuration may lack: an embedded PostgreSQL when no JDBC URL is configured, and signing
 * keys in the data directory when none are configured. Both are handed over as system
 * properties, which Quarkus reads like any other configuration source.
 */
@QuarkusMain
public final class GridCityMain {

    private static final Logger LOG = Logger.getLogger(GridCityMain.class);

    private GridCityMain() {
    }

    public static void main(String... args) throws Exception {
        LaunchSettings settings = LaunchSettings.current();
        Path dataDir = DataDirectory.resolve(settings, System.getProperty("user.dir"));
        Optional<String> url = DatabaseSettings.configuredUrl(settings);
        if (url.isPresent()) {
            LOG.infof("Using the configured database %s", url.get());
        } else {
            EmbeddedDatabase db = EmbeddedDatabase.startPersistent(dataDir.resolve("pgdata"),
                    EmbeddedDatabase.parseSettings(settings.get("gridcity.embedded-db.settings").orElse("")));
            db.asSystemProperties().forEach(System::setProperty);
            LOG.infof("Embedded PostgreSQL on port %d, data in %s", db.port(), dataDir.resolve("pgdata"));
        }
        if (!SigningKeys.configured(settings)) {
            SigningKeys.loadOrCreate(dataDir.resolve("keys")).asSystemProperties().forEach(System::setProperty);
        }
        Quarkus.run(args);
    }
}
