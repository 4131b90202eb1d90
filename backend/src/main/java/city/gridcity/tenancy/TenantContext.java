package city.gridcity.tenancy;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The city a unit of work acts for, set once at the edge (HTTP filter) or explicitly by a
 * background job through {@link TenantRunner}. Hibernate's tenant filter and the database
 * session setting behind row-level security both read it. Empty means platform scope: no
 * tenant-owned row is visible.
 */
@RequestScoped
public class TenantContext {

    private Long tenantId;
    private String tenantCode;
    private String actor;

    public Optional<Long> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    public Optional<String> tenantCode() {
        return Optional.ofNullable(tenantCode);
    }

    public Long requireTenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("No city is selected for this unit of work");
        }
        return tenantId;
    }

    /** Who acts in this request, by username, as the edge signed them in: what audits record. */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /** Names who acts for the rest of this request: called at the edge, with the city. */
    public void actAs(String username) {
        this.actor = username;
    }

    /** Selects the city for the rest of this request: called once, at the edge. */
    public void select(TenantRef tenant) {
        set(tenant.id(), tenant.code());
    }

    private void set(Long id, String code) {
        this.tenantId = id;
        this.tenantCode = code;
    }

    /** Runs {@code work} as the given city, then restores the previous city. */
    <T> T callAs(Long id, String code, Supplier<T> work) {
        Long previousId = tenantId;
        String previousCode = tenantCode;
        set(id, code);
        try {
            return work.get();
        } finally {
            set(previousId, previousCode);
        }
    }
}
