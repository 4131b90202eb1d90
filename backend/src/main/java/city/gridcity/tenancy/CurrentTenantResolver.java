package city.gridcity.tenancy;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Tells Hibernate's discriminator filter which city (by code) the current unit of work belongs to. */
@PersistenceUnitExtension
@ApplicationScoped
public class CurrentTenantResolver implements TenantResolver {

    /** Not a valid city code: outside a city's scope, tenant-owned queries match nothing. */
    static final String NO_TENANT = "-";

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return currentTenantCode().orElse(NO_TENANT);
    }

    /** The current city's code, when a request or a {@link TenantRunner} has selected one. */
    public static Optional<String> currentTenantCode() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return Optional.empty();
        }
        return container.instance(TenantContext.class).get().tenantCode();
    }
}
