package city.gridcity.department;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A disposal unit (处置部门) and its area of responsibility. */
@Entity
@Table(name = "department")
public class Department extends TenantOwnedEntity {

    /** The kinds of unit that dispose of cases. */
    public enum Kind {
        CITY_DEPARTMENT, DISTRICT_DEPARTMENT, STREET_OFFICE, COMMUNITY_COMMITTEE, PLATFORM_COMPANY
    }

    @Column(nullable = false, length = 64)
    public String code;

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public Kind kind;

    /** Grid codes (district, street or community) it answers for; empty for the whole city. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "area_codes", nullable = false, columnDefinition = "text[]")
    public String[] areaCodes;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
