package city.gridcity.grid;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One version of a city's grid, in force from {@link #effectiveFrom} until the next version. */
@Entity
@Table(name = "grid_layout")
public class GridLayout extends TenantOwnedEntity {

    @Column(nullable = false)
    public int version;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "imported_by", nullable = false, length = 64)
    public String importedBy;

    @Column(name = "district_count", nullable = false)
    public int districtCount;

    @Column(name = "street_count", nullable = false)
    public int streetCount;

    @Column(name = "community_count", nullable = false)
    public int communityCount;

    @Column(name = "management_count", nullable = false)
    public int managementCount;

    @Column(name = "unit_count", nullable = false)
    public int unitCount;

    @Column(name = "key_area_count", nullable = false)
    public int keyAreaCount;
}
