package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One accepted action on a case, appended and never changed (the database refuses updates and
 * deletes from the service's role): who, in which role, when, from which state to which, why.
 */
@Entity
@Immutable
@Table(name = "case_event")
public class CaseEvent extends TenantOwnedEntity {

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(nullable = false)
    public int seq;

    @Column(nullable = false, length = 32)
    public String action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", length = 24)
    public CaseState fromState;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, length = 24)
    public CaseState toState;

    @Column(name = "actor_id")
    public Long actorId;

    @Column(name = "actor_name", nullable = false, length = 100)
    public String actorName;

    @Column(name = "actor_role", nullable = false, length = 32)
    public String actorRole;

    @Column(nullable = false)
    public Instant at;

    @Column(length = 1000)
    public String reason;

    /** Action details: the department dispatched to, the filing condition, the extension asked... */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column
    public String data;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "photo_ids", nullable = false)
    public Long[] photoIds = new Long[0];
}
