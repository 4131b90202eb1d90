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

    /** How failed logins are counted and answered; the reasoning is on {@link LoginThrottle}. */
    interface Throttle {
        /**
         * Failed logins of one account from one address within the window before that address is
         * refused for that account; also the account's failures from all addresses together at which
         * its password starts being checked at a slower pace.
         */
        @WithDefault("5")
        int accountFailures();

        /** Failed logins from one address, whatever the accounts, before the address is refused. */
        @WithDefault("20")
        int addressFailures();

        /** How long a failure counts. */
        @WithDefault("PT15M")
        Duration window();

        /** The first pause between attempts on an account guessed from many addresses; doubles per failure. */
        @WithDefault("PT1S")
        Duration accountDelay();

        /** The longest such pause. */
        @WithDefault("PT1M")
        Duration accountMaxDelay();
    }
}
