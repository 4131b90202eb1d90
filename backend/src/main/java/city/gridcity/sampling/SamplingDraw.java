package city.gridcity.sampling;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The record of one day's draw: its seed, the share in force, how many reports there were and how many were drawn. */
@Entity
@Table(name = "sampling_draw")
@org.hibernate.annotations.Immutable
public class SamplingDraw extends TenantOwnedEntity {

    @Column(nullable = false)
    public LocalDate day;

    @Column(nullable = false)
    public long seed;

    @Column(nullable = false, precision = 5, scale = 4)
    public BigDecimal share;

    @Column(name = "report_count", nullable = false)
    public int reportCount;

    @Column(name = "sample_count", nullable = false)
    public int sampleCount;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "drawn_at", nullable = false)
    public Instant drawnAt;

    @Column(name = "drawn_by", nullable = false, length = 64)
    public String drawnBy;
}
