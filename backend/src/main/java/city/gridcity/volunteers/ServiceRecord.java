package city.gridcity.volunteers;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** Service time (志愿服务时长) for one piece of triage work: once per volunteer, case and kind of work, never changed. */
@Entity
@Immutable
@Table(name = "volunteer_service")
public class ServiceRecord extends TenantOwnedEntity {

    /** The kinds of work, named as the loop's actions. */
    public enum Work {
        CONFIRM, MERGE, MARK_INVALID, PERSUADE_FIX
    }

    @Column(name = "volunteer_id", nullable = false)
    public Long volunteerId;

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(name = "case_number", nullable = false, length = 32)
    public String caseNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Work work;

    @Column(nullable = false)
    public int minutes;

    @Column(nullable = false)
    public Instant at;
}
