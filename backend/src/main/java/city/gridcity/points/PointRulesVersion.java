package city.gridcity.points;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A version of the city's {@link PointRules}, in force from {@link #effectiveFrom} until the next; never changed. */
@Entity
@Table(name = "points_rules")
@org.hibernate.annotations.Immutable
public class PointRulesVersion extends TenantOwnedEntity {

    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;

    /** The rules as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String rules;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
