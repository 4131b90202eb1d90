package city.gridcity.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where tenant packs live and whether the demo cities are loaded at start-up. */
@ConfigMapping(prefix = "gridcity.tenants")
public interface PacksConfig {

    /** The folder holding one pack per city. Unset: {@code tenants/} in or above the working directory. */
    Optional<String> dir();

    /** Demo mode: load every pack under {@link #dir()} at start-up, with its demo accounts. Never in production. */
    @WithDefault("false")
    boolean loadDemo();
}
