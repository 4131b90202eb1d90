package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The work queues: open cases of a queue's states, soonest deadline first, filtered by grid,
 * subclass, state and overdue, paged by a cursor. Each state (and, for a department, each way it
 * holds a case) is read from its own index range in deadline order and the ranges are merged, so the
 * first page costs the same with a hundred open cases or a hundred thousand.
 */
@ApplicationScoped
public class CaseQueries {

    public static final int MAX_PAGE = 200;

    private final EntityManager em;
    private final VolunteerCommunities volunteers;
    private final GridQueries grids;

    CaseQueries(EntityManager em, VolunteerCommunities volunteers, GridQueries grids) {
        this.em = em;
        this.volunteers = volunteers;
        this.grids = grids;
    }

    /** Filters of a queue; null means any. {@code grid} is the code of any level: its cases are beneath it. */
    public record Filter(String grid, CatalogClass.Kind kind, String classCode, CaseState state, Boolean overdue) {
    }

    /** One line of a queue. */
    public record Line(long id, String number, CaseState state, CatalogClass.Kind kind, String classCode, String className,
                       String unitCode, String address, boolean keyClass, CityCase.Priority priority,
                       CaseState.Phase phase, Instant deadline, boolean overdue, String departmentCode,
                       Instant reportedAt) {
    }

    /** The refusal of a grid filter naming no grid of the city (another city's code included): 400 on field {@code grid}. */
    public static ProblemException unknownGrid(String code) {
        String fix = "no grid of this city has the code " + code + "; pick a district, street, community or management grid "
                + "by name (GET /api/v1/grid/units lists them)";
        return new ProblemException(400, "unknown-grid", "Unknown grid", "grid: " + fix,
                List.of(new Problem.FieldError("grid", fix)), null);
    }

    /** A page and the cursor of the next one ({@code null} at the end). */
    public record Page(List<Line> items, String next) {
    }

