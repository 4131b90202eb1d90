package city.gridcity.integration.outbox;

import city.gridcity.integration.webhook.WebhookClient;
import city.gridcity.integration.webhook.WebhookConfig;
import city.gridcity.integration.webhook.WebhookSubscription;
import city.gridcity.integration.webhook.WebhookSubscriptions;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import city.gridcity.tenancy.TenantStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.net.ConnectException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox messages, city by city, in three steps so that no database transaction stays
 * open while a receiver is called: claim a batch in one short transaction ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas never take the same message, and a lease pushed into {@code next_attempt_at},
 * so none takes it afterwards either); send without a transaction; record each result in another.
 * A worker that dies between claim and record leaves the lease to run out, and the message is sent
 * again with the same idempotency key: at least once, and once for a receiver that honours the key.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    /**
     * Leases a batch of due messages of the receivers that may be called now (active, not paused) and of
     * residents. The receivers are named rather than joined: with the index keyed by receiver (V45), a
     * paused receiver's waiting queue is never read, however long it has grown.
     */
    private static final String CLAIM = """
            WITH due AS MATERIALIZED (
                SELECT o.id FROM outbox_message o
                WHERE o.tenant_id = ? AND o.status = 'PENDING' AND o.next_attempt_at <= ?
                  AND o.attempts < ?
                  AND (o.subscription_id = ANY(?) OR (o.subscription_id IS NULL AND o.channel = 'RESIDENT'))
                ORDER BY o.next_attempt_at, o.id
                LIMIT ?
                FOR UPDATE OF o SKIP LOCKED)
            UPDATE outbox_message m
            SET attempts = m.attempts + 1, next_attempt_at = ?, lease_token = ?, last_attempt_at = ?
            FROM due WHERE m.id = due.id
            RETURNING m.id""";

    private final TenantDirectory directory;
    private final TenantRunner runner;
    private final WebhookSubscriptions subscriptions;
    private final WebhookClient client;
    private final ResidentInbox residents;
    private final OutboxConfig config;
    private final WebhookConfig webhookConfig;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    OutboxWorker(TenantDirectory directory, TenantRunner runner, WebhookSubscriptions subscriptions, WebhookClient client,
                 ResidentInbox residents, OutboxConfig config, WebhookConfig webhookConfig, EntityManager em,
                 ObjectMapper json, Clock clock) {
        this.directory = directory;
        this.runner = runner;
        this.subscriptions = subscriptions;
        this.client = client;
        this.residents = residents;
        this.config = config;
        this.webhookConfig = webhookConfig;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** What one round did: messages claimed, delivered, failed (to be retried) and dead-lettered. */
    public record Round(int claimed, int delivered, int failed, int dead) {
        static final Round NONE = new Round(0, 0, 0, 0);

        Round plus(Round o) {
            return new Round(claimed + o.claimed, delivered + o.delivered, failed + o.failed, dead + o.dead);
        }
    }

    /** A claimed message with what sending it needs; {@code url} and {@code secret} only for a webhook. */
    record Claimed(long id, UUID leaseToken, int attempt, UUID idempotencyKey, String eventType, String aggregateRef,
                   String summary, String payload, Instant createdAt, OutboxMessage.Channel channel,
                   Long residentUserId, Long subscriptionId, String url, String secret) {
    }

    /** How an attempt ended: delivered, or the error to show the administrator. */
    record Outcome(Claimed message, boolean delivered, String error) {
    }

    /** Refuses settings under which a lease could run out while its batch is still being sent. */
    void checkSettings(@Observes StartupEvent event) {
        Duration longestSend = longestSend();
        if (config.lease().compareTo(longestSend) <= 0) {
            throw new IllegalStateException("gridcity.outbox.lease (" + config.lease() + ") must be longer than a batch "
                    + "can take to send (" + longestSend + ", from gridcity.webhooks.timeout, gridcity.outbox.batch-size and "
                    + "gridcity.webhooks.max-connections-per-host), or messages would be sent twice while still in flight.");
        }
        if (config.maxAttempts() < 1 || config.batchSize() < 1) {
            throw new IllegalStateException("gridcity.outbox.max-attempts and gridcity.outbox.batch-size must be at least 1");
        }
    }

    @Scheduled(identity = "outbox-worker", every = "${gridcity.outbox.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        drain(DRAIN_BUDGET);
    }

    /**
     * How long one scheduled run may keep sending while cities still have full batches waiting: a busy
     * city's backlog (a report a second makes a message a second) drains in consecutive batches rather
     * than one batch per poll interval, and a run that takes longer only skips the next trigger.
     */
    static final Duration DRAIN_BUDGET = Duration.ofSeconds(30);

    /**
     * Rounds over the active cities, again and again for those whose last batch was full, until none
     * is or {@code budget} has passed; cities take turns, so one city's backlog does not starve another.
     */
    Round drain(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Round total = Round.NONE;
        List<TenantRef> busy = directory.all().stream().filter(c -> c.status() == TenantStatus.ACTIVE).toList();
        boolean first = true;
        while (!busy.isEmpty()) {
            List<TenantRef> stillBusy = new ArrayList<>();
            for (TenantRef city : busy) {
                Round round = deliverSafely(city, clock.instant(), first);
                total = total.plus(round);
                if (round.claimed() >= config.batchSize()) {
                    stillBusy.add(city);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
            busy = stillBusy;
            first = false;
        }
        return total;
    }

    /** One round over every active city, as of {@code now}. One city's failure does not stop the others. */
    public Round deliverDue(Instant now) {
        Round total = Round.NONE;
        for (TenantRef city : directory.all()) {
            if (city.status() == TenantStatus.ACTIVE) {
                total = total.plus(deliverSafely(city, now, true));
            }
        }
        return total;
    }

    private Round deliverSafely(TenantRef city, Instant now, boolean sweep) {
        try {
            if (sweep) {
                sweep(city, now);
            }
            return round(city, now);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Outbox delivery failed for city %s", city.code());
            return Round.NONE;
        }
    }

    /** One round for one city, as of {@code now}: dead-letter what cannot be sent, then {@link #round}. */
    public Round deliverDue(TenantRef city, Instant now) {
        sweep(city, now);
        return round(city, now);
    }

    /** Claims a batch of due messages, delivers them and records the results. */
    private Round round(TenantRef city, Instant now) {
        List<Claimed> claimed = claim(city, now);
        if (claimed.isEmpty()) {
            return Round.NONE;
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<Claimed> webhooks = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.channel() == OutboxMessage.Channel.RESIDENT) {
                outcomes.add(deliverToResident(city, c, now));
            } else {
                webhooks.add(c);
            }
        }
        outcomes.addAll(send(city, webhooks));
        return record(city, outcomes, now);
    }

    /**
     * Dead-letters what can never be sent: messages whose subscription was deleted, and messages whose
     * attempts ran out without an outcome. Both read every pending message of the city, so this runs
     * once per city and scheduled run, not before every batch: with a backlog of 30,000 pending rows
     * these two statements cost 55 ms each, and before every batch of 20 they took a quarter of the
     * database's time during intake.
     */
    void sweep(TenantRef city, Instant now) {
        runner.run(city, () -> {
            OutboxMessage.update("status = ?1, lastError = ?2, leaseToken = null where status = ?3 and channel = ?4 "
                            + "and subscriptionId is null", OutboxMessage.Status.DEAD,
                    "The webhook subscription was deleted before delivery", OutboxMessage.Status.PENDING,
                    OutboxMessage.Channel.WEBHOOK);
            // Only where the claim looks (the receivers it may call, and residents): a paused receiver's queue is
            // not read here either, and its spent messages are found once it may be called again.
            List<Long> receivers = callableReceivers(now);
            OutboxMessage.update("status = ?1, lastError = ?2, leaseToken = null where status = ?3 and attempts >= ?4 "
                            + "and nextAttemptAt <= ?5 and (subscriptionId is null"
                            + (receivers.isEmpty() ? ")" : " or subscriptionId in ?6)"), receivers.isEmpty()
                            ? new Object[] {OutboxMessage.Status.DEAD, SPENT, OutboxMessage.Status.PENDING, config.maxAttempts(), now}
                            : new Object[] {OutboxMessage.Status.DEAD, SPENT, OutboxMessage.Status.PENDING, config.maxAttempts(), now,
                                    receivers});
        });
    }

    private static final String SPENT =
            "No attempts left: the last attempt's outcome was never recorded (its worker stopped during delivery)";

    /** The current city's receivers that may be called at {@code now}: active and not paused. */
    private List<Long> callableReceivers(Instant now) {
        return subscriptions.list().stream()
                .filter(s -> s.active && (s.pausedUntil == null || !s.pausedUntil.isAfter(now)))
                .map(s -> s.id).toList();
    }

    /** Step 1, one short transaction: leases a batch of due messages. */
    List<Claimed> claim(TenantRef city, Instant now) {
        return runner.call(city, () -> {
            UUID token = UUID.randomUUID();
            Long[] receivers = callableReceivers(now).toArray(new Long[0]);
            List<Long> leased = em.unwrap(Session.class).doReturningWork(c -> {
                try (PreparedStatement st = c.prepareStatement(CLAIM)) {
                    st.setString(1, city.code());
                    st.setObject(2, now.atOffset(ZoneOffset.UTC));
                    st.setInt(3, config.maxAttempts());
                    st.setArray(4, c.createArrayOf("bigint", receivers));
                    st.setInt(5, config.batchSize());
                    st.setObject(6, now.plus(config.lease()).atOffset(ZoneOffset.UTC));
                    st.setObject(7, token);
                    st.setObject(8, now.atOffset(ZoneOffset.UTC));
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids;
                }
            });
            if (leased.isEmpty()) {
                return List.<Claimed>of();
            }
            // By key: the lease token has no index, and a search by it read the whole table per batch.
            List<OutboxMessage> messages = OutboxMessage.list("id in ?1 and leaseToken = ?2 order by nextAttemptAt, id",
                    leased, token);
            Map<Long, WebhookSubscription> targets = subscriptions.byIds(messages.stream()
                    .filter(m -> m.subscriptionId != null).map(m -> m.subscriptionId).distinct().toList());
            return messages.stream().map(m -> {
                WebhookSubscription s = m.subscriptionId == null ? null : targets.get(m.subscriptionId);
                return new Claimed(m.id, token, m.attempts, m.idempotencyKey, m.eventType, m.aggregateRef, m.summary,
                        m.payload, m.createdAt, m.channel, m.residentUserId, m.subscriptionId, s == null ? null : s.url,
                        s == null ? null : s.secret);
            }).toList();
        });
    }

    /** The resident's list and the message's status change together, so a message is listed once it counts as delivered. */
    private Outcome deliverToResident(TenantRef city, Claimed c, Instant now) {
        try {
            runner.run(city, () -> {
                residents.deliver(new ResidentInbox.Delivery(c.id(), c.residentUserId(), c.eventType(),
                        c.aggregateRef(), c.summary(), c.payload(), c.createdAt()));
                markDelivered(c, now);
            });
            return new Outcome(c, true, null);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not deliver outbox message %d to resident %d in city %s", c.id(), c.residentUserId(), city.code());
            return new Outcome(c, false, describe(e));
        }
    }

    /** Step 2, no transaction: posts the whole batch at once and waits for every answer or timeout. */
    List<Outcome> send(TenantRef city, List<Claimed> webhooks) {
        if (webhooks.isEmpty()) {
            return List.of();
        }
        List<Uni<Outcome>> calls = webhooks.stream().map(c -> Uni.createFrom()
                .item(() -> new WebhookClient.Delivery(c.url(), c.secret(), c.idempotencyKey(), c.eventType(), c.attempt(),
                        body(city, c)))
                .chain(client::send)
                .map(answer -> answer.accepted() ? new Outcome(c, true, null)
                        : new Outcome(c, false, "HTTP " + answer.status() + " " + (answer.reason() == null ? "" : answer.reason())))
                .onFailure().recoverWithItem(e -> new Outcome(c, false, describe(e)))).toList();
        return Uni.join().all(calls).andFailFast().await().atMost(longestSend());
    }

    /**
     * Step 3, one transaction: each result applies only if the message is still this claim's (or, for
     * success, still pending). The results of a batch go in two statements, not one per message: with a
     * receiver that is down (every attempt fails at once) the statement per message was an eighth of the
     * database's time during intake, as many statements as messages.
     */
    Round record(TenantRef city, List<Outcome> outcomes, Instant now) {
        return runner.call(city, () -> {
            List<Long> delivered = new ArrayList<>();
            List<Outcome> failures = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.delivered()) {
                    delivered.add(o.message().id());
                } else {
                    failures.add(o);
                }
            }
            markDelivered(delivered, now);
            int dead = recordFailures(city, failures, now);
            recordReceivers(city, outcomes, now);
            return new Round(outcomes.size(), delivered.size(), failures.size() - dead, dead);
        });
    }

    /** Tells each webhook receiver's health how this round went, so one that keeps failing is paused. */
    private void recordReceivers(TenantRef city, List<Outcome> outcomes, Instant now) {
        Map<Long, int[]> bySubscription = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.message().subscriptionId() != null) {
                bySubscription.computeIfAbsent(o.message().subscriptionId(), id -> new int[2])[o.delivered() ? 0 : 1]++;
            }
        }
        if (bySubscription.isEmpty()) {
            return;
        }
        List<WebhookSubscriptions.Attempts> attempts = bySubscription.entrySet().stream()
                .map(e -> new WebhookSubscriptions.Attempts(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        for (long paused : subscriptions.recordAttempts(attempts, now, config.backoff().initial(), config.backoff().max())) {
            LOG.warnf("Webhook subscription %d of city %s failed %d or more deliveries in a row and is paused; its messages "
                    + "wait and keep their attempts", paused, city.code(), webhookConfig.pauseAfterFailures());
        }
    }

    /** A batch's failed attempts: retried after their backoff, or dead when they were the last. Returns how many died. */
    private int recordFailures(TenantRef city, List<Outcome> failures, Instant now) {
        if (failures.isEmpty()) {
            return 0;
        }
        int n = failures.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        String[] next = new String[n];
        String[] errors = new String[n];
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            Claimed c = failures.get(i).message();
            boolean last = c.attempt() >= config.maxAttempts();
            ids[i] = c.id();
            statuses[i] = (last ? OutboxMessage.Status.DEAD : OutboxMessage.Status.PENDING).name();
            next[i] = (last ? now : now.plus(Backoff.delay(c.attempt(), config.backoff().initial(),
                    config.backoff().max(), ThreadLocalRandom.current().nextDouble()))).toString();
            errors[i] = truncate(failures.get(i).error());
            tokens[i] = c.leaseToken().toString();
        }
        List<Long> died = em.unwrap(Session.class).doReturningWork(conn -> {
            try (PreparedStatement st = conn.prepareStatement(RECORD_FAILURES)) {
                st.setArray(1, conn.createArrayOf("bigint", ids));
                // Instants and tokens as their ISO and canonical texts, which PostgreSQL casts exactly.
                st.setArray(2, conn.createArrayOf("text", statuses));
                st.setArray(3, conn.createArrayOf("text", next));
                st.setArray(4, conn.createArrayOf("text", errors));
                st.setArray(5, conn.createArrayOf("text", tokens));
                List<Long> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (OutboxMessage.Status.DEAD.name().equals(rs.getString(2))) {
                            rows.add(rs.getLong(1));
                        }
                    }
                }
                return rows;
            }
        });
        for (Outcome o : failures) {
            if (died.contains(o.message().id())) {
                Claimed c = o.message();
                LOG.warnf("Outbox message %d (%s %s) of city %s is dead after %d attempts: %s", c.id(), c.eventType(),
                        c.aggregateRef(), city.code(), c.attempt(), o.error());
            }
        }
        return died.size();
    }

    /** Only rows still leased by this claim change; returns those that became dead. */
    private static final String RECORD_FAILURES = """
            UPDATE outbox_message m
            SET status = u.status, next_attempt_at = u.next_at, last_error = u.error, lease_token = NULL
            FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::uuid[])
                 AS u(id, status, next_at, error, token)
            WHERE m.id = u.id AND m.lease_token = u.token AND m.status = 'PENDING'
            RETURNING m.id, m.status""";

    private static void markDelivered(Claimed c, Instant now) {
        markDelivered(List.of(c.id()), now);
    }

    private static void markDelivered(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        // Delivered is a fact even if this claim's lease ran out meanwhile: no condition on the lease token.
        OutboxMessage.update("status = ?1, deliveredAt = ?2, leaseToken = null where id in ?3 and status = ?4",
                OutboxMessage.Status.DELIVERED, now, ids, OutboxMessage.Status.PENDING);
    }

    /** The JSON a receiver gets: the same on every attempt, so its signature and key describe one event. */
    private byte[] body(TenantRef city, Claimed c) {
        try {
            ObjectNode body = json.createObjectNode();
            body.put("id", c.idempotencyKey().toString());
            body.put("type", c.eventType());
            body.put("city", city.code());
            body.put("aggregate", c.aggregateRef());
            body.put("occurredAt", c.createdAt().toString());
            if (c.summary() != null) {
                body.put("summary", c.summary());
            }
            body.set("data", json.readTree(c.payload()));
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload of outbox message " + c.id() + " is not JSON", e);
        }
    }

    /** The longest a batch can take to send: every connection wave at its full timeout, twice over for safety. */
    private Duration longestSend() {
        int waves = (config.batchSize() + webhookConfig.maxConnectionsPerHost() - 1) / webhookConfig.maxConnectionsPerHost();
        return webhookConfig.timeout().multipliedBy(2L * waves + 1);
    }

    private String describe(Throwable e) {
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return "Timeout: no answer within " + webhookConfig.timeout();
        }
        if (e instanceof ConnectException) {
            return "Could not connect: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
