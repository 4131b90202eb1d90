package city.gridcity.assessment;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The current city's assessment schemes and overlays: each edit stores a new version in force from a date
 * (the versions are the audit trail), checked by {@link SchemeRules} first, so bad input stores nothing.
 * Tenant: the city selected for the request (Hibernate's filter and row-level security).
 */
@ApplicationScoped
public class Schemes {

    /** One stored version as the API shows it: what, from when, by whom, and the body. */
    public record Version(SchemeVersion.Kind kind, String code, String baseline, int version, LocalDate effectiveFrom,
                          Instant createdAt, String createdBy, JsonNode body) {
    }

    /** A scheme or overlay version as read back, typed. */
    public record InForce<T>(int version, T value) {
    }

    private final ObjectMapper json;
    private final Clock clock;

    Schemes(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores a new version of the scheme {@code code}, in force from {@code from}.
     *
     * @throws ProblemException 400 naming each field at fault (an unknown indicator or rule, weights that do not add
     *                          up where required, a code that differs from the path...); nothing is stored then
     */
    @Transactional
    public Version saveScheme(String code, LocalDate from, Scheme s, String by) {
        if (s == null) {
            throw ProblemException.invalid("scheme", "send the scheme");
        }
        List<Problem.FieldError> errors = problems(code, from, s);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return view(store(SchemeVersion.Kind.SCHEME, code, null, from, json.valueToTree(s), by));
    }

    /**
     * What {@link #saveScheme} would refuse in the scheme as a version of {@code code} from {@code from} (its linked
     * deductions read the other schemes as in force that day), storing nothing; empty when it would be stored.
     */
    @Transactional
    public List<Problem.FieldError> problems(String code, LocalDate from, Scheme s) {
        if (s == null) {
            return List.of(new Problem.FieldError("scheme", "send the scheme"));
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>(SchemeRules.problems(s, from == null ? null
                : other -> other.equals(code) ? Optional.of(s) : scheme(other, from).map(InForce::value)));
        sameCode(errors, code, s.code());
        fromGiven(errors, from);
        return errors;
    }

    /** What {@link #saveOverlay} would refuse in the overlay, storing nothing. */
    @Transactional
    public List<Problem.FieldError> problems(String code, LocalDate from, Scheme.Overlay o) {
        if (o == null) {
            return List.of(new Problem.FieldError("overlay", "send the overlay"));
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        fromGiven(errors, from);
        Scheme baseline = from == null || o.baseline() == null ? null
                : scheme(o.baseline(), from).map(InForce::value).orElse(null);
        errors.addAll(SchemeRules.problems(o, baseline));
        sameCode(errors, code, o.code());
        return errors;
    }

    /** Whether the city has any version of the scheme or overlay. */
    @Transactional
    public boolean exists(SchemeVersion.Kind kind, String code) {
        return SchemeVersion.count("kind = ?1 and code = ?2", kind, code) > 0;
    }

    /**
     * Stores a new version of the overlay {@code code}, checked with the composite it makes with its baseline as
     * in force on {@code from}.
     *
     * @throws ProblemException 400 naming each field at fault, including an unknown baseline; nothing is stored then
     */
    @Transactional
    public Version saveOverlay(String code, LocalDate from, Scheme.Overlay o, String by) {
        if (o == null) {
            throw ProblemException.invalid("overlay", "send the overlay");
        }
        List<Problem.FieldError> errors = problems(code, from, o);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return view(store(SchemeVersion.Kind.OVERLAY, code, o.baseline(), from, json.valueToTree(o), by));
    }

    /** The scheme version in force on the day, if the city has that scheme by then. */
    @Transactional
    public Optional<InForce<Scheme>> scheme(String code, LocalDate day) {
        return inForce(SchemeVersion.Kind.SCHEME, code, day).map(v -> new InForce<>(v.version, parse(v.body, Scheme.class)));
    }

    @Transactional
    public Optional<InForce<Scheme.Overlay>> overlay(String code, LocalDate day) {
        return inForce(SchemeVersion.Kind.OVERLAY, code, day)
                .map(v -> new InForce<>(v.version, parse(v.body, Scheme.Overlay.class)));
    }

    /** One stored version of a scheme (a run's reproduction uses the version it used). */
    @Transactional
    public Optional<InForce<Scheme>> schemeVersion(String code, int version) {
        return SchemeVersion.<SchemeVersion>find("kind = ?1 and code = ?2 and version = ?3", SchemeVersion.Kind.SCHEME,
                code, version).firstResultOptional().map(v -> new InForce<>(v.version, parse(v.body, Scheme.class)));
    }

    @Transactional
    public Optional<InForce<Scheme.Overlay>> overlayVersion(String code, int version) {
        return SchemeVersion.<SchemeVersion>find("kind = ?1 and code = ?2 and version = ?3", SchemeVersion.Kind.OVERLAY,
                code, version).firstResultOptional().map(v -> new InForce<>(v.version, parse(v.body, Scheme.Overlay.class)));
    }

    /** The newest version of every scheme and overlay of the city. */
    @Transactional
    public List<Version> current() {
        return SchemeVersion.<SchemeVersion>list("order by kind, code, version").stream()
                .collect(Collectors.toMap(v -> v.kind + "|" + v.code, v -> v, (a, b) -> b, java.util.LinkedHashMap::new))
                .values().stream().map(this::view).toList();
    }

    /** Every version of one scheme or overlay, oldest first (who changed what, when). */
    @Transactional
    public List<Version> versions(SchemeVersion.Kind kind, String code) {
        return SchemeVersion.<SchemeVersion>list("kind = ?1 and code = ?2 order by version", kind, code).stream()
                .map(this::view).toList();
    }

    private Optional<SchemeVersion> inForce(SchemeVersion.Kind kind, String code, LocalDate day) {
        return SchemeVersion.<SchemeVersion>find("kind = ?1 and code = ?2 and effectiveFrom <= ?3 "
                + "order by effectiveFrom desc, version desc", kind, code, day).firstResultOptional();
    }

    private SchemeVersion store(SchemeVersion.Kind kind, String code, String baseline, LocalDate from, JsonNode body,
                                String by) {
        long existing = SchemeVersion.count("kind = ?1 and code = ?2", kind, code);
        SchemeVersion v = new SchemeVersion();
        v.kind = kind;
        v.code = code;
        v.baseline = baseline;
        v.version = (int) existing + 1;
        v.effectiveFrom = from;
        v.body = body.toString();
        v.createdAt = clock.instant();
        v.createdBy = by;
        v.persist();
        return v;
    }

    private Version view(SchemeVersion v) {
        try {
            return new Version(v.kind, v.code, v.baseline, v.version, v.effectiveFrom, v.createdAt, v.createdBy,
                    json.readTree(v.body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored assessment scheme cannot be read", e);
        }
    }

    private static void sameCode(List<Problem.FieldError> errors, String path, String body) {
        if (body != null && !body.equals(path)) {
            errors.add(new Problem.FieldError("code", "is '" + body + "' but the address names '" + path + "'"));
        }
    }

    private static void fromGiven(List<Problem.FieldError> errors, LocalDate from) {
        if (from == null) {
            errors.add(new Problem.FieldError("effectiveFrom", "give the date the version takes effect (YYYY-MM-DD)"));
        }
    }
}
