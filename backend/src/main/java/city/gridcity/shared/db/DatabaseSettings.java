package city.gridcity.shared.db;

import city.gridcity.shared.LaunchSettings;
import java.util.Optional;

/** Decides whether the operator configured a database or the service brings its own. */
public final class DatabaseSettings {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private DatabaseSettings() {
    }

    /** The configured JDBC URL, from any place the operator may have put it; empty for the embedded database. */
    public static Optional<String> configuredUrl(LaunchSettings settings) {
        return settings.get(URL_PROPERTY);
    }
}
