package city.gridcity.sampling;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/** A city's sampling rule: the share of each day's district supervisor reports drawn, and the judging deadline. */
@Entity
@Table(name = "sampling_settings")
public class SamplingSettings extends TenantOwnedEntity {

    @Column(nullable = false, precision = 5, scale = 4)
    public BigDecimal share;

    @Column(name = "judge_working_days", nullable = false)
    public int judgeWorkingDays;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    public String updatedBy;

    @Version
    public long version;
}
