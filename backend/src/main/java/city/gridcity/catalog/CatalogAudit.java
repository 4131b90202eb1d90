package city.gridcity.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** One changed field of a catalog subclass: who, when, old value, new value. */
@Entity
@Table(name = "catalog_audit")
@org.hibernate.annotations.Immutable
public class CatalogAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

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
