package city.gridcity.volunteers;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** A volunteer's tie to one community (服务社区): applied for, decided by the city's administrator, ended. */
@Entity
@Table(name = "volunteer_membership")
public class VolunteerMembership extends TenantOwnedEntity {

    public enum Status {
        PENDING, ACTIVE, DECLINED, ENDED
    }

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(name = "community_code", nullable = false, length = 12)
    public String communityCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Status status;

    @Column(length = 500)
    public String motivation;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    @Column(name = "decided_by")
    public Long decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note", length = 500)
    public String decisionNote;

    /** The administrator's decision or appointment; ending keeps the row as history. */
    void decide(Status outcome, long by, String note, Instant at) {
        status = outcome;
        decidedBy = by;
        decidedAt = at;
        decisionNote = note;
    }
}
