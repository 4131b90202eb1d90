package city.gridcity.assessment;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to a run's family, for the current city: two versions (or any two runs) compared per target and
 * item, and the audit trail of its versions, appeals, decisions and publication, each from the immutable records.
 */
@ApplicationScoped
public class RunHistory {

    /** One item of one target: its score before (in the first run) and after (in the other), and the difference. */
    public record ItemChange(String item, BigDecimal before, BigDecimal after, BigDecimal difference) {
        public boolean changed() {
            return difference != null && difference.signum() != 0;
        }
    }

    /** One target: its totals and ranks in both runs and the items that differ (every item, with a flag when equal). */
    public record TargetChange(String target, String name, BigDecimal before, BigDecimal after, BigDecimal difference,
                               Integer rankBefore, Integer rankAfter, List<ItemChange> items) {
        public boolean changed() {
            return difference != null && difference.signum() != 0;
        }
    }

    public record Comparison(long run, long with, int version, int withVersion, List<TargetChange> targets) {
    }

    /** One line of the audit trail: when, who, what, and about which run or appeal. */
    public record Entry(Instant at, String by, String action, Long run, Integer version, Long appeal, String detail) {
    }

    private final Runs runs;
    private final Appeals appeals;
    private final Publications publications;

    RunHistory(Runs runs, Appeals appeals, Publications publications) {
        this.runs = runs;
        this.appeals = appeals;
        this.publications = publications;
    }

    /**
     * Compares the run {@code id} (before) with the run {@code with} (after), per target and item.
     *
     * @throws ProblemException 404 for either run unknown to the city
     */
    @Transactional
    public Comparison compare(long id, long with) {
        Runs.Summary a = runs.one(id).orElseThrow(() -> ProblemException.notFound("Run " + id));
        Runs.Summary b = runs.one(with).orElseThrow(() -> ProblemException.notFound("Run " + with));
        Map<String, Runs.Card> before = cards(runs.result(id).orElseThrow());
        Map<String, Runs.Card> after = cards(runs.result(with).orElseThrow());
        List<String> codes = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(codes::add);
        List<TargetChange> targets = new ArrayList<>();
        for (String code : codes) {
            Runs.Card x = before.get(code);
            Runs.Card y = after.get(code);
            Map<String, ItemChange> items = new LinkedHashMap<>();
            if (x != null) {
                x.items().forEach(i -> items.put(i.code(), new ItemChange(i.code(), i.score(), null, null)));
            }
            if (y != null) {
                y.items().forEach(i -> {
                    ItemChange old = items.get(i.code());
                    BigDecimal b0 = old == null ? null : old.before();
                    items.put(i.code(), new ItemChange(i.code(), b0, i.score(), diff(b0, i.score())));
                });
            }
            targets.add(new TargetChange(code, x != null ? x.name() : y.name(), x == null ? null : x.total(),
                    y == null ? null : y.total(), diff(x == null ? null : x.total(), y == null ? null : y.total()),
                    x == null ? null : x.rank(), y == null ? null : y.rank(), List.copyOf(items.values())));
        }
        return new Comparison(id, with, a.version(), b.version(), targets);
    }

    private static Map<String, Runs.Card> cards(Runs.Result r) {
        Map<String, Runs.Card> m = new LinkedHashMap<>();
        r.cards().forEach(c -> m.put(c.target(), c));
        return m;
    }

    private static BigDecimal diff(BigDecimal before, BigDecimal after) {
        return before == null || after == null ? null : after.subtract(before);
    }

    /**
     * The audit trail of the run's family, oldest first: each version computed, each appeal filed and decided, the
     * publication. Empty when the city has no such run.
     */
    @Transactional
    public Optional<List<Entry>> audit(long id) {
        List<Runs.Summary> versions = runs.versions(id);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        long root = versions.get(0).root();
        Map<Long, Integer> versionOf = new LinkedHashMap<>();
        versions.forEach(v -> versionOf.put(v.id(), v.version()));
        // at equal moments (a decision and the version it made), the order things happen in: by version, then step
        List<Map.Entry<Integer, Entry>> keyed = new ArrayList<>();
        for (Runs.Summary v : versions) {
            keyed.add(Map.entry(v.version() * 10, new Entry(v.createdAt(), v.createdBy(), "RUN_COMPUTED", v.id(),
                    v.version(), null, "version " + v.version() + ", " + v.exclusions().size() + " exclusion(s), input digest "
                    + v.inputDigest())));
        }
        for (Appeals.View a : appeals.ofFamily(root)) {
            int appealed = versionOf.getOrDefault(a.run(), 1);
            keyed.add(Map.entry(appealed * 10 + 1, new Entry(a.createdAt(), a.createdBy(), "APPEAL_FILED", a.run(), appealed,
                    a.id(), a.target() + (a.item() == null ? "" : " item " + a.item())
                    + (a.caseNumber() == null ? "" : " case " + a.caseNumber()) + ": " + a.reason())));
            if (a.decidedAt() != null) {
                int key = a.resultRun() != null ? versionOf.getOrDefault(a.resultRun(), 1) * 10 - 1 : appealed * 10 + 2;
                keyed.add(Map.entry(key, new Entry(a.decidedAt(), a.decidedBy(), "APPEAL_" + a.status(), a.resultRun(),
                        a.resultRun() == null ? null : versionOf.get(a.resultRun()), a.id(), a.decisionReason())));
            }
        }
        publications.ofFamily(root).ifPresent(p -> keyed.add(Map.entry(Integer.MAX_VALUE, new Entry(p.publishedAt(),
                p.publishedBy(), "PUBLISHED", p.run(), p.version(), null, "publication " + p.id()))));
        keyed.sort(Comparator.comparing((Map.Entry<Integer, Entry> e) -> e.getValue().at()).thenComparing(Map.Entry::getKey));
        List<Entry> entries = keyed.stream().map(Map.Entry::getValue).toList();
        return Optional.of(entries);
    }
}
