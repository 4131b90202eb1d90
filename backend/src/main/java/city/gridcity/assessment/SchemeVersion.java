package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A version of a scheme or an overlay, in force from {@link #effectiveFrom} until the next; never changed. */
@Entity
@Table(name = "assessment_scheme")
@org.hibernate.annotations.Immutable
public class SchemeVersion extends TenantOwnedEntity {

    public enum Kind {
        SCHEME, OVERLAY
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Kind kind;

    @Column(nullable = false, length = 40)
    public String code;

    @Column(length = 40)
    public String baseline;

    @Column(nullable = false)
    public int version;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** The scheme or overlay as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
