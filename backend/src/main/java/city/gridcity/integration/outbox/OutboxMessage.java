package city.gridcity.integration.outbox;

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
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One notification to one receiver, written in the transaction of the change that caused it and
 * delivered afterwards by {@link OutboxWorker}. Its state changes only through conditional updates
 * (claim, result, retry), so two workers never overwrite each other's outcome.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends TenantOwned {

    /** Drawn from the table's sequence 50 at a time (V15), so intake can write its rows as batches. */
    @Id
    @SequenceGenerator(name = "outbox_message_ids", sequenceName = "outbox_message_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_message_ids")
    public Long id;

    public enum Status {
        PENDING, DELIVERED, DEAD
    }

    public enum Channel {
        WEBHOOK, RESIDENT
    }

    /** Sent with every attempt, so a receiver that remembers it processes a retried delivery once. */
    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public UUID idempotencyKey;

    @Column(name = "event_type", nullable = false, length = 64, updatable = false)
    public String eventType;

    @Column(name = "aggregate_ref", nullable = false, length = 64, updatable = false)
    public String aggregateRef;

    @Column(length = 200, updatable = false)
    public String summary;

    /** The event's data as a JSON object. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb", updatable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    public Channel channel;

    /** The webhook subscription; null for a resident, or once the subscription was deleted. */
    @Column(name = "subscription_id")
    public Long subscriptionId;

    @Column(name = "resident_user_id", updatable = false)
    public Long residentUserId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    /** When the message is due next; while a worker holds it, the end of that worker's lease. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** The claim of the worker holding it, if one does. */
    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_error", length = 1000)
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
