package city.gridcity.citizen;

import city.gridcity.integration.outbox.ResidentInbox;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Residents' message lists in the current city. Every read names the user whose list it is. The outbox
 * delivers into them through {@link ResidentInbox}.
 */
@ApplicationScoped
public class ResidentMessages implements ResidentInbox {

    private final TenantContext tenant;
    private final EntityManager em;
    private final Clock clock;

    ResidentMessages(TenantContext tenant, EntityManager em, Clock clock) {
        this.tenant = tenant;
        this.em = em;
        this.clock = clock;
    }

    public record MessagePage(List<ResidentMessage> items, long total, long unread, int page, int size) {
    }

    /** The unique outbox message id decides whether a message is new, also between two workers racing. */
    @Override
    @Transactional
    public boolean deliver(Delivery d) {
        String city = tenant.tenantCode().orElseThrow(() -> new IllegalStateException("No city is selected"));
        int inserted = em.createNativeQuery("""
                INSERT INTO resident_message (tenant_id, user_id, outbox_message_id, event_type, aggregate_ref, summary,
                                              payload, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), ?8)
                ON CONFLICT (tenant_id, outbox_message_id) DO NOTHING""")
                .setParameter(1, city).setParameter(2, d.userId()).setParameter(3, d.outboxMessageId())
                .setParameter(4, d.eventType()).setParameter(5, d.aggregateRef()).setParameter(6, d.summary())
                .setParameter(7, d.payloadJson()).setParameter(8, d.createdAt())
                .executeUpdate();
        return inserted == 1;
    }

    /** A user's messages, newest first. */
    @Transactional
    public MessagePage list(long userId, int page, int size) {
        var query = ResidentMessage.<ResidentMessage>find("userId", Sort.descending("createdAt", "id"), userId);
        List<ResidentMessage> items = query.page(Page.of(page, size)).list();
        return new MessagePage(items, query.count(), unread(userId), page, size);
    }

    /** How many of the user's messages are unread: the count in the portal's header. */
    @Transactional
    public long unread(long userId) {
        return ResidentMessage.count("userId = ?1 and readAt is null", userId);
    }

    /**
     * Marks one of the user's messages read (again is harmless).
     *
     * @throws ProblemException 404 when the user has no such message (another's counts as none)
     */
    @Transactional
    public ResidentMessage markRead(long userId, long messageId) {
        ResidentMessage m = ResidentMessage.<ResidentMessage>find("id = ?1 and userId = ?2", messageId, userId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("Message " + messageId));
        if (m.readAt == null) {
            m.readAt = clock.instant();
        }
        return m;
    }
}
