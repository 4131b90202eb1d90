package city.gridcity.audit;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** One changed field of a city's configuration: who, when, what, before and after. */
@Entity
@Table(name = "admin_audit")
public class AdminAuditEntry extends TenantOwnedEntity {

    @Column(nullable = false)
    public Instant at;

    @Column(name = "by_user", nullable = false, length = 64)
    public String byUser;

    /** The part of the configuration: departments, users, calendar, workflow, supervision. */
    @Column(nullable = false, length = 32)
    public String area;

    /** What in it: a department's code, an account's username, a year, a source's code. */
    @Column(nullable = false, length = 100)
    public String subject;

    @Column(nullable = false, length = 64)
    public String field;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;
}
