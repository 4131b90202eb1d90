package city.gridcity.calendar;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A city's working periods ("08:30-12:00,13:30-17:30") and weekend days ("SATURDAY,SUNDAY"). */
@Entity
@Table(name = "calendar_settings")
public class CalendarSettings extends TenantOwnedEntity {

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
