package city.gridcity.cases;

import city.gridcity.shared.db.BulkInserts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A case's history: one immutable {@link CaseEvent} per accepted action (the database refuses updates
 * and deletes), and for each a {@link CaseChanged} fired inside the same transaction, which the
 * notifier and the case facts observe: what they write commits or rolls back with the change.
 */
@ApplicationScoped
public class CaseHistory {

    private final Event<CaseChanged> changes;
    private final EntityManager em;
    private final ObjectMapper json;
    private final BulkInserts inserts;

    CaseHistory(Event<CaseChanged> changes, EntityManager em, ObjectMapper json, BulkInserts inserts) {
        this.inserts = inserts;
        this.changes = changes;
        this.em = em;
        this.json = json;
    }

    /** What an event records besides the case's new state. */
    record Entry(CaseAction action, CaseState from, Actor actor, String role, String reason, Map<String, Object> data,
                 List<Long> photoIds, Instant at) {
    }

    /** The first event of a new case: its number is known without asking the database. */
    void first(CityCase c, Entry entry) {
        write(c, 1, entry);
    }

    void append(CityCase c, Entry entry) {
        int seq = ((Number) em.createQuery("select coalesce(max(e.seq), 0) from CaseEvent e where e.caseId = :id")
                .setParameter("id", c.id).getSingleResult()).intValue() + 1;
        write(c, seq, entry);
    }

    /**
     * An event of a case brought by a history import, at its place in the history: written like any other, but no
     * {@link CaseChanged} is fired, so no one is notified of what happened years ago.
     */
    CaseEvent quietly(CityCase c, int seq, Entry entry) {
        return store(c, seq, entry);
    }

    /** The history in order. */
    public List<CaseEvent> of(CityCase c) {
        return CaseEvent.list("caseId = ?1 order by seq", c.id);
    }

    private void write(CityCase c, int seq, Entry entry) {
        CaseEvent e = store(c, seq, entry);
        changes.fire(new CaseChanged(c.id, c.number, entry.action(), entry.from(), c.state, c.departmentCode,
                c.reporterId, c.sourceChannel, c.hotlineTicket, entry.at(), e.actorRole, e.data, e.actorId, c.triage,
                c.triagedBy));
    }

    private CaseEvent store(CityCase c, int seq, Entry entry) {
        CaseEvent e = new CaseEvent();
        e.caseId = c.id;
        e.seq = seq;
        e.action = entry.action().wireName();
        e.fromState = entry.from();
        e.toState = c.state;
        e.actorId = entry.actor().id();
        e.actorName = entry.actor().name();
        e.actorRole = entry.role();
        e.at = entry.at();
        e.reason = entry.reason() == null || entry.reason().isBlank() ? null : entry.reason().trim();
        e.data = entry.data() == null || entry.data().isEmpty() ? null : write(entry.data());
        e.photoIds = entry.photoIds().toArray(new Long[0]);
        inserts.insert(e);
        return e;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
