package city.gridcity.catalog;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** In one district (6-digit code) or street (9-digit code), a subclass goes to another department. */
@Entity
@Table(name = "catalog_routing")
public class CatalogRouting extends TenantOwnedEntity {

    @Column(name = "class_id", nullable = false)
    public Long classId;

    @Column(name = "area_code", nullable = false, length = 9)
    public String areaCode;

    @Column(name = "department_code", nullable = false, length = 64)
    public String departmentCode;
}
