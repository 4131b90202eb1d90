package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A resident's satisfaction rating (满意度评价) of a closed case they reported or followed: once per
 * resident and case, never changed (the database refuses updates and deletes from the service's role).
 */
@Entity
@Immutable
@Table(name = "case_rating")
public class CaseRating extends TenantOwnedEntity {

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(nullable = false)
    public boolean solved;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public Satisfaction satisfaction;

    @Column(length = 500)
    public String comment;

    @Column(name = "photo_id")
    public Long photoId;

    @Column(name = "rated_at", nullable = false)
    public Instant ratedAt;
}
