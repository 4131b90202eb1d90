package city.gridcity.tenancy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs work as one city, in its own transaction. Background jobs have no request to take the city
 * from, so they name it here explicitly; platform operations use it to act inside a new city.
 */
@ApplicationScoped
public class TenantRunner {

    private static final Logger LOG = Logger.getLogger(TenantRunner.class);

    private final TenantContext context;
    private final TenantDirectory directory;

    TenantRunner(TenantContext context, TenantDirectory directory) {
        this.context = context;
        this.directory = directory;
    }

    /** Runs {@code work} in a new transaction that sees only {@code tenant}'s rows. */
    @ActivateRequestContext
    public <T> T call(TenantRef tenant, Supplier<T> work) {
        return context.callAs(tenant.id(), tenant.code(), () -> QuarkusTransaction.requiringNew().call(work::get));
    }

    public void run(TenantRef tenant, Runnable work) {
        call(tenant, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} once per active city, each in its own transaction. One city's failure is
     * logged and does not stop the others.
     */
    @ActivateRequestContext
    public void forEachActiveTenant(String jobName, Consumer<TenantRef> work) {
        forEach(jobName, work, true);
    }

    /** Like {@link #forEachActiveTenant}, but suspended cities too (housekeeping keeps running for them). */
    @ActivateRequestContext
    public void forEachTenant(String jobName, Consumer<TenantRef> work) {
        forEach(jobName, work, false);
    }

    private void forEach(String jobName, Consumer<TenantRef> work, boolean onlyActive) {
        for (TenantRef tenant : directory.all()) {
            if (tenant.status() == TenantStatus.PROVISIONING || (onlyActive && !tenant.active())) {
                continue;
            }
            try {
                run(tenant, () -> work.accept(tenant));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Job %s failed for city %s", jobName, tenant.code());
            }
        }
    }
}
