package city.gridcity.grid;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * One polygon of a layout at any level. Written in bulk by {@link GridImportService} (plain JDBC
 * batches: identity keys would stop Hibernate from batching), read through Hibernate.
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "grid_unit")
public class GridUnit extends PanacheEntityBase {

    @Id
    public Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "layout_id", nullable = false)
    public Long layoutId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public GridLevel level;

    @Column(nullable = false, length = 32)
    public String code;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "parent_code", length = 32)
    public String parentCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "area_class", length = 16)
    public AreaClass areaClass;

    @Enumerated(EnumType.STRING)
    @Column(name = "community_type", length = 20)
    public CommunityType communityType;

    @Column(name = "patrol_factor")
    public Double patrolFactor;

    @Column(name = "area_m2", nullable = false)
    public double areaM2;

    @Column(name = "min_lon", nullable = false)
    public double minLon;

    @Column(name = "min_lat", nullable = false)
    public double minLat;

    @Column(name = "max_lon", nullable = false)
    public double maxLon;

    @Column(name = "max_lat", nullable = false)
    public double maxLat;

    /** WKB, WGS84. */
    @Column(nullable = false)
    public byte[] geometry;
}
