package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a time-limited phase; rework and re-dispatch start a new attempt of the phase. */
@Entity
@Table(name = "case_phase")
public class CasePhase extends TenantOwned {

    /** Drawn from the table's sequence 50 at a time (V15), so intake can write its rows as batches. */
    @Id
    @SequenceGenerator(name = "case_phase_ids", sequenceName = "case_phase_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_phase_ids")
    public Long id;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CaseState.Phase phase;

    @Column(nullable = false)
    public int attempt;

    /** For disposal: the department the limit ran against. */
    @Column(name = "department_code", length = 64)
    public String departmentCode;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(nullable = false)
    public Instant deadline;

    /** Emergencies count natural time; everything else the city's working time. */
    @Column(name = "natural_time", nullable = false)
    public boolean naturalTime;

    @Column(name = "extended_by", length = 40)
    public String extendedBy;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "remaining_seconds")
    public Long remainingSeconds;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "on_time")
    public Boolean onTime;

    @Column(name = "overdue_at")
    public Instant overdueAt;
}
