package city.gridcity.cases.facts;

import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseEvent;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CityCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recomputes the facts of the current city's cases from their history (events in order, phase
 * rows, report-time columns) and writes the rows that differ. The projector and this replay share
 * {@link CaseFactsFold}, so a rebuild of a healthy city changes nothing; a row that was lost or
 * damaged is repaired.
 */
@ApplicationScoped
public class CaseFactsRebuild {

    static final int BATCH = 200;
    private static final int MAX_EXAMPLES = 20;

    /** The columns of a facts row, in declaration order: what a rebuild compares. */
    private static final List<Field> COLUMNS = Arrays.stream(CaseFacts.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers()))
            .filter(f -> f.isAnnotationPresent(Column.class) || f.isAnnotationPresent(Id.class))
            .filter(f -> !f.getName().equals("tenantId"))
            .toList();

    /** One row that differed from its history, and the fields that did. */
    public record Difference(String number, List<String> fields) {
    }

    /**
     * What a rebuild did: cases recomputed, rows that differed (changed or missing; each was
     * rewritten), of those missing, and up to 20 examples.
     */
    public record Result(int rebuilt, int differed, int missing, List<Difference> examples) {
    }

    private final EntityManager em;
    private final CaseFactsFold.Lookups lookups;
    private final ObjectMapper json;

    CaseFactsRebuild(EntityManager em, CityLookups lookups, ObjectMapper json) {
        this.em = em;
        this.lookups = lookups;
        this.json = json;
    }

    /**
     * Rebuilds every case of the current city, {@value #BATCH} cases per transaction. Each batch
     * holds its cases' rows shared, so an action on one of them waits for the batch instead of
     * changing history under it. Must not run inside a transaction (it opens its own).
     */
    public Result rebuildAll() {
        long after = 0;
        int rebuilt = 0;
        int differed = 0;
        int missing = 0;
        List<Difference> examples = new ArrayList<>();
        while (true) {
            long from = after;
            Batch batch = QuarkusTransaction.requiringNew().call(() -> batch(from, examples));
            if (batch.rebuilt() == 0) {
                return new Result(rebuilt, differed, missing, List.copyOf(examples));
            }
            rebuilt += batch.rebuilt();
            differed += batch.differed();
            missing += batch.missing();
            after = batch.lastId();
        }
    }

    private record Batch(long lastId, int rebuilt, int differed, int missing) {
    }

    private Batch batch(long after, List<Difference> examples) {
        List<CityCase> cases = CityCase.<CityCase>find("id > ?1 order by id", after)
                .withLock(LockModeType.PESSIMISTIC_READ).page(0, BATCH).list();
        if (cases.isEmpty()) {
            return new Batch(after, 0, 0, 0);
        }
        List<Long> ids = cases.stream().map(c -> c.id).toList();
        Map<Long, List<CaseEvent>> events = CaseEvent.<CaseEvent>list("caseId in ?1 order by caseId, seq", ids).stream()
                .collect(Collectors.groupingBy(e -> e.caseId));
        Map<Long, List<CasePhase>> phases = CasePhase.<CasePhase>list("caseId in ?1", ids).stream()
                .collect(Collectors.groupingBy(p -> p.caseId));
        Map<Long, CaseFacts> stored = CaseFacts.<CaseFacts>list("caseId in ?1", ids).stream()
                .collect(Collectors.toMap(f -> f.caseId, Function.identity()));
        int differed = 0;
        int missing = 0;
        for (CityCase c : cases) {
            CaseFacts fresh = compute(c, events.getOrDefault(c.id, List.of()), phases.getOrDefault(c.id, List.of()));
            CaseFacts old = stored.get(c.id);
            if (old == null) {
                missing++;
                differed++;
                fresh.persist();
                note(examples, new Difference(c.number, List.of("(missing)")));
                continue;
            }
            List<String> fields = differences(old, fresh);
            if (!fields.isEmpty()) {
                differed++;
                fresh.tenantId = old.tenantId;
                em.merge(fresh);
                note(examples, new Difference(c.number, fields));
            }
        }
        return new Batch(ids.get(ids.size() - 1), cases.size(), differed, missing);
    }

    /** Makes and stores the facts of one case of the current city from its history, inside the caller's transaction. */
    void recomputeOne(long caseId) {
        CityCase c = em.find(CityCase.class, caseId);
        compute(c, CaseEvent.list("caseId = ?1 order by seq", caseId), CasePhase.list("caseId", caseId)).persist();
    }

    /**
     * Makes and stores the facts of a case of the current city that was just written whole, from its events (in seq
     * order, the report first) and all its phase rows as the writer holds them: how an imported case gets its row,
     * by the same fold as a rebuild, without reading back what was just written.
     */
    public void recompute(CityCase c, List<CaseEvent> history, List<CasePhase> phaseRows) {
        compute(c, history, phaseRows).persist();
    }

    /** The facts of a case from its events (in seq order, the report first) and its phase rows. */
    CaseFacts compute(CityCase c, List<CaseEvent> history, List<CasePhase> phaseRows) {
        if (history.isEmpty()) {
            throw new IllegalStateException("Case " + c.number + " has no events");
        }
        CaseFacts f = CaseFactsFold.start(c, step(history.get(0)));
        for (CaseEvent e : history.subList(1, history.size())) {
            CaseFactsFold.apply(f, step(e), lookups);
        }
        CaseFactsFold.phases(f, phaseRows);
        return f;
    }

    private CaseFactsFold.Step step(CaseEvent e) {
        CaseAction action = CaseAction.fromWireName(e.action)
                .orElseThrow(() -> new IllegalStateException("Unknown action '" + e.action + "' in case event " + e.id));
        return new CaseFactsFold.Step(action, e.fromState, e.toState, e.at, e.actorRole, data(e), e.actorId);
    }

    /** An event's data as a map; empty when it has none. */
    Map<String, Object> data(CaseEvent e) {
        return data(e.data);
    }

    /** An event's data as the history stored it (JSON), read the same way live and in a rebuild. */
    Map<String, Object> data(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(stored, Map.class);
            return map;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Unreadable case event data: " + stored, ex);
        }
    }

    /** The names of the columns in which two facts rows differ. */
    static List<String> differences(CaseFacts a, CaseFacts b) {
        List<String> names = new ArrayList<>();
        for (Field field : COLUMNS) {
            try {
                if (!same(field.get(a), field.get(b))) {
                    names.add(field.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    private static boolean same(Object x, Object y) {
        if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
            return bx.compareTo(by) == 0;
        }
        if (x instanceof Object[] ax && y instanceof Object[] ay) {
            return Arrays.equals(ax, ay);
        }
        return Objects.equals(x, y);
    }

    private static void note(List<Difference> examples, Difference d) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(d);
        }
    }
}
