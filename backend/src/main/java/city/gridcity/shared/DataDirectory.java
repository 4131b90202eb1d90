package city.gridcity.shared;

import java.nio.file.Path;

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

    public static Path resolve(LaunchSettings settings, String workingDirectory) {
        return settings.get(PROPERTY).map(Path::of).orElse(Path.of(workingDirectory, ".gridcity"))
                .toAbsolutePath().normalize();
    }
}
