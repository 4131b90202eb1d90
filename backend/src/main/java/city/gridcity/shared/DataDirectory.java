package city.gridcity.shared;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the service keeps its state on disk when it manages that state itself: the embedded
 * database and generated signing keys. The default lies under the working directory, so two
 * checkouts on one machine never share a database.
 */
public final class DataDirectory {

    public static final String PROPERTY = "gridcity.data-dir";
    public static final String ENV = "GRIDCITY_DATA_DIR";

    private DataDirectory() {
    }

    public static Path resolve(Map<String, String> env, Properties sys) {
        String configured = sys.getProperty(PROPERTY, env.get(ENV));
        Path dir = configured == null || configured.isBlank()
                ? Path.of(sys.getProperty("user.dir"), ".gridcity")
                : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }
}