    /**
     * A page of the queue for the actor.
     *
     * @throws ProblemException 403 when the actor's roles do not work this queue; 400 for a bad filter or cursor
     */
    @Transactional
    public Page queue(CaseQueue queue, Actor actor, Filter filter, String after, int limit) {
        checkWorks(queue, actor);
        if (filter.state() != null && !queue.states().contains(filter.state())) {
            throw ProblemException.invalid("state", "the " + queue.wireName() + " queue holds "
                    + queue.states().stream().map(Enum::name).toList());
        }
        if (filter.grid() != null && !filter.grid().matches("^[0-9]{6,17}$")) {
            throw ProblemException.invalid("grid", "give a district, street, community, management or unit grid code");
        }
        if (filter.grid() != null && grids.levelOf(filter.grid()).filter(l -> l != GridLevel.KEY_AREA).isEmpty()) {
            // A code the city never had would only give an empty queue, which reads as "nothing to do".
            throw unknownGrid(filter.grid());
        }
        if (filter.classCode() != null && !filter.classCode().matches("^[0-9]{4}$")) {
            throw ProblemException.invalid("classCode", "give a 4-digit subclass code");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalid("limit", "from 1 to " + MAX_PAGE);
        }
        Cursor cursor = Cursor.parse(after);
        List<CaseState> states = filter.state() == null ? queue.states() : List.of(filter.state());
        boolean byDepartment = queue == CaseQueue.DISPOSAL;
        List<String> communities = queue == CaseQueue.TRIAGE ? triaged(actor) : List.of();
        if (queue == CaseQueue.TRIAGE && communities.isEmpty()) {
            return new Page(List.of(), null);
        }
        String key = sortKey(queue);
        String columns = COLUMNS + ", " + key + " AS sort_key";
        String keyset = " AND (" + key + ", id) > (:afterDeadline, :afterId)";
        String order = " ORDER BY " + key + ", id";
        boolean local = queue == CaseQueue.LOCAL;
        String scope = (byDepartment ? " AND department_code = :dept" : "") + (queue == CaseQueue.TRIAGE ? TRIAGE_SCOPE : "")
                + (local ? LOCAL_SCOPE : "");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String centre = centreOnly(queue, states.get(i)) ? NOT_LOCAL : "";
            if (queue == CaseQueue.ACCEPTANCE) {
                // Confirmed reports first, each group read in deadline order from its own index (the shifted key
                // is only the answer's sort key: the comparison moves the cursor, not the column, so the
                // indexes' order serves), then merged.
                parts.add("(SELECT " + columns + " FROM city_case WHERE is_open AND state = :s" + i
                        + " AND triage = 'CONFIRMED'" + centre + filters(filter) + " AND (" + DEADLINE_FIRST + ", id) > "
                        + "(CAST(:afterDeadline AS timestamptz) + interval '1000 years', :afterId) ORDER BY " + DEADLINE_FIRST + ", id LIMIT :lim)");
                parts.add("(SELECT " + columns + " FROM city_case WHERE is_open AND state = :s" + i
                        + " AND triage IS DISTINCT FROM 'CONFIRMED'" + centre + filters(filter) + " AND (" + DEADLINE_FIRST
                        + ", id) > (:afterDeadline, :afterId) ORDER BY " + DEADLINE_FIRST + ", id LIMIT :lim)");
                continue;
            }
            parts.add("(SELECT " + columns + " FROM city_case WHERE is_open AND state = :s" + i
                    + scope + centre + filters(filter) + keyset + order + " LIMIT :lim)");
        }
        if (byDepartment) {
            // Cases the department was called in to by a whistle, led by another department.
            parts.add("(SELECT " + columns + " FROM city_case WHERE is_open AND state = 'COORDINATING' "
                    + "AND department_code IS DISTINCT FROM :dept AND id IN (SELECT case_id FROM case_participant "
                    + "WHERE department_code = :dept)" + filters(filter) + keyset + order + " LIMIT :lim)");
        }
        Query q = em.createNativeQuery("SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") q"
                + " ORDER BY sort_key, id LIMIT :lim");
        for (int i = 0; i < states.size(); i++) {
            q.setParameter("s" + i, states.get(i).name());
        }
        q.setParameter("afterDeadline", cursor.deadline());
        q.setParameter("afterId", cursor.id());
        if (byDepartment || local) {
            q.setParameter("dept", actor.departmentCode());
        }
        if (!communities.isEmpty()) {
            q.setParameter("communities", communities);
            q.setParameter("volunteer", actor.id());
        }
        q.setParameter("lim", limit + 1);
        bindFilters(q, filter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            lines.add(line(rows.get(i)));
        }
        String next = null;
        if (rows.size() > limit) {
            Object[] last = rows.get(limit - 1);
            next = Cursor.of(instant(last[15]), ((Number) last[0]).longValue());
        }
        return new Page(lines, next);
    }

    /** How many open cases a queue holds for the actor, and how many of those are overdue. */
    public record Count(long total, long overdue) {
    }

    /**
     * The size of the queue for the actor: what a summary of one's work shows before its first page.
     *
     * @throws ProblemException 403 when the actor's roles do not work this queue
     */
    @Transactional
    public Count count(CaseQueue queue, Actor actor) {
        checkWorks(queue, actor);
        boolean byDepartment = queue == CaseQueue.DISPOSAL;
        List<String> communities = queue == CaseQueue.TRIAGE ? triaged(actor) : List.of();
        if (queue == CaseQueue.TRIAGE && communities.isEmpty()) {
            return new Count(0, 0);
        }
        boolean local = queue == CaseQueue.LOCAL;
        List<String> centreStates = queue.states().stream().filter(s -> centreOnly(queue, s)).map(Enum::name).toList();
        String where = byDepartment
                ? "(state IN (:states) AND department_code = :dept) OR (state = 'COORDINATING' AND department_code "
                + "IS DISTINCT FROM :dept AND id IN (SELECT case_id FROM case_participant WHERE department_code = :dept))"
                : "state IN (:states)" + (queue == CaseQueue.TRIAGE ? TRIAGE_SCOPE : "") + (local ? LOCAL_SCOPE : "")
                + (centreStates.isEmpty() ? "" : " AND NOT (local_loop AND state IN (:centreStates))");
        Query q = em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE overdue) FROM city_case WHERE is_open AND ("
                + where + ")");
        q.setParameter("states", queue.states().stream().map(Enum::name).toList());
        if (!centreStates.isEmpty()) {
            q.setParameter("centreStates", centreStates);
        }
        if (byDepartment || local) {
            q.setParameter("dept", actor.departmentCode());
        }
        if (!communities.isEmpty()) {
            q.setParameter("communities", communities);
            q.setParameter("volunteer", actor.id());
        }
        Object[] row = (Object[]) q.getSingleResult();
        return new Count(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    private static void checkWorks(CaseQueue queue, Actor actor) {
        if (queue.roles().stream().noneMatch(actor.roles()::contains)) {
            throw ProblemException.forbidden("queue-not-yours", "The " + queue.wireName() + " queue (" + queue.labelZh()
                    + ") is worked by " + queue.roles().stream().map(Role::wireName).sorted().toList() + ".");
        }
        if ((queue == CaseQueue.DISPOSAL || queue == CaseQueue.LOCAL) && actor.departmentCode() == null) {
            throw ProblemException.forbidden("no-department", "Your account belongs to no department; ask the "
                    + "administrator to set it.");
        }
    }

    private static final String COLUMNS = "id, number, state, kind, class_code, class_name, unit_code, address, key_class, "
            + "priority, phase, phase_deadline, overdue, department_code, reported_at";

    /** Soonest deadline first; a suspended case has none and comes last. The queue indexes hold this order. */
    private static final String DEADLINE_FIRST = "coalesce(phase_deadline, 'infinity'::timestamptz)";
    /**
     * The acceptor takes the reports a volunteer confirmed on site first, each group soonest deadline first:
     * a confirmed report's key is its deadline moved a thousand years back, so one ascending key and cursor serve.
     */
    private static final String CONFIRMED_FIRST = "(coalesce(phase_deadline, 'infinity'::timestamptz) "
            + "- CASE WHEN triage = 'CONFIRMED' THEN interval '1000 years' ELSE interval '0' END)";
    /** A volunteer sees the newest report first: the key falls as the report time rises. */
    private static final String NEWEST_FIRST = "('3000-01-01T00:00:00Z'::timestamptz - (reported_at - 'epoch'::timestamptz))";
    /** A volunteer's queue: residents' reports of the communities they serve, but not their own. */
    private static final String TRIAGE_SCOPE = " AND source_channel = 'RESIDENT' AND community_code IN (:communities)"
            + " AND reporter_id IS DISTINCT FROM :volunteer";

    /** The local unit's queue: the cases in the local loop of the handler's department. */
    private static final String LOCAL_SCOPE = " AND local_loop AND local_unit_code = :dept";
    private static final String NOT_LOCAL = " AND NOT local_loop";

    /**
     * Whether a centre queue leaves out the cases of a state that are in a local loop: the local unit files, dispatches
     * and verifies them (二级闭环), so they wait in its queue, not the centre's.
     */
    private static boolean centreOnly(CaseQueue queue, CaseState state) {
        return (queue == CaseQueue.ACCEPTANCE || queue == CaseQueue.DISPATCH || queue == CaseQueue.VERIFICATION)
                && CaseQueue.LOCAL.states().contains(state);
    }

    private static String sortKey(CaseQueue queue) {
        return switch (queue) {
            case ACCEPTANCE -> CONFIRMED_FIRST;
            case TRIAGE -> NEWEST_FIRST;
            default -> DEADLINE_FIRST;
        };
    }

    private List<String> triaged(Actor actor) {
        return actor.id() == null ? List.of() : volunteers.of(actor.id()).stream().sorted().toList();
    }

    private static String filters(Filter f) {
        StringBuilder sql = new StringBuilder();
        if (f.grid() != null) {
            sql.append(" AND unit_code LIKE :grid");
        }
        if (f.kind() != null) {
            sql.append(" AND kind = :kind");
        }
        if (f.classCode() != null) {
            sql.append(" AND class_code = :cls");
        }
        if (f.overdue() != null) {
            sql.append(" AND overdue = :overdue");
        }
        return sql.toString();
    }

    private static void bindFilters(Query q, Filter f) {
        if (f.grid() != null) {
            q.setParameter("grid", f.grid() + "%");
        }
        if (f.kind() != null) {
            q.setParameter("kind", f.kind().name());
        }
        if (f.classCode() != null) {
            q.setParameter("cls", f.classCode());
        }
        if (f.overdue() != null) {
            q.setParameter("overdue", f.overdue());
        }
    }

    private static Line line(Object[] r) {
        return new Line(((Number) r[0]).longValue(), (String) r[1], CaseState.valueOf((String) r[2]),
                CatalogClass.Kind.valueOf((String) r[3]), (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                (Boolean) r[8], CityCase.Priority.valueOf((String) r[9]),
                r[10] == null ? null : CaseState.Phase.valueOf((String) r[10]), r[11] == null ? null : instant(r[11]),
                (Boolean) r[12], (String) r[13], instant(r[14]));
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** Where the next page starts: after this deadline (epoch microseconds) and id. Opaque to clients. */
    record Cursor(OffsetDateTime deadline, long id) {

        static Cursor parse(String after) {
            if (after == null || after.isBlank()) {
                // Before every key, a confirmed report's (its deadline a thousand years back) included.
                return new Cursor(OffsetDateTime.parse("0001-01-01T00:00:00Z"), 0);
            }
            try {
                String[] parts = after.split("_", 2);
                Instant at = "end".equals(parts[0]) ? null
                        : Instant.EPOCH.plus(Long.parseLong(parts[0]), java.time.temporal.ChronoUnit.MICROS);
                // The driver sends OffsetDateTime.MAX as PostgreSQL's 'infinity': the suspended cases at the end.
                return new Cursor(at == null ? OffsetDateTime.MAX : at.atOffset(java.time.ZoneOffset.UTC),
                        Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("after", "use the 'next' value of the previous page as it is");
            }
        }

        static String of(Instant deadline, long id) {
            boolean infinite = deadline == null || deadline.isAfter(Instant.parse("+100000-01-01T00:00:00Z"));
            // In microseconds, as the database keeps deadlines: in milliseconds the page's last row came again.
            return (infinite ? "end" : String.valueOf(java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, deadline)))
                    + "_" + id;
        }
    }
}
