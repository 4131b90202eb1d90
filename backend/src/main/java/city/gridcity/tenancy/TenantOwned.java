package city.gridcity.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.TenantId;

/**
 * A row that belongs to one city, whatever its key. Hibernate fills {@link #tenantId} with the
 * current city's code and filters every query by it; the table's row-level security policy is the
 * second wall. Most entities take their key from {@link TenantOwnedEntity}; the rows intake writes in
 * batches declare a sequence-drawn key of their own.
 */
@MappedSuperclass
public abstract class TenantOwned extends PanacheEntityBase {

    /** The city's code, filled by Hibernate from the current city. */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;
}
