package city.gridcity.integration.outbox;

import city.gridcity.department.DepartmentService;
import city.gridcity.identity.UserService;
import city.gridcity.integration.EventTypes;
import city.gridcity.integration.webhook.WebhookSubscriptions;
import city.gridcity.shared.db.BulkInserts;
import city.gridcity.tenancy.TenantContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where features say "tell them": {@link #enqueue} writes one outbox message per receiver in the
 * caller's transaction, so the notification exists exactly when the business change does. The
 * {@link OutboxWorker} delivers it afterwards, at least once, with the same idempotency key on every
 * attempt.
 */
@ApplicationScoped
public class Outbox {

    /** A webhook body stays well below what receivers accept; larger data belongs behind a link. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final TenantContext tenant;
    private final WebhookSubscriptions subscriptions;
    private final DepartmentService departments;
    private final UserService users;
    private final ObjectMapper json;
    private final Clock clock;
    private final BulkInserts inserts;

    Outbox(TenantContext tenant, WebhookSubscriptions subscriptions, DepartmentService departments, UserService users,
           ObjectMapper json, Clock clock, BulkInserts inserts) {
        this.inserts = inserts;
        this.tenant = tenant;
        this.subscriptions = subscriptions;
        this.departments = departments;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Enqueues a notification for its recipients, in the current city, inside the caller's transaction
     * (there must be one: the messages commit or roll back with the caller's change). Webhook
     * recipients resolve now to the matching active subscriptions; a subscription matched through
     * several recipients gets one message. No matching subscription means no webhook message.
     *
     * @param notification what happened; see {@link Notification} for the limits
     * @param recipients departments, the city's subscribers, residents; at least one
     * @return one entry per message written (possibly none)
     * @throws jakarta.transaction.TransactionalException when called outside a transaction
     * @throws IllegalArgumentException for an unknown event type, department or user, a missing
     *         summary for a resident, a payload that is not a JSON object or is too large: the
     *         caller's mistake, so the caller's transaction fails
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Enqueued> enqueue(Notification notification, Recipient... recipients) {
        tenant.requireTenantId();
        String payload = check(notification, recipients);
        Set<String> departmentCodes = new LinkedHashSet<>();
        boolean webhooks = false;
        Set<Long> residents = new LinkedHashSet<>();
        for (Recipient r : recipients) {
            if (r instanceof Recipient.Department d) {
                if (d.code() == null || departments.find(d.code()).isEmpty()) {
                    throw new IllegalArgumentException("No department '" + d.code() + "' in city " + city());
                }
                departmentCodes.add(d.code());
                webhooks = true;
            } else if (r instanceof Recipient.CitySubscribers) {
                webhooks = true;
            } else if (r instanceof Recipient.Resident u) {
                if (users.find(u.userId()).isEmpty()) {
                    throw new IllegalArgumentException("No user " + u.userId() + " in city " + city());
                }
                residents.add(u.userId());
            } else {
                throw new IllegalArgumentException("No recipient given");
            }
        }
        Instant now = clock.instant();
        List<Enqueued> written = new ArrayList<>();
        if (webhooks) {
            for (long subscription : subscriptions.matching(notification.eventType(), departmentCodes)) {
                written.add(write(notification, payload, OutboxMessage.Channel.WEBHOOK, subscription, null, now));
            }
        }
        for (Long userId : residents) {
            written.add(write(notification, payload, OutboxMessage.Channel.RESIDENT, null, userId, now));
        }
        return written;
    }

    private String city() {
        return tenant.tenantCode().orElseThrow();
    }

    private Enqueued write(Notification n, String payload, OutboxMessage.Channel channel, Long subscriptionId,
                           Long residentUserId, Instant now) {
        OutboxMessage m = new OutboxMessage();
        m.idempotencyKey = UUID.randomUUID();
        m.eventType = n.eventType();
        m.aggregateRef = n.aggregateRef();
        m.summary = n.summary();
        m.payload = payload;
        m.channel = channel;
        m.subscriptionId = subscriptionId;
        m.residentUserId = residentUserId;
        m.status = OutboxMessage.Status.PENDING;
        m.attempts = 0;
        m.nextAttemptAt = now;
        m.createdAt = now;
        inserts.insert(m);
        return new Enqueued(m.id, m.idempotencyKey, channel, subscriptionId, residentUserId);
    }

    /** Checks the notification and returns its payload as JSON text. */
    private String check(Notification n, Recipient[] recipients) {
        if (n == null) {
            throw new IllegalArgumentException("No notification given");
        }
        if (recipients == null || recipients.length == 0) {
            throw new IllegalArgumentException("Name at least one recipient of " + n.eventType());
        }
        if (!EventTypes.isKnown(n.eventType())) {
            throw new IllegalArgumentException("Unknown event type '" + n.eventType() + "'; add it to EventTypes or use one of "
                    + EventTypes.KNOWN.keySet());
        }
        if (n.aggregateRef() == null || n.aggregateRef().isBlank() || n.aggregateRef().length() > 64) {
            throw new IllegalArgumentException("The aggregate reference (e.g. the case number) is required, at most 64 characters");
        }
        if (n.summary() != null && n.summary().length() > 200) {
            throw new IllegalArgumentException("The summary is at most 200 characters");
        }
        for (Recipient r : recipients) {
            if (r instanceof Recipient.Resident && (n.summary() == null || n.summary().isBlank())) {
                throw new IllegalArgumentException("A notification to a resident needs a summary: it is what their message list shows");
            }
        }
        JsonNode tree = n.payload() == null ? json.createObjectNode() : json.valueToTree(n.payload());
        if (!tree.isObject()) {
            throw new IllegalArgumentException("The payload must be a JSON object (a record or a map), not " + tree.getNodeType());
        }
        String text = tree.toString();
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("The payload is larger than " + MAX_PAYLOAD_BYTES + " bytes as JSON");
        }
        return text;
    }
}
