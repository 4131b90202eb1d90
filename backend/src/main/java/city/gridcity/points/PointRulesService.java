package city.gridcity.points;

import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The current city's point rules: versions in force from a moment on, like catalog rules, so an award is
 * always made under the rules in force when its event happened; every new version and every change of a
 * reward is audited (who, when, old, new). A city without any version awards no points.
 */
@ApplicationScoped
public class PointRulesService {

    /** A version may start a moment ago: a client's "now" reaches the service a little later. */
    static final Duration PAST_SLACK = Duration.ofMinutes(1);

    private final ObjectMapper json;
    private final Clock clock;

    PointRulesService(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** A stored version of the rules. */
    public record Version(long id, Instant effectiveFrom, PointRules rules, Instant createdAt, String createdBy) {
    }

    /** One audited change. */
    public record AuditEntry(Instant at, String by, String subject, String oldValue, String newValue) {
    }

    /** The version in force at {@code at}, if the city has one. */
    @Transactional
    public Optional<Version> inForceAt(Instant at) {
        return PointRulesVersion.<PointRulesVersion>find("effectiveFrom <= ?1 order by effectiveFrom desc", at)
                .firstResultOptional().map(this::version);
    }

    /** The version in force now. */
    @Transactional
    public Optional<Version> inForceNow() {
        return inForceAt(clock.instant());
    }

    /** Every version, oldest first. */
    @Transactional
    public List<Version> versions() {
        return PointRulesVersion.<PointRulesVersion>list("order by effectiveFrom").stream().map(this::version).toList();
    }

    /**
     * Adds a version of the rules in force from {@code effectiveFrom} (now when null); awards of events
     * before it keep the rules of their time.
     *
     * @throws ProblemException 400 naming each wrong rule, or {@code effectiveFrom} in the past; 409 when a
     *                          version already starts at that moment
     */
    @Transactional
    public Version add(PointRules rules, Instant effectiveFrom, String by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant from = effectiveFrom == null ? now : effectiveFrom.truncatedTo(ChronoUnit.MICROS);
        if (from.isBefore(now.minus(PAST_SLACK))) {
            throw ProblemException.invalid("effectiveFrom", "cannot be in the past: awards already made keep their rules; "
                    + "give a moment from now on");
        }
        return store(rules, from, by, now);
    }

    /** Loads a pack's rules, in force from the pack's moment (which may lie before today). */
    @Transactional
    public Version load(PointRules rules, Instant from, String by) {
        return store(rules, from, by, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private Version store(PointRules rules, Instant from, String by, Instant now) {
        var problems = rules.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.stream()
                    .map(e -> new city.gridcity.shared.problem.Problem.FieldError("rules/" + e.field(), e.message())).toList());
        }
        if (PointRulesVersion.count("effectiveFrom", from) > 0) {
            throw ProblemException.conflict("rules-exist", "effectiveFrom", "A version of the point rules already starts at "
                    + from + ".");
        }
        Optional<Version> before = inForceAt(from);
        PointRulesVersion v = new PointRulesVersion();
        v.effectiveFrom = from;
        v.rules = write(rules);
        v.createdAt = now;
        v.createdBy = by;
        v.persist();
        recordAudit(by, "rules from " + from, before.map(b -> write(b.rules())).orElse(null), v.rules);
        return version(v);
    }

    /** Records a change of the points programme (a rule version, a reward) in the city's audit trail. */
    @Transactional
    public void recordAudit(String by, String subject, String oldValue, String newValue) {
        PointsAudit a = new PointsAudit();
        a.at = clock.instant();
        a.byUser = by;
        a.subject = subject.length() > 64 ? subject.substring(0, 64) : subject;
        a.oldValue = oldValue;
        a.newValue = newValue;
        a.persist();
    }

    /** The audit trail, newest first. */
    @Transactional
    public List<AuditEntry> audit(int page, int size) {
        return PointsAudit.<PointsAudit>find("order by at desc, id desc").page(page, size).list().stream()
                .map(a -> new AuditEntry(a.at, a.byUser, a.subject, a.oldValue, a.newValue)).toList();
    }

    @Transactional
    public long auditCount() {
        return PointsAudit.count();
    }

    private Version version(PointRulesVersion v) {
        try {
            return new Version(v.id, v.effectiveFrom, json.readValue(v.rules, PointRules.class), v.createdAt, v.createdBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored point rules " + v.id + " are unreadable", e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
