package city.gridcity.integration.outbox;

import static city.gridcity.integration.OutboxFixtures.dispatched;
import static city.gridcity.integration.OutboxFixtures.message;
import static city.gridcity.integration.OutboxFixtures.subscribe;
import static city.gridcity.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.webhook.WebhookSigner;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.WebhookReceiver;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker against a real local receiver, at times the test chooses. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    /** Later than any backoff (capped at an hour): each round finds the message due again. */
    static final Duration NEXT_ROUND = Duration.ofMinutes(61);

    @Inject
    OutboxWorker worker;
    @Inject
    OutboxFixtures fixtures;
    @Inject
    OutboxConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    city.gridcity.integration.webhook.WebhookConfig webhookConfig;

    @Test
    void a_dispatched_case_reaches_the_departments_and_the_city_wide_receivers_once_signed_with_their_secrets()
            throws Exception {
        Api.City city = Api.aCity();
        try (WebhookReceiver sanitation = WebhookReceiver.start(); WebhookReceiver dashboard = WebhookReceiver.start();
             WebhookReceiver parks = WebhookReceiver.start()) {
            String secret = subscribe(city, sanitation.url(), List.of("case.dispatched"), "sanitation").getString("secret");
            subscribe(city, dashboard.url(), List.of("*"), null);
            subscribe(city, parks.url(), List.of("case.*"), "urban-management");

            List<Enqueued> written = fixtures.enqueue(city, dispatched("C2026-0001"), Recipient.department("sanitation"));
            assertEquals(2, written.size(), "the department's and the city-wide subscription, not the other department's");

            Instant now = Instant.now();
            OutboxWorker.Round round = worker.deliverDue(fixtures.ref(city), now);
            assertEquals(2, round.delivered());

            assertThat(sanitation.received(), hasSize(1));
            assertThat(dashboard.received(), hasSize(1));
            assertThat(parks.received(), hasSize(0));
            WebhookReceiver.Received r = sanitation.received().get(0);
            Enqueued toSanitation = written.stream().filter(e -> e.idempotencyKey().toString()
                    .equals(r.header("Idempotency-Key"))).findFirst().orElseThrow();
            assertEquals("case.dispatched", r.header("X-GridCity-Event"));
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("1", r.header("X-GridCity-Attempt"));
            long timestamp = Long.parseLong(r.header("X-GridCity-Timestamp"));
            assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 60, "the timestamp is the moment of sending");
            // the receiver recomputes the signature from the secret it was shown once
            assertEquals(WebhookSigner.signature(secret, timestamp, r.body()), r.header("X-GridCity-Signature"));
            assertThat(r.header("X-GridCity-Signature"), containsString("sha256="));
            assertEquals(hmacHexByHand(secret, timestamp + "." + new String(r.body(), StandardCharsets.UTF_8)),
                    r.header("X-GridCity-Signature").substring("sha256=".length()));

            JsonNode body = json.readTree(r.body());
            assertEquals(toSanitation.idempotencyKey().toString(), body.path("id").asText());
            assertEquals("case.dispatched", body.path("type").asText());
            assertEquals(city.code(), body.path("city").asText());
            assertEquals("C2026-0001", body.path("aggregate").asText());
            assertEquals("sanitation", body.path("data").path("department").asText());

            JsonPath stored = message(city, toSanitation.messageId());
            assertEquals("DELIVERED", stored.getString("status"));
            assertEquals(1, stored.getInt("attempts"));

            // a later round sends nothing again
            assertEquals(0, worker.deliverDue(fixtures.ref(city), now.plus(NEXT_ROUND)).claimed());
            assertThat(sanitation.received(), hasSize(1));
        }
    }

    @Test
    void a_receiver_that_fails_twice_gets_the_message_on_the_third_attempt_with_the_same_key() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start().answering(500, 503)) {
            subscribe(city, receiver.url(), List.of("case.dispatched"), null);
            Enqueued m = fixtures.enqueue(city, dispatched("C2026-0002"), Recipient.citySubscribers()).get(0);
            TenantRef ref = fixtures.ref(city);
            Instant t0 = Instant.now();

            worker.deliverDue(ref, t0);
            JsonPath afterFirst = message(city, m.messageId());
            assertEquals("PENDING", afterFirst.getString("status"));
            assertEquals(1, afterFirst.getInt("attempts"));
            assertThat(afterFirst.getString("lastError"), containsString("HTTP 500"));
            // first backoff: a random 15-30 s of the initial 30 s
            Instant next = Instant.parse(afterFirst.getString("nextAttemptAt"));
            assertThat(next, greaterThanOrEqualTo(t0.plusSeconds(15)));
            assertThat(next, lessThanOrEqualTo(t0.plusSeconds(30)));
            // not due yet: nothing is sent
            assertEquals(0, worker.deliverDue(ref, t0.plusSeconds(10)).claimed());

            worker.deliverDue(ref, t0.plus(NEXT_ROUND));
            assertThat(message(city, m.messageId()).getString("lastError"), containsString("HTTP 503"));
            worker.deliverDue(ref, t0.plus(NEXT_ROUND.multipliedBy(2)));

            JsonPath delivered = message(city, m.messageId());
            assertEquals("DELIVERED", delivered.getString("status"));
            assertEquals(3, delivered.getInt("attempts"));
            assertThat(receiver.received(), hasSize(3));
            assertEquals(List.of("1", "2", "3"), receiver.received().stream().map(r -> r.header("X-GridCity-Attempt")).toList());
            assertEquals(List.of(m.idempotencyKey().toString()), receiver.received().stream()
                    .map(r -> r.header("Idempotency-Key")).distinct().toList());
            assertEquals(List.of(m.idempotencyKey().toString()), receiver.processedKeys());
        }
    }

    @Test
    void a_receiver_that_always_fails_leaves_the_message_dead_for_the_administrator_who_can_retry_it() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start().alwaysAnswering(500)) {
            subscribe(city, receiver.url(), List.of("case.*"), "sanitation");
            Enqueued m = fixtures.enqueue(city, dispatched("C2026-0003"), Recipient.department("sanitation")).get(0);
            TenantRef ref = fixtures.ref(city);
            Instant t = Instant.now();

            for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
                OutboxWorker.Round round = worker.deliverDue(ref, t);
                assertEquals(1, round.claimed(), "attempt " + attempt);
                t = t.plus(NEXT_ROUND);
            }
            assertThat(receiver.received(), hasSize(config.maxAttempts()));
            JsonPath dead = message(city, m.messageId());
            assertEquals("DEAD", dead.getString("status"));
            assertEquals(config.maxAttempts(), dead.getInt("attempts"));
            assertThat(dead.getString("lastError"), containsString("HTTP 500"));
            assertNull(dead.get("nextAttemptAt"));
            // dead is final: no more attempts
            assertEquals(0, worker.deliverDue(ref, t.plus(Duration.ofDays(1))).claimed());

            // the administrator sees it among the dead and in the counts
            as(city.adminToken()).get("/api/v1/outbox?status=DEAD").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo((int) m.messageId()))
                    .body("items[0].attempts", equalTo(config.maxAttempts()))
                    .body("items[0].lastError", containsString("HTTP 500"));
            as(city.adminToken()).get("/api/v1/outbox/counts").then().statusCode(200)
                    .body("dead", equalTo(1)).body("pending", equalTo(0)).body("delivered", equalTo(0));

            // the receiver is repaired; the administrator retries; the next round delivers with the same key
            receiver.alwaysAnswering(200);
            as(city.adminToken()).post("/api/v1/outbox/" + m.messageId() + "/retry").then().statusCode(200)
                    .body("status", equalTo("PENDING")).body("attempts", equalTo(0));
            as(city.adminToken()).post("/api/v1/outbox/" + m.messageId() + "/retry").then().statusCode(409)
                    .body("code", equalTo("not-dead"));
            worker.deliverDue(ref, Instant.now().plusSeconds(1));
            JsonPath delivered = message(city, m.messageId());
            assertEquals("DELIVERED", delivered.getString("status"));
            assertEquals(1, delivered.getInt("attempts"));
            assertEquals(List.of(m.idempotencyKey().toString()), receiver.processedKeys());
            as(city.adminToken()).get("/api/v1/outbox/counts").then().body("dead", equalTo(0)).body("delivered", equalTo(1));
        }
    }

    @Test
    void a_message_whose_worker_died_mid_delivery_is_sent_again_after_the_lease_with_the_same_key_and_processed_once() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(city, receiver.url(), List.of("case.dispatched"), null);
            Enqueued m = fixtures.enqueue(city, dispatched("C2026-0004"), Recipient.citySubscribers()).get(0);
            TenantRef ref = fixtures.ref(city);
            Instant t0 = Instant.now();

            // a worker claims and sends, then dies before recording the result
            var claimed = worker.claim(ref, t0);
            assertThat(claimed, hasSize(1));
            worker.send(ref, claimed);
            assertThat(receiver.received(), hasSize(1));
            assertEquals("PENDING", message(city, m.messageId()).getString("status"));

            // while its lease runs, no other worker takes it
            assertEquals(0, worker.deliverDue(ref, t0.plus(config.lease()).minusSeconds(1)).claimed());
            // after the lease, it is sent again with the same key; the receiver processes it once
            OutboxWorker.Round retried = worker.deliverDue(ref, t0.plus(config.lease()).plusSeconds(1));
            assertEquals(1, retried.delivered());
            assertThat(receiver.received(), hasSize(2));
            assertEquals(List.of(m.idempotencyKey().toString(), m.idempotencyKey().toString()),
                    receiver.received().stream().map(r -> r.header("Idempotency-Key")).toList());
            assertEquals(List.of(m.idempotencyKey().toString()), receiver.processedKeys());
            JsonPath stored = message(city, m.messageId());
            assertEquals("DELIVERED", stored.getString("status"));
            assertEquals(2, stored.getInt("attempts"));
        }
    }

    @Test
    void two_workers_claiming_at_the_same_moment_never_take_the_same_message() throws Exception {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(city, receiver.url(), List.of("*"), null);
            for (int i = 0; i < 12; i++) {
                fixtures.enqueue(city, dispatched("C2026-1" + i), Recipient.citySubscribers());
            }
            TenantRef ref = fixtures.ref(city);
            Instant now = Instant.now();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                var a = pool.submit(() -> worker.claim(ref, now));
                var b = pool.submit(() -> worker.claim(ref, now));
                var c = pool.submit(() -> worker.claim(ref, now));
                List<Long> ids = new java.util.ArrayList<>();
                for (var f : List.of(a, b, c)) {
                    f.get().forEach(claimed -> ids.add(claimed.id()));
                }
                assertEquals(12, ids.size());
                assertEquals(12, ids.stream().distinct().count(), "no message claimed twice: " + ids);
            } finally {
                pool.shutdownNow();
            }
            // all are leased now: a fourth worker finds nothing
            assertEquals(0, worker.claim(ref, now).size());
        }
    }

    @Test
    void a_receiver_slower_than_the_timeout_or_unreachable_counts_as_a_failed_attempt() {
        Api.City city = Api.aCity();
        WebhookReceiver slow = WebhookReceiver.start().delaying(Duration.ofSeconds(4));
        WebhookReceiver gone = WebhookReceiver.start();
        try (slow) {
            subscribe(city, slow.url(), List.of("*"), null);
            subscribe(city, gone.url(), List.of("*"), null);
            gone.close();
            List<Enqueued> written = fixtures.enqueue(city, dispatched("C2026-0005"), Recipient.citySubscribers());

            OutboxWorker.Round round = worker.deliverDue(fixtures.ref(city), Instant.now());
            assertEquals(2, round.failed());
            JsonPath timedOut = message(city, written.get(0).messageId());
            assertEquals("PENDING", timedOut.getString("status"));
            assertEquals(1, timedOut.getInt("attempts"));
            assertThat(timedOut.getString("lastError").toLowerCase(), containsString("timeout"));
            JsonPath refused = message(city, written.get(1).messageId());
            assertEquals("PENDING", refused.getString("status"));
            assertThat(refused.getString("lastError"), containsString("connect"));
        }
    }

    @Test
    void an_inactive_subscription_holds_its_messages_until_it_is_active_again() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long id = subscribe(city, receiver.url(), List.of("*"), null).getLong("subscription.id");
            Enqueued m = fixtures.enqueue(city, dispatched("C2026-0006"), Recipient.citySubscribers()).get(0);
            Map<String, Object> paused = Map.of("name", "暂停", "url", receiver.url(), "eventTypes", List.of("*"), "active", false);
            as(city.adminToken()).body(paused).put("/api/v1/webhooks/" + id).then().statusCode(200).body("active", equalTo(false));

            assertEquals(0, worker.deliverDue(fixtures.ref(city), Instant.now()).claimed());
            assertEquals("PENDING", message(city, m.messageId()).getString("status"));
            // and an inactive subscription gets no new messages
            assertThat(fixtures.enqueue(city, dispatched("C2026-0007"), Recipient.citySubscribers()), hasSize(0));

            Map<String, Object> resumed = Map.of("name", "恢复", "url", receiver.url(), "eventTypes", List.of("*"));
            as(city.adminToken()).body(resumed).put("/api/v1/webhooks/" + id).then().statusCode(200).body("active", equalTo(true));
            assertEquals(1, worker.deliverDue(fixtures.ref(city), Instant.now()).delivered());
            assertThat(receiver.received(), hasSize(1));
        }
    }

    @Test
    void the_messages_of_a_deleted_subscription_become_dead_and_cannot_be_retried() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long id = subscribe(city, receiver.url(), List.of("*"), null).getLong("subscription.id");
            Enqueued m = fixtures.enqueue(city, dispatched("C2026-0008"), Recipient.citySubscribers()).get(0);
            as(city.adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(204);

            worker.deliverDue(fixtures.ref(city), Instant.now());
            JsonPath dead = message(city, m.messageId());
            assertEquals("DEAD", dead.getString("status"));
            assertThat(dead.getString("lastError"), containsString("deleted"));
            assertNull(dead.get("subscriptionId"));
            as(city.adminToken()).post("/api/v1/outbox/" + m.messageId() + "/retry").then().statusCode(409)
                    .body("code", equalTo("subscription-deleted"));
            assertThat(receiver.received(), hasSize(0));
        }
    }

    @Test
    void a_receiver_that_keeps_failing_is_paused_so_waiting_messages_keep_their_attempts_until_a_probe_succeeds() {
        // given a receiver that is down, and more messages for it than the failures that pause it
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start().alwaysAnswering(503)) {
            long id = subscribe(city, receiver.url(), List.of("*"), null).getLong("subscription.id");
            int first = webhookConfig.pauseAfterFailures() + 2;
            for (int i = 0; i < first; i++) {
                fixtures.enqueue(city, dispatched("P-" + i), Recipient.citySubscribers());
            }
            TenantRef ref = fixtures.ref(city);
            Instant t0 = Instant.now();

            // when one round fails them all, the receiver is paused for the shortest pause (it has just begun failing)
            assertEquals(first, worker.deliverDue(ref, t0).failed());
            JsonPath health = as(city.adminToken()).get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals(first, health.getInt("consecutiveFailures"));
            assertSecondsAfter(t0, 0, health.getString("failingSince"));
            assertSecondsAfter(t0, config.backoff().initial().toSeconds(), health.getString("pausedUntil"));

            // then a new message waits through the pause without an attempt, though it is due
            Enqueued fresh = fixtures.enqueue(city, dispatched("P-new"), Recipient.citySubscribers()).get(0);
            assertEquals(0, worker.deliverDue(ref, t0.plusSeconds(29)).claimed());
            assertEquals(0, message(city, fresh.messageId()).getInt("attempts"));
            assertThat(receiver.received(), hasSize(first));

            // after the pause one batch probes it; failing again pauses it for as long as it has been failing
            OutboxWorker.Round probe = worker.deliverDue(ref, t0.plusSeconds(40));
            assertEquals(first + 1, probe.failed());
            health = as(city.adminToken()).get("/api/v1/webhooks/" + id).then().extract().jsonPath();
            assertEquals(2 * first + 1, health.getInt("consecutiveFailures"));
            assertSecondsAfter(t0, 80, health.getString("pausedUntil"));
            assertEquals(0, worker.deliverDue(ref, t0.plusSeconds(79)).claimed());

            // when the receiver answers again, the next probe delivers and clears its failures
            receiver.alwaysAnswering(200);
            OutboxWorker.Round healed = worker.deliverDue(ref, t0.plus(NEXT_ROUND));
            assertEquals(first + 1, healed.delivered());
            health = as(city.adminToken()).get("/api/v1/webhooks/" + id).then().extract().jsonPath();
            assertEquals(0, health.getInt("consecutiveFailures"));
            assertNull(health.get("failingSince"));
            assertNull(health.get("pausedUntil"));
            // the message that waited through the pause spent attempts only on the probe and the delivery
            assertEquals("DELIVERED", message(city, fresh.messageId()).getString("status"));
            assertEquals(2, message(city, fresh.messageId()).getInt("attempts"));
        }
    }

    @Test
    void the_administrator_resumes_a_paused_receiver_at_once_and_its_waiting_messages_go_out_in_the_next_round() {
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start().alwaysAnswering(500)) {
            long id = subscribe(city, receiver.url(), List.of("*"), null).getLong("subscription.id");
            for (int i = 0; i < webhookConfig.pauseAfterFailures(); i++) {
                fixtures.enqueue(city, dispatched("R-" + i), Recipient.citySubscribers());
            }
            TenantRef ref = fixtures.ref(city);
            Instant t0 = Instant.now();
            worker.deliverDue(ref, t0);
            as(city.adminToken()).get("/api/v1/webhooks/" + id).then().body("pausedUntil", org.hamcrest.Matchers.notNullValue());
            Enqueued fresh = fixtures.enqueue(city, dispatched("R-new"), Recipient.citySubscribers()).get(0);

            // the receiver is repaired and the administrator resumes it
            receiver.alwaysAnswering(200);
            as(city.adminToken()).post("/api/v1/webhooks/" + id + "/resume").then().statusCode(200)
                    .body("consecutiveFailures", equalTo(0)).body("pausedUntil", org.hamcrest.Matchers.nullValue())
                    .body("failingSince", org.hamcrest.Matchers.nullValue());

            assertEquals(1, worker.deliverDue(ref, t0.plusSeconds(1)).delivered());
            assertEquals("DELIVERED", message(city, fresh.messageId()).getString("status"));
        }
    }

    @Test
    void a_paused_receivers_waiting_queue_neither_holds_back_another_receiver_nor_spends_its_own_attempts() {
        Api.City city = Api.aCity();
        try (WebhookReceiver down = WebhookReceiver.start().alwaysAnswering(500);
             WebhookReceiver up = WebhookReceiver.start().alwaysAnswering(200)) {
            long downId = subscribe(city, down.url(), List.of("*"), null).getLong("subscription.id");
            subscribe(city, up.url(), List.of("*"), null);
            TenantRef ref = fixtures.ref(city);
            for (int i = 0; i < webhookConfig.pauseAfterFailures(); i++) {
                fixtures.enqueue(city, dispatched("P-" + i), Recipient.citySubscribers());
            }
            Instant t0 = Instant.now();
            worker.deliverDue(ref, t0);
            as(city.adminToken()).get("/api/v1/webhooks/" + downId).then().body("pausedUntil", org.hamcrest.Matchers.notNullValue());

            // given more waiting messages for the paused receiver than a batch holds, each with its twin for the other
            List<Enqueued> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < config.batchSize() + 5; i++) {
                waiting.addAll(fixtures.enqueue(city, dispatched("W-" + i), Recipient.citySubscribers()));
            }
            // when rounds run during the pause
            for (int round = 0; round < 5; round++) {
                worker.deliverDue(ref, t0.plusSeconds(1 + round));
            }
            // then every message of the working receiver went out, and the paused one's were not even attempted
            int downs = 0;
            for (Enqueued e : waiting) {
                JsonPath m = message(city, e.messageId());
                if (e.subscriptionId() == downId) {
                    downs++;
                    assertEquals("PENDING", m.getString("status"));
                    assertEquals(0, m.getInt("attempts"), "a waiting message of the paused receiver was attempted");
                } else {
                    assertEquals("DELIVERED", m.getString("status"));
                }
            }
            assertEquals(config.batchSize() + 5, downs);
        }
    }

    /** {@code text} is the instant {@code seconds} after {@code t0}, to the second (PostgreSQL keeps microseconds). */
    private static void assertSecondsAfter(Instant t0, long seconds, String text) {
        long actual = Duration.between(t0, Instant.parse(text)).toMillis();
        assertTrue(Math.abs(actual - seconds * 1000) < 1000, "expected " + seconds + " s after " + t0 + ", was " + text);
    }

    @Test
    void the_scheduled_round_delivers_for_every_active_city() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        try (WebhookReceiver forA = WebhookReceiver.start(); WebhookReceiver forB = WebhookReceiver.start()) {
            subscribe(a, forA.url(), List.of("*"), null);
            subscribe(b, forB.url(), List.of("*"), null);
            Enqueued inA = fixtures.enqueue(a, dispatched("A-1"), Recipient.citySubscribers()).get(0);
            Enqueued inB = fixtures.enqueue(b, dispatched("B-1"), Recipient.citySubscribers()).get(0);

            worker.deliverDue(Instant.now());

            assertEquals("DELIVERED", message(a, inA.messageId()).getString("status"));
            assertEquals("DELIVERED", message(b, inB.messageId()).getString("status"));
            assertEquals(List.of(inA.idempotencyKey().toString()), forA.processedKeys());
            assertEquals(List.of(inB.idempotencyKey().toString()), forB.processedKeys());
        }
    }

    @Test
    void a_backlog_larger_than_a_batch_is_drained_by_one_scheduled_run_not_one_batch_per_interval() {
        // given a city whose receiver has more messages waiting than one batch holds
        Api.City city = Api.aCity();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            subscribe(city, receiver.url(), List.of("*"), null);
            int waiting = config.batchSize() * 2 + 3;
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < waiting; i++) {
                keys.add(fixtures.enqueue(city, dispatched("D-" + i), Recipient.citySubscribers()).get(0)
                        .idempotencyKey().toString());
            }

            // when the worker runs once
            OutboxWorker.Round run = worker.drain(Duration.ofSeconds(30));

            // then every message was delivered, each once, in consecutive batches of that one run
            assertTrue(run.delivered() >= waiting, "delivered " + run.delivered() + " of " + waiting);
            assertEquals(keys.stream().sorted().toList(), receiver.processedKeys().stream().sorted().toList());
            assertEquals(0, worker.deliverDue(fixtures.ref(city), Instant.now()).claimed());
        }
    }

    private static String hmacHexByHand(String secret, String signed) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
