package city.gridcity.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first platform operator comes from configuration ({@code gridcity.bootstrap.operator.username}
 * and {@code .password}, e.g. from the environment), created once when no operator exists yet.
 * There is no built-in default password: without configuration no operator is created.
 */
@ApplicationScoped
public class OperatorBootstrap {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrap.class);

    private final Optional<String> username;
    private final Optional<String> password;
    private final boolean demo;
    private final Passwords passwords;
    private final Clock clock;

    OperatorBootstrap(@ConfigProperty(name = "gridcity.bootstrap.operator.username") Optional<String> username,
                      @ConfigProperty(name = "gridcity.bootstrap.operator.password") Optional<String> password,
                      @ConfigProperty(name = "gridcity.tenants.load-demo", defaultValue = "false") boolean demo,
                      Passwords passwords, Clock clock) {
        this.username = username;
        this.password = password;
        this.demo = demo;
        this.passwords = passwords;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (username.isEmpty() || password.isEmpty()) {
            if (QuarkusTransaction.requiringNew().call(() -> PlatformOperator.count()) == 0) {
                LOG.warn("No platform operator exists. Set GRIDCITY_BOOTSTRAP_OPERATOR_USERNAME and "
                        + "GRIDCITY_BOOTSTRAP_OPERATOR_PASSWORD once to create the first one.");
            }
            return;
        }
        passwords.checkStrength("gridcity.bootstrap.operator.password", password.get());
        QuarkusTransaction.requiringNew().run(() -> {
            if (PlatformOperator.count() > 0) {
                return;
            }
            Instant now = clock.instant();
            PlatformOperator op = new PlatformOperator();
            op.username = username.get();
            op.displayName = "平台管理员 Platform operator";
            op.passwordHash = passwords.hash(password.get());
            op.passwordChangedAt = now;
            op.status = UserStatus.ACTIVE;
            op.createdAt = now;
            op.updatedAt = now;
            op.persist();
            LOG.infof("Created the first platform operator '%s' from configuration", op.username);
        });
    }

    /** In demo mode only: the configured operator's sign-in, for the start-up banner. */
    public Optional<String> demoCredentials() {
        if (!demo || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(username.get() + " / " + password.get());
    }
}
