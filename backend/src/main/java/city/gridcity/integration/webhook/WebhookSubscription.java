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

    /*
     * The receiver's health, written by the outbox worker in its own statements (never by this entity's
     * updates, so an administrator's edit cannot put back a count the worker has moved on from).
     */

    /** Failed deliveries since the last one that succeeded. */
    @Column(name = "consecutive_failures", insertable = false, updatable = false)
    public int consecutiveFailures;

    /** The first of those failures; null while the receiver answers. */
    @Column(name = "failing_since", insertable = false, updatable = false)
    public Instant failingSince;

    /** Until when no message is sent to it; null when it is not paused. */
    @Column(name = "paused_until", insertable = false, updatable = false)
    public Instant pausedUntil;

    /** The secret's end, enough for an administrator to tell which one a receiver holds. */
    public String secretHint() {
        return "…" + secret.substring(secret.length() - 4);
    }
}
