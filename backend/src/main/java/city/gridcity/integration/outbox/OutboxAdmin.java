package city.gridcity.integration.outbox;

import city.gridcity.shared.problem.ProblemException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the city administrator sees of the current city's outbox, and the one thing they may do: retry a dead message. */
@ApplicationScoped
public class OutboxAdmin {

    private final EntityManager em;
    private final Clock clock;

    private final city.gridcity.audit.AdminAudit audit;

    OutboxAdmin(EntityManager em, Clock clock, city.gridcity.audit.AdminAudit audit) {
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    public record MessagePage(List<OutboxMessage> items, long total, int page, int size) {
    }

    /** Messages, newest first, optionally of one status and channel. */
    @Transactional
    public MessagePage list(OutboxMessage.Status status, OutboxMessage.Channel channel, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (channel != null) {
            where.append(" and channel = :channel");
            params.put("channel", channel);
        }
        var query = OutboxMessage.<OutboxMessage>find(where.toString(), Sort.descending("createdAt", "id"), params);
        return new MessagePage(query.page(Page.of(page, size)).list(), query.count(), page, size);
    }

    @Transactional
    public Optional<OutboxMessage> find(long id) {
        return OutboxMessage.findByIdOptional(id);
    }

    /** How many messages are in each status (every status present, zero included). */
    @Transactional
    public Map<OutboxMessage.Status, Long> counts() {
        Map<OutboxMessage.Status, Long> counts = new EnumMap<>(OutboxMessage.Status.class);
        for (OutboxMessage.Status s : OutboxMessage.Status.values()) {
            counts.put(s, 0L);
        }
        em.createQuery("select m.status, count(m) from OutboxMessage m group by m.status", Object[].class)
                .getResultList().forEach(row -> counts.put((OutboxMessage.Status) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * Sends a dead message again from scratch: pending at once, with every attempt available and the same
     * idempotency key (a receiver that saw an earlier attempt still recognises it).
     *
     * @throws ProblemException 404 when the city has no such message; 409 when it is not dead, or its
     *         webhook subscription was deleted
     */
    @Transactional
    public OutboxMessage retry(long id) {
        OutboxMessage m = find(id).orElseThrow(() -> ProblemException.notFound("Outbox message " + id));
        if (m.status != OutboxMessage.Status.DEAD) {
            throw ProblemException.conflict("not-dead", "Only a dead message can be retried; message " + id + " is "
                    + m.status + (m.status == OutboxMessage.Status.PENDING ? " and will be tried again by itself." : "."));
        }
        if (m.channel == OutboxMessage.Channel.WEBHOOK && m.subscriptionId == null) {
            throw ProblemException.conflict("subscription-deleted", "The webhook subscription of message " + id
                    + " was deleted, so there is nowhere to send it.");
        }
        audit.changed(city.gridcity.audit.AdminAudit.Area.WEBHOOKS, "message #" + m.id, "retried", m.status,
                OutboxMessage.Status.PENDING);
        m.status = OutboxMessage.Status.PENDING;
        m.attempts = 0;
        m.nextAttemptAt = clock.instant();
        m.leaseToken = null;
        return m;
    }
}
