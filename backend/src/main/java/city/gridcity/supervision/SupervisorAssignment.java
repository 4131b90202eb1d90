package city.gridcity.supervision;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A supervisor's post: one management grid they patrol (定人、定岗). */
@Entity
@Table(name = "supervisor_assignment")
public class SupervisorAssignment extends TenantOwnedEntity {

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "management_grid_code", nullable = false, length = 32)
    public String managementGridCode;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "assigned_by", nullable = false, length = 64)
    public String assignedBy;
}
