package city.gridcity.points;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change of the city's point rules or rewards: who, when, what, the old and the new value. */
@Entity
@Table(name = "points_audit")
@org.hibernate.annotations.Immutable
public class PointsAudit extends TenantOwnedEntity {

    @Column(nullable = false)
    public Instant at;

    @Column(name = "by_user", nullable = false, length = 64)
    public String byUser;

    @Column(nullable = false, length = 64)
    public String subject;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;
}
