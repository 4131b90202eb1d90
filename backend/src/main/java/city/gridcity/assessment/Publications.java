package city.gridcity.assessment;

import city.gridcity.calendar.CalendarService;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Publication (公布) of a run's results after its appeal window: the newest version's ranking per group with the
 * outcomes of the scheme's reward and accountability rules ({@code publication.rules}), stored as published and
 * shown to the city's staff and on its public portal; exportable as CSV and XLSX. Tenant: the current city.
 */
@ApplicationScoped
public class Publications {

    /** A target's line: its rank in its group, total and the outcomes its rules gave it (COMMEND, ACCOUNT...). */
    public record Line(String target, String name, int rank, BigDecimal total, List<String> outcomes) {
    }

    public record Group(String code, String name, List<Line> lines) {
    }

    public record View(long id, long run, long root, int version, String scheme, String schemeName, LocalDate from,
                       LocalDate to, Instant publishedAt, String publishedBy, List<Group> groups) {
    }

    private final Runs runs;
    private final Appeals appeals;
    private final CalendarService calendar;
    private final ObjectMapper json;
    private final Clock clock;

    Publications(Runs runs, Appeals appeals, CalendarService calendar, ObjectMapper json, Clock clock) {
        this.runs = runs;
        this.appeals = appeals;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Publishes the run {@code runId}, which must be its family's newest version, once its appeal window has closed
     * and no appeal is pending.
     *
     * @throws ProblemException 404 for a run the city does not have; 409 naming {@code run}: the window still open, a
     *                          newer version, pending appeals, already published. Nothing is stored then.
     */
    @Transactional
    public View publish(long runId, String by) {
        Runs.Summary run = runs.one(runId).orElseThrow(() -> ProblemException.notFound("Run " + runId));
        LocalDate today = calendar.today();
        if (run.appealUntil() != null && !today.isAfter(run.appealUntil())) {
            throw ProblemException.conflict("appeal-window-open", "run", "The appeal window of run " + runId
                    + " is open until the end of " + run.appealUntil() + "; publish from " + run.appealUntil().plusDays(1)
                    + " on.");
        }
        Appeals.lock(run.root());
        Runs.Summary latest = runs.latest(runId).orElseThrow();
        if (latest.id() != runId) {
            throw ProblemException.conflict("newer-version", "run", "Run " + runId + " is version " + run.version()
                    + "; publish the newest version, run " + latest.id() + " (version " + latest.version() + ").");
        }
        long pending = appeals.ofFamily(run.root()).stream()
                .filter(a -> a.status() == AssessmentAppeal.Status.PENDING).count();
        if (pending > 0) {
            throw ProblemException.conflict("appeals-pending", "run", pending + " appeal(s) of this run wait for a "
                    + "decision; decide them first.");
        }
        if (AssessmentPublication.count("rootRunId", run.root()) > 0) {
            throw ProblemException.conflict("already-published", "run", "This run is already published.");
        }
        Runs.Result result = runs.result(runId).orElseThrow();
        AssessmentPublication p = new AssessmentPublication();
        p.runId = runId;
        p.rootRunId = run.root();
        p.schemeCode = result.scheme().code();
        p.schemeName = result.scheme().name();
        p.periodFrom = run.from();
        p.periodTo = run.to();
        p.ranking = write(groups(result));
        p.publishedAt = clock.instant();
        p.publishedBy = by;
        p.persist();
        return view(p);
    }

    /**
     * Each group's lines in rank order with the outcomes of the scheme's rules (a target may get several). "Last" is
     * the group's lowest rank when someone ranks above it (targets all tied at first are not last).
     */
    public static List<Group> groups(Runs.Result result) {
        Map<String, String> names = new LinkedHashMap<>();
        result.scheme().groups().forEach(g -> names.put(g.code(), g.name()));
        List<Scheme.OutcomeRule> rules = result.scheme().publication() == null ? List.of()
                : result.scheme().publication().rules();
        Map<String, List<Runs.Card>> byGroup = new LinkedHashMap<>();
        result.cards().forEach(c -> byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((code, cards) -> {
            int lastRank = cards.stream().mapToInt(Runs.Card::rank).max().orElse(0);
            List<Line> lines = cards.stream().map(c -> new Line(c.target(), c.name(), c.rank(), c.total(),
                    rules.stream().filter(r -> r.applies(c.rank(), c.total(), lastRank > 1 && c.rank() == lastRank))
                            .map(Scheme.OutcomeRule::outcome).distinct().toList())).toList();
            groups.add(new Group(code, names.get(code), lines));
        });
        return groups;
    }

    /** The city's publications, newest first. */
    @Transactional
    public List<View> list() {
        return AssessmentPublication.<AssessmentPublication>list("order by id desc").stream().map(this::view).toList();
    }

    @Transactional
    public Optional<View> one(long id) {
        return Optional.ofNullable(AssessmentPublication.<AssessmentPublication>findById(id)).map(this::view);
    }

    /** The publication of a run's family, if it is published. */
    @Transactional
    public Optional<View> ofFamily(long root) {
        return AssessmentPublication.<AssessmentPublication>find("rootRunId", root).firstResultOptional().map(this::view);
    }

    /** The ranking as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese names). */
    public static String csv(View v) {
        StringBuilder out = new StringBuilder("\uFEFFgroup,rank,target,name,total,outcomes\r\n");
        for (Group g : v.groups()) {
            for (Line l : g.lines()) {
                out.append(cell(g.name() == null ? g.code() : g.name())).append(',').append(l.rank()).append(',')
                        .append(cell(l.target())).append(',').append(cell(l.name())).append(',')
                        .append(l.total().toPlainString()).append(',').append(cell(String.join(" ", l.outcomes())))
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    /** The ranking as an XLSX workbook of one sheet. */
    public static byte[] xlsx(View v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(bytes, "GridCity", "1.0");
            Worksheet ws = wb.newWorksheet("ranking");
            String[] head = {"group", "rank", "target", "name", "total", "outcomes"};
            for (int c = 0; c < head.length; c++) {
                ws.value(0, c, head[c]);
            }
            int r = 1;
            for (Group g : v.groups()) {
                for (Line l : g.lines()) {
                    ws.value(r, 0, g.name() == null ? g.code() : g.name());
                    ws.value(r, 1, l.rank());
                    ws.value(r, 2, l.target());
                    ws.value(r, 3, l.name() == null ? "" : l.name());
                    ws.value(r, 4, l.total());
                    ws.value(r, 5, String.join(" ", l.outcomes()));
                    r++;
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        // a leading =, +, - or @ would be a formula in a spreadsheet
        String safe = s.matches("^[=+\\-@].*") ? "'" + s : s;
        return safe.matches(".*[\",\\r\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private View view(AssessmentPublication p) {
        int version = runs.version(p.runId).orElse(1);
        try {
            return new View(p.id, p.runId, p.rootRunId, version, p.schemeCode, p.schemeName, p.periodFrom, p.periodTo,
                    p.publishedAt, p.publishedBy, List.of(json.readValue(p.ranking, Group[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Publication " + p.id + " cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
