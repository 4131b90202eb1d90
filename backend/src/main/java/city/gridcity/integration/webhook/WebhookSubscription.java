package city.gridcity.integration.webhook;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A receiver of a city's events: a department's work-order system, a city dashboard. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends TenantOwnedEntity {

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false, length = 2000)
    public String url;

    /** Signs every delivery; the worker needs it in clear. Shown to the administrator only when made. */
    @Column(nullable = false, length = 100)
    public String secret;

    /** Event types, family wildcards ({@code case.*}) or {@code *}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    /** Only events addressed to this department; null for every event of the city. */
    @Column(name = "department_code", length = 64)
    public String departmentCode;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** The secret's end, enough for an administrator to tell which one a receiver holds. */
    public String secretHint() {
        return "…" + secret.substring(secret.length() - 4);
    }
}
