package city.gridcity.integration.webhook;

import city.gridcity.department.DepartmentService;
import city.gridcity.integration.EventTypes;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.TtlCache;
import city.gridcity.shared.db.AfterCompletion;
import city.gridcity.tenancy.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
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
    private final TtlCache<String, List<Route>> active = new TtlCache<>(ROUTES_TTL);

    WebhookSubscriptions(TenantContext tenant, DepartmentService departments, WebhookUrlPolicy urls,
                         TransactionSynchronizationRegistry transactions, Clock clock) {
        this.tenant = tenant;
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
        apply(s, spec);
        s.updatedAt = clock.instant();
        forget();
        return s;
    }

    /** Gives a subscription a new secret (the old one stops working at once) and returns it once. */
    @Transactional
    public WithSecret rotateSecret(long id) {
        WebhookSubscription s = require(id);
        s.secret = WebhookSigner.newSecret();
        s.updatedAt = clock.instant();
        return new WithSecret(s, s.secret);
    }

    /**
     * Deletes a subscription. Its delivered messages stay in the outbox's history; its undelivered
     * ones are dead-lettered by the worker (nothing is left to send them to).
     */
    @Transactional
    public void delete(long id) {
        require(id).delete();
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
