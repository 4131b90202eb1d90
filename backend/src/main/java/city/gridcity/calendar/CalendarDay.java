package city.gridcity.calendar;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A day that differs from the weekly pattern: a public holiday, or a make-up working day (调休). */
@Entity
@Table(name = "calendar_day")
public class CalendarDay extends TenantOwnedEntity {

    /** What kind of exception the day is. */
    public enum Kind {
        HOLIDAY, WORKDAY
    }

    @Column(nullable = false)
    public LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    public String updatedBy;
}
