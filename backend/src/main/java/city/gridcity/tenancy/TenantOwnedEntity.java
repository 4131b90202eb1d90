package city.gridcity.tenancy;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A row that belongs to one city, keyed by its table's identity column (see {@link TenantOwned}). */
@MappedSuperclass
public abstract class TenantOwnedEntity extends TenantOwned {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
