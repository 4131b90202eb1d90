package city.gridcity.catalog;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One changed field of a catalog subclass: who, when, old value, new value. */
@Entity
@Table(name = "catalog_audit")
@org.hibernate.annotations.Immutable
public class CatalogAudit extends TenantOwnedEntity {

    @Column(name = "class_id", nullable = false)
    public Long classId;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "by_user", nullable = false, length = 64)
    public String byUser;

    @Column(nullable = false, length = 64)
    public String field;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;
}
