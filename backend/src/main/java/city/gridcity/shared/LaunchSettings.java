package city.gridcity.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings the launcher must see before Quarkus starts, from the places an operator may put
 * them, highest first: system properties, environment variables, {@code .env} and
 * {@code config/application.properties} in the working directory (the files Quarkus reads too).
 */
public final class LaunchSettings {

    private final Properties system;
    private final Map<String, String> environment;
    private final Map<String, String> dotEnv;
    private final Properties configFile;

    public LaunchSettings(Properties system, Map<String, String> environment, Map<String, String> dotEnv,
                          Properties configFile) {
        this.system = system;
        this.environment = environment;
        this.dotEnv = dotEnv;
        this.configFile = configFile;
    }

    /** The settings of this process, reading the two files from the working directory. */
    public static LaunchSettings current() {
        Path dir = Path.of(System.getProperty("user.dir"));
        return new LaunchSettings(System.getProperties(), System.getenv(), readDotEnv(dir.resolve(".env")),
                readProperties(dir.resolve("config").resolve("application.properties")));
    }

    /** A property by its name ({@code quarkus.datasource.jdbc.url}) or its environment form. */
    public Optional<String> get(String property) {
        String env = property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        for (String value : new String[] {system.getProperty(property), environment.get(env), dotEnv.get(env),
                configFile.getProperty(property)}) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        return values;
    }

    private static Properties readProperties(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        return props;
    }
}
