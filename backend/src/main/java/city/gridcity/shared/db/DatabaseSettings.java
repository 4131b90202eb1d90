package city.gridcity.shared.db;

import java.util.Map;
import java.util.Properties;

/** Decides whether the operator configured a database or the service brings its own. */
public final class DatabaseSettings {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    static final String URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";

    private DatabaseSettings() {
    }

    public static boolean jdbcUrlConfigured(Map<String, String> env, Properties sys) {
        String url = configuredUrl(env, sys);
        return url != null && !url.isBlank();
    }

    public static String configuredUrl(Map<String, String> env, Properties sys) {
        return sys.getProperty(URL_PROPERTY, env.get(URL_ENV));
    }
}
