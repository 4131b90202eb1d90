package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A target user's appeal against one deduction of a run (a case, an item, or a case of an item), decided once. */
@Entity
@Table(name = "assessment_appeal")
public class AssessmentAppeal extends TenantOwnedEntity {

    public enum Status {
        PENDING, UPHELD, REJECTED
    }

    @Column(name = "run_id", nullable = false)
    public long runId;

    @Column(name = "root_run_id", nullable = false)
    public long rootRunId;

    @Column(nullable = false, length = 64)
    public String target;

    @Column(name = "case_number", length = 40)
    public String caseNumber;

    @Column(name = "item_code", length = 40)
    public String itemCode;

    @Column(nullable = false, length = 2000)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "decision_reason", length = 2000)
    public String decisionReason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by", length = 64)
    public String decidedBy;

    /** The run version an upheld appeal made. */
    @Column(name = "result_run_id")
    public Long resultRunId;

    @Version
    public long version;
}
