package city.gridcity.shared;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the service keeps its state on disk when it manages that state itself: the embedded
 * database, generated signing keys and, by default, uploaded files. The default lies under the
 * working directory, so two checkouts on one machine never share a database.
 */
public final class DataDirectory {

    public static final String PROPERTY = "gridcity.data-dir";
    public static final String ENV = "GRIDCITY_DATA_DIR";

    private DataDirectory() {
    }

    public static Path resolve(LaunchSettings settings, String workingDirectory) {
        return resolve(settings.get(PROPERTY), workingDirectory);
    }

    /** The same rule for code that reads {@link #PROPERTY} from Quarkus' configuration. */
    public static Path resolve(Optional<String> configured, String workingDirectory) {
        return configured.filter(dir -> !dir.isBlank()).map(Path::of).orElse(Path.of(workingDirectory, ".gridcity"))
                .toAbsolutePath().normalize();
    }
}
