package city.gridcity.catalog;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A version of a subclass's filing conditions (with their time limits and closing conditions) and
 * base case weight, in force from {@link #effectiveFrom} until the next version. Never changed once
 * stored: a change is a new version.
 */
@Entity
@Table(name = "catalog_rule")
@org.hibernate.annotations.Immutable
public class CatalogRule extends TenantOwnedEntity {

    @Column(name = "class_id", nullable = false)
    public Long classId;

    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;

    @Column(name = "base_case_weight", nullable = false, precision = 6, scale = 2)
    public BigDecimal baseCaseWeight;

    /** JSON array of {@link FilingCondition}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String conditions;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
