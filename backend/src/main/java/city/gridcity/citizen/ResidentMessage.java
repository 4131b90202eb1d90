package city.gridcity.citizen;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A message in a resident's list on the portal, e.g. "your report was dispatched". */
@Entity
@Table(name = "resident_message")
public class ResidentMessage extends TenantOwnedEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    public Long userId;

    /** The outbox message it was delivered from: unique, so a repeated delivery adds nothing. */
    @Column(name = "outbox_message_id", nullable = false, updatable = false)
    public Long outboxMessageId;

    @Column(name = "event_type", nullable = false, length = 64, updatable = false)
    public String eventType;

    @Column(name = "aggregate_ref", nullable = false, length = 64, updatable = false)
    public String aggregateRef;

    @Column(nullable = false, length = 200, updatable = false)
    public String summary;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb", updatable = false)
    public String payload;

    /** When the event happened (not when the worker got round to delivering it). */
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;
}
