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
public class CaseEvent extends TenantOwned {

    /** Drawn from the table's sequence 50 at a time (V15), so intake can write its rows as batches. */
    @Id
    @SequenceGenerator(name = "case_event_ids", sequenceName = "case_event_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_event_ids")
    public Long id;

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
