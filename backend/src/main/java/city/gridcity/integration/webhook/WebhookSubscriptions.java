package city.gridcity.integration.webhook;

import city.gridcity.department.DepartmentService;
import city.gridcity.integration.EventTypes;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.TtlCache;
import city.gridcity.shared.db.AfterCompletion;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The current city's webhook subscriptions, managed by its administrator. Every method acts in the
 * city selected in {@link TenantContext}; another city's subscription is not found.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    static final int MAX_EVENT_TYPES = 50;

    /** How long another replica may still route by a subscription changed here. */
    static final Duration ROUTES_TTL = Duration.ofSeconds(5);

    private final TenantContext tenant;
    private final DepartmentService departments;
    private final WebhookUrlPolicy urls;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final EntityManager em;
    private final WebhookConfig config;
    private final TtlCache<String, List<Route>> active = new TtlCache<>(ROUTES_TTL);
    private final city.gridcity.audit.AdminAudit audit;

    WebhookSubscriptions(TenantContext tenant, DepartmentService departments, WebhookUrlPolicy urls,
                         TransactionSynchronizationRegistry transactions, Clock clock, EntityManager em,
                         WebhookConfig config, city.gridcity.audit.AdminAudit audit) {
        this.tenant = tenant;
        this.audit = audit;
        this.em = em;
        this.config = config;
        this.departments = departments;
        this.urls = urls;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Drops the city's routes now and again when the change commits, so no reader keeps the state before it. */
    private void forget() {
        String city = tenant.tenantCode().orElseThrow();
        active.invalidate(city);
        AfterCompletion.onCommit(transactions, () -> active.invalidate(city));
    }

    /**
     * A subscription to create, or the whole new state of one.
     *
     * @param eventTypes event types, family wildcards ({@code case.*}) or {@code *}; at least one
     * @param departmentCode only events addressed to this department; null for every event
     * @param active null means true
     */
    public record SubscriptionSpec(String name, String url, List<String> eventTypes, String departmentCode,
                                   Boolean active) {
    }

    /** A subscription with its secret in clear: returned only when the secret is made. */
    public record WithSecret(WebhookSubscription subscription, String secret) {
    }

    @Transactional
    public List<WebhookSubscription> list() {
        return WebhookSubscription.list("order by id");
    }

    @Transactional
    public Optional<WebhookSubscription> find(long id) {
        return WebhookSubscription.findByIdOptional(id);
    }

    /**
     * Creates a subscription with a new secret.
     *
     * @throws ProblemException 400 naming every invalid field at once
     */
    @Transactional
    public WithSecret create(SubscriptionSpec spec) {
        tenant.requireTenantId();
        validate(spec);
        WebhookSubscription s = new WebhookSubscription();
        apply(s, spec);
        s.secret = WebhookSigner.newSecret();
        s.createdAt = clock.instant();
        s.updatedAt = s.createdAt;
        s.persist();
        audit.changed(AREA, subject(s), "created", null, s.url + " · " + String.join(" ", s.eventTypes));
        forget();
        return new WithSecret(s, s.secret);
    }

    /**
     * Replaces a subscription's name, address, filters and active flag; the secret stays.
     *
     * @throws ProblemException 404 when the city has no such subscription, 400 naming invalid fields
     */
    @Transactional
    public WebhookSubscription update(long id, SubscriptionSpec spec) {
        WebhookSubscription s = require(id);
        validate(spec);
        String name = s.name;
        String url = s.url;
        List<String> types = List.of(s.eventTypes);
        String department = s.departmentCode;
        boolean wasActive = s.active;
        apply(s, spec);
        audit.changed(AREA, subject(s), "name", name, s.name);
        audit.changed(AREA, subject(s), "url", url, s.url);
        audit.changed(AREA, subject(s), "eventTypes", types, List.of(s.eventTypes));
        audit.changed(AREA, subject(s), "departmentCode", department, s.departmentCode);
        audit.changed(AREA, subject(s), "active", wasActive, s.active);
        s.updatedAt = clock.instant();
        forget();
        // Saving a subscription is how an administrator says the receiver was looked at: try it again now.
        resume(s);
        return s;
    }

    /**
     * Ends a receiver's pause now (the administrator repaired it): its waiting messages go out in the
     * worker's next round, and its failure count starts again from zero.
     *
     * @throws ProblemException 404 when the city has no such subscription
     */
    @Transactional
    public WebhookSubscription resume(long id) {
        WebhookSubscription s = require(id);
        audit.changed(AREA, subject(s), "resumed", null, s.pausedUntil == null ? "resumed" : "resumed (paused until "
                + s.pausedUntil + ")");
        resume(s);
        return s;
    }

    private void resume(WebhookSubscription s) {
        em.flush();
        em.createNativeQuery("UPDATE webhook_subscription SET consecutive_failures = 0, failing_since = NULL, "
                + "paused_until = NULL WHERE id = ?1").setParameter(1, s.id).executeUpdate();
        em.refresh(s);
    }

    /** How one round's attempts went for one subscription. */
    public record Attempts(long subscriptionId, int delivered, int failed) {
    }

    /**
     * Records a round's outcomes per receiver, in the worker's transaction: a delivery clears its
     * failures and any pause; failures only add up, and once {@link WebhookConfig#pauseAfterFailures}
     * are reached in a row the receiver is paused for as long as it has been failing, within
     * {@code [shortest, longest]}. Returns the subscriptions this round paused.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> recordAttempts(List<Attempts> attempts, Instant now, Duration shortest, Duration longest) {
        List<Long> answered = attempts.stream().filter(a -> a.delivered() > 0).map(Attempts::subscriptionId).toList();
        if (!answered.isEmpty()) {
            // Only rows with something to clear: a healthy receiver's round writes nothing.
            em.createNativeQuery("UPDATE webhook_subscription SET consecutive_failures = 0, failing_since = NULL, "
                            + "paused_until = NULL WHERE id IN (?1) AND (consecutive_failures > 0 OR paused_until IS NOT NULL)")
                    .setParameter(1, answered).executeUpdate();
        }
        List<Long> paused = new ArrayList<>();
        for (Attempts a : attempts) {
            if (a.delivered() > 0 || a.failed() == 0) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> pausedNow = em.createNativeQuery(PAUSE_ON_FAILURES)
                    .setParameter(1, a.subscriptionId()).setParameter(2, a.failed()).setParameter(3, now)
                    .setParameter(4, config.pauseAfterFailures())
                    .setParameter(5, (double) shortest.toSeconds()).setParameter(6, (double) longest.toSeconds())
                    .getResultList();
            if (!pausedNow.isEmpty() && Boolean.TRUE.equals(pausedNow.get(0))) {
                paused.add(a.subscriptionId());
            }
        }
        return paused;
    }

    /** Adds failures; pauses once there are enough in a row, for as long as it has been failing, within bounds. */
    private static final String PAUSE_ON_FAILURES = """
            WITH p AS (SELECT CAST(?3 AS timestamptz) AS now, CAST(?5 AS double precision) AS shortest,
                              CAST(?6 AS double precision) AS longest)
            UPDATE webhook_subscription
            SET consecutive_failures = consecutive_failures + ?2,
                failing_since = coalesce(failing_since, p.now),
                paused_until = CASE WHEN consecutive_failures + ?2 >= ?4
                    THEN p.now + make_interval(secs => least(p.longest, greatest(p.shortest,
                                 extract(epoch FROM p.now - coalesce(failing_since, p.now))::double precision)))
                    ELSE paused_until END
            FROM p
            WHERE id = ?1
            RETURNING paused_until IS NOT NULL AND paused_until > p.now""";

    /** Gives a subscription a new secret (the old one stops working at once) and returns it once. */
    @Transactional
    public WithSecret rotateSecret(long id) {
        WebhookSubscription s = require(id);
        s.secret = WebhookSigner.newSecret();
        // The secret itself is never written down: only that it changed, and its hint.
        audit.changed(AREA, subject(s), "secret", null, "rotated · " + s.secretHint());
        s.updatedAt = clock.instant();
        return new WithSecret(s, s.secret);
    }

    /**
     * Deletes a subscription. Its delivered messages stay in the outbox's history; its undelivered
     * ones are dead-lettered by the worker (nothing is left to send them to).
     */
    @Transactional
    public void delete(long id) {
        WebhookSubscription s = require(id);
        audit.changed(AREA, subject(s), "deleted", s.url, "deleted");
        s.delete();
        forget();
    }

    /**
     * The active subscriptions that hear an event addressed to these departments (none: to the city):
     * the city-wide ones and those of the departments, whose filter lets the event type through.
     */
    @Transactional
    public List<Long> matching(String eventType, Set<String> departmentCodes) {
        // Every report asks this: the city's active subscriptions are kept briefly, so intake does not
        // read them each time. A change here drops them at once; other replicas see it within the TTL.
        return active.get(tenant.tenantCode().orElseThrow(), city -> WebhookSubscription.<WebhookSubscription>list(
                        "active = true order by id").stream().map(x -> new Route(x.id, x.departmentCode, List.of(x.eventTypes)))
                .toList()).stream()
                .filter(r -> r.departmentCode() == null || departmentCodes.contains(r.departmentCode()))
                .filter(r -> r.eventTypes().stream().anyMatch(f -> EventTypes.matches(f, eventType)))
                .map(Route::id)
                .toList();
    }

    /** What a notification is matched against: a subscription's id, department filter and event types. */
    private record Route(long id, String departmentCode, List<String> eventTypes) {
    }

    /** The city's subscriptions with these ids (ids of another city or deleted ones are left out). */
    @Transactional
    public Map<Long, WebhookSubscription> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return WebhookSubscription.<WebhookSubscription>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(s -> s.id, Function.identity()));
    }

    private WebhookSubscription require(long id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("Webhook subscription " + id));
    }

    private static final city.gridcity.audit.AdminAudit.Area AREA = city.gridcity.audit.AdminAudit.Area.WEBHOOKS;

    /** How the change log names a subscription: its number and name. */
    private static String subject(WebhookSubscription s) {
        return "#" + s.id + " " + s.name;
    }

    private void apply(WebhookSubscription s, SubscriptionSpec spec) {
        s.name = spec.name().trim();
        s.url = spec.url().trim();
        s.eventTypes = new LinkedHashSet<>(spec.eventTypes()).toArray(String[]::new);
        s.departmentCode = blankToNull(spec.departmentCode());
        s.active = spec.active() == null || spec.active();
    }

    private void validate(SubscriptionSpec spec) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 100) {
            errors.add(new Problem.FieldError("name", "give a name that says who receives, at most 100 characters"));
        }
        urls.refusal(spec.url()).ifPresent(why -> errors.add(new Problem.FieldError("url", why)));
        List<String> types = spec.eventTypes();
        if (types == null || types.isEmpty()) {
            errors.add(new Problem.FieldError("eventTypes", "give at least one event type, a family such as "
                    + "'case.*', or '*' for every event"));
        } else if (types.size() > MAX_EVENT_TYPES) {
            errors.add(new Problem.FieldError("eventTypes", "at most " + MAX_EVENT_TYPES + " entries"));
        } else {
            for (int i = 0; i < types.size(); i++) {
                if (!EventTypes.isFilter(types.get(i))) {
                    errors.add(new Problem.FieldError("eventTypes[" + i + "]", "unknown event type '" + types.get(i)
                            + "'; use '*', 'case.*' or one of " + EventTypes.KNOWN.keySet()));
                }
            }
        }
        String department = blankToNull(spec.departmentCode());
        if (department != null && (department.length() > 64 || departments.find(department).isEmpty())) {
            errors.add(new Problem.FieldError("departmentCode", "no department '" + department
                    + "' in your city; leave it out for every event, or use a code from /api/v1/departments"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
