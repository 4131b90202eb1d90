package city.gridcity.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** A city's working periods ("08:30-12:00,13:30-17:30") and weekend days ("SATURDAY,SUNDAY"). */
@Entity
@Table(name = "calendar_settings")
public class CalendarSettings extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "working_periods", nullable = false, length = 200)
    public String workingPeriods;

    @Column(name = "weekend_days", nullable = false, length = 100)
    public String weekendDays;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    public String updatedBy;

    @Version
    public long version;
}
