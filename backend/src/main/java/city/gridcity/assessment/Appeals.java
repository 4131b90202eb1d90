package city.gridcity.assessment;

import city.gridcity.calendar.CalendarService;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Appeals (申诉) against a run's deductions and their arbitration, in the current city. A target's user appeals one
 * deduction of a run version while its window is open; an assessor upholds or rejects it with a reason; an
 * upheld appeal makes a new version of the run computed with every upheld appeal of the family so far.
 */
@ApplicationScoped
public class Appeals {

    public static final int MAX_REASON = 2000;

    /** What a target's user sends: the target, the case and/or the item of the deduction, and why. */
    public record Filing(String target, String caseNumber, String item, String reason) {
    }

    /** An appeal as the API and pages show it; {@code resultRun} the version an upheld appeal made. */
    public record View(long id, long run, long root, String target, String caseNumber, String item, String reason,
                       AssessmentAppeal.Status status, Instant createdAt, String createdBy, String decisionReason,
                       Instant decidedAt, String decidedBy, Long resultRun) {
    }

    /**
     * The decision, the version it made (null when rejected) and the new versions of the departments' runs whose
     * same-grid linked deductions read the appealed run's scheme (an upheld district appeal drops their line too).
     */
    public record Decision(View appeal, Runs.Summary version,
                           @com.fasterxml.jackson.annotation.JsonInclude(
                                   com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<Runs.Summary> linked) {

        public Decision {
            linked = linked == null ? List.of() : List.copyOf(linked);
        }
    }

    private final Runs runs;
    private final CalendarService calendar;
    private final Clock clock;

    Appeals(Runs runs, CalendarService calendar, Clock clock) {
        this.runs = runs;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Files an appeal against a deduction of the run {@code runId} (the caller has checked the user speaks for the
     * target).
     *
     * @throws ProblemException 404 for a run the city does not have; 409 naming {@code run} after the window or once
     *                          published, naming the deduction when it is already appealed; 400 naming each field at
     *                          fault (an unknown target, item or case, no deduction there, no reason). Nothing is
     *                          stored then.
     */
    @Transactional
    public View file(long runId, Filing f, String by) {
        AssessmentRun run = AssessmentRun.findById(runId);
        if (run == null) {
            throw ProblemException.notFound("Run " + runId);
        }
        LocalDate today = calendar.today();
        if (run.appealUntil == null || today.isAfter(run.appealUntil)) {
            throw ProblemException.conflict("appeal-window-closed", "run", "The appeal window of run " + runId
                    + (run.appealUntil == null ? " was never opened" : " closed at the end of " + run.appealUntil)
                    + "; appeals are no longer accepted.");
        }
        lock(run.root());
        published(run.root());
        List<Problem.FieldError> errors = new ArrayList<>();
        String target = trim(f == null ? null : f.target());
        String caseNumber = trim(f == null ? null : f.caseNumber());
        String item = trim(f == null ? null : f.item());
        String reason = trim(f == null ? null : f.reason());
        if (reason == null) {
            errors.add(new Problem.FieldError("reason", "say why the deduction is wrong"));
        } else if (reason.length() > MAX_REASON) {
            errors.add(new Problem.FieldError("reason", "at most " + MAX_REASON + " characters"));
        }
        Optional<Runs.Card> card = target == null ? Optional.empty() : runs.card(runId, target);
        if (target == null) {
            errors.add(new Problem.FieldError("target", "name the target whose deduction is appealed"));
        } else if (card.isEmpty()) {
            errors.add(new Problem.FieldError("target", "run " + runId + " has no target '" + target + "'"));
        }
        if (caseNumber == null && item == null) {
            errors.add(new Problem.FieldError("caseNumber", "name the case behind the deduction, the item, or both"));
        }
        if (card.isPresent() && (caseNumber != null || item != null)) {
            deduction(card.get(), caseNumber, item, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        long same = AssessmentAppeal.count("rootRunId = ?1 and target = ?2 and coalesce(caseNumber, '') = ?3 "
                + "and coalesce(itemCode, '') = ?4 and status <> ?5", run.root(), target, caseNumber == null ? "" : caseNumber,
                item == null ? "" : item, AssessmentAppeal.Status.REJECTED);
        if (same > 0) {
            throw ProblemException.conflict("already-appealed", caseNumber != null ? "caseNumber" : "item",
                    "This deduction is already appealed (pending or upheld) in this run.");
        }
        AssessmentAppeal a = new AssessmentAppeal();
        a.runId = runId;
        a.rootRunId = run.root();
        a.target = target;
        a.caseNumber = caseNumber;
        a.itemCode = item;
        a.reason = reason;
        a.status = AssessmentAppeal.Status.PENDING;
        a.createdAt = clock.instant();
        a.createdBy = by;
        a.persist();
        return view(a);
    }

    /**
     * The item (if named) must be the card's and carry a deduction; the case must be behind it (or any item's). A
     * linked deduction (关联扣分) is named by its rule's code as the item: the case must be one of its lines.
     */
    private static void deduction(Runs.Card card, String caseNumber, String item, List<Problem.FieldError> errors) {
        List<Scoring.ItemResult> items = card.items();
        List<LinkedDeductions.Line> linked = card.linked().stream()
                .filter(l -> item == null || l.rule().equals(item)).toList();
        if (item != null && !linked.isEmpty()) {
            if (caseNumber != null && linked.stream().noneMatch(l -> l.caseNumber().equals(caseNumber))) {
                errors.add(new Problem.FieldError("caseNumber", "case '" + caseNumber + "' is not behind the linked "
                        + "deduction '" + item + "' of this score card"));
            }
            return;
        }
        if (item == null && caseNumber != null && linked.stream().anyMatch(l -> l.caseNumber().equals(caseNumber))) {
            return;
        }
        if (item != null) {
            Optional<Scoring.ItemResult> r = items.stream().filter(i -> i.code().equals(item)).findFirst();
            if (r.isEmpty()) {
                errors.add(new Problem.FieldError("item", "the score card has no item '" + item + "'"));
                return;
            }
            if (r.get().score() == null || r.get().score().compareTo(r.get().points()) >= 0) {
                errors.add(new Problem.FieldError("item", "item '" + item + "' has no deduction to appeal"));
                return;
            }
            items = List.of(r.get());
        }
        if (caseNumber != null && items.stream().noneMatch(i -> i.measure() != null && i.measure().inputs().contains(caseNumber))) {
            errors.add(new Problem.FieldError("caseNumber", "case '" + caseNumber + "' is not behind "
                    + (item == null ? "any item" : "item '" + item + "'") + " of this score card"));
        }
    }

    /**
     * Decides a pending appeal: {@code UPHELD} or {@code REJECTED}, with a reason; upheld computes the family's next
     * version with every upheld appeal, and the next version of every unpublished departments' run of the period whose
     * same-grid linked deduction reads this run's scheme ({@link Runs#follow}).
     *
     * @throws ProblemException 404 for an appeal the city does not have; 409 once decided or published; 400 naming
     *                          {@code decision} or {@code reason}
     */
    @Transactional
    @TransactionConfiguration(timeout = Runs.RUN_TIMEOUT_SECONDS)
    public Decision decide(long id, String decision, String reason, String by) {
        AssessmentAppeal a = AssessmentAppeal.findById(id);
        if (a == null) {
            throw ProblemException.notFound("Appeal " + id);
        }
        if (a.status != AssessmentAppeal.Status.PENDING) {
            throw ProblemException.conflict("already-decided", "decision", "Appeal " + id + " was already decided ("
                    + a.status + ").");
        }
        lock(a.rootRunId);
        published(a.rootRunId);
        List<Problem.FieldError> errors = new ArrayList<>();
        AssessmentAppeal.Status status = null;
        String d = trim(decision);
        if (d == null || !(d.equalsIgnoreCase("UPHELD") || d.equalsIgnoreCase("REJECTED"))) {
            errors.add(new Problem.FieldError("decision", "UPHELD or REJECTED"));
        } else {
            status = AssessmentAppeal.Status.valueOf(d.toUpperCase(Locale.ROOT));
        }
        String why = trim(reason);
        if (why == null) {
            errors.add(new Problem.FieldError("reason", "give the reason of the decision"));
        } else if (why.length() > MAX_REASON) {
            errors.add(new Problem.FieldError("reason", "at most " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        a.status = status;
        a.decisionReason = why;
        a.decidedAt = clock.instant();
        a.decidedBy = by;
        Runs.Summary version = null;
        List<Runs.Summary> linked = List.of();
        if (status == AssessmentAppeal.Status.UPHELD) {
            List<Runs.Exclusion> exclusions = AssessmentAppeal.<AssessmentAppeal>list("rootRunId = ?1 and status = ?2 order by id",
                    a.rootRunId, AssessmentAppeal.Status.UPHELD).stream()
                    .map(u -> new Runs.Exclusion(u.id, u.target, u.caseNumber, u.itemCode)).toList();
            version = runs.recompute(a.rootRunId, exclusions, by);
            a.resultRunId = version.id();
            linked = runs.follow(version.scheme(), version.from(), version.to(), by);
        }
        return new Decision(view(a), version, linked);
    }

    /**
     * The city's appeals, oldest first, of one status when given.
     *
     * @throws ProblemException 400 naming {@code status} for a status that is not PENDING, UPHELD or REJECTED
     */
    @Transactional
    public List<View> list(String status) {
        String s = trim(status);
        if (s == null) {
            return AssessmentAppeal.<AssessmentAppeal>list("order by id").stream().map(Appeals::view).toList();
        }
        AssessmentAppeal.Status st;
        try {
            st = AssessmentAppeal.Status.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "PENDING, UPHELD or REJECTED, not '" + s + "'");
        }
        return AssessmentAppeal.<AssessmentAppeal>list("status = ?1 order by id", st).stream().map(Appeals::view).toList();
    }

    /** The appeals of a run's family, oldest first. */
    @Transactional
    public List<View> ofFamily(long root) {
        return AssessmentAppeal.<AssessmentAppeal>list("rootRunId = ?1 order by id", root).stream().map(Appeals::view)
                .toList();
    }

    @Transactional
    public Optional<View> one(long id) {
        return Optional.ofNullable(AssessmentAppeal.<AssessmentAppeal>findById(id)).map(Appeals::view);
    }

    /**
     * Serializes the changes to one run's family (appeals filed, decisions and the versions they compute, publication)
     * until the transaction ends: two upheld decisions at once would otherwise both compute the same next version.
     * A transaction-scoped advisory lock, as the run rows themselves are never updated (nor locked for update).
     */
    static void lock(long root) {
        AssessmentAppeal.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(33, cast(?1 as integer))")
                .setParameter(1, root).getSingleResult();
    }

    private static void published(long root) {
        if (AssessmentPublication.count("rootRunId", root) > 0) {
            throw ProblemException.conflict("already-published", "run", "The run is published; its results no longer "
                    + "change.");
        }
    }

    static View view(AssessmentAppeal a) {
        return new View(a.id, a.runId, a.rootRunId, a.target, a.caseNumber, a.itemCode, a.reason, a.status, a.createdAt,
                a.createdBy, a.decisionReason, a.decidedAt, a.decidedBy, a.resultRunId);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
