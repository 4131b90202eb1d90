package city.gridcity.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Sign-in settings: token lifetimes, hashing cost and the throttle on failed logins. */
@ConfigMapping(prefix = "gridcity.auth")
public interface AuthConfig {

    /** Issuer written into and required of every token. */
    @WithDefault("https://gridcity.city/issuer")
    String issuer();

    @WithDefault("PT15M")
    Duration accessTokenTtl();

    @WithDefault("P14D")
    Duration refreshTokenTtl();

    /** bcrypt cost factor: 2^cost rounds. */
    @WithDefault("11")
    int bcryptCost();

    Throttle throttle();

    interface Throttle {
        /** Failed logins of one account within the window before it is locked for the window. */
        @WithDefault("5")
        int accountFailures();

        /** Failed logins from one address within the window before it is refused for the window. */
        @WithDefault("20")
        int addressFailures();

        @WithDefault("PT15M")
        Duration window();
    }
}
