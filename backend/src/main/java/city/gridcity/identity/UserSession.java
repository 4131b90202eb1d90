package city.gridcity.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A city user's sign-in. */
@Entity
@Table(name = "user_session")
public class UserSession extends SessionRecord {

    /** The city's code, filled by Hibernate from the current city. */
    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public Long userId;
}
