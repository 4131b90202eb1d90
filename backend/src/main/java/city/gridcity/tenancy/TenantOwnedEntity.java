package city.gridcity.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.TenantId;

/**
 * A row that belongs to one city. Hibernate fills {@link #tenantId} with the current city's code
 * and filters every query by it; the table's row-level security policy is the second wall.
 */
@MappedSuperclass
public abstract class TenantOwnedEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The city's code, filled by Hibernate from the current city. */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;
}
