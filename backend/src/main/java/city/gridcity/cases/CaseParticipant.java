package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A department called in by a coordination whistle: it reports to the case (报到), acts and reports back. */
@Entity
@Table(name = "case_participant")
public class CaseParticipant extends TenantOwnedEntity {

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(name = "department_code", nullable = false, length = 64)
    public String departmentCode;

    @Column(name = "called_at", nullable = false)
    public Instant calledAt;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(length = 2000)
    public String report;
}
