package city.gridcity.citizen;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.integration.EventTypes;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.outbox.Enqueued;
import city.gridcity.integration.outbox.Notification;
import city.gridcity.integration.outbox.OutboxCleanupJob;
import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Residents' message lists, filled by the outbox worker and read on the portal. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResidentMessagesTest {

    @Inject
    OutboxWorker worker;
    @Inject
    OutboxFixtures fixtures;
    @Inject
    OutboxCleanupJob cleanup;

    @Test
    void a_resident_sees_only_their_own_messages_newest_first_and_marks_them_read() {
        Api.City city = Api.aCity();
        long alice = city.createUser("alice", "resident");
        long bob = city.createUser("bob", "resident");
        String aliceToken = Api.token(city.code(), "alice", Api.PASSWORD);
        String bobToken = Api.token(city.code(), "bob", Api.PASSWORD);
        fixtures.enqueue(city, notice(EventTypes.CASE_FILED, "C-1", "您上报的问题已立案"), Recipient.resident(alice));
        fixtures.enqueue(city, notice(EventTypes.CASE_CLOSED, "C-1", "您上报的问题已结案"), Recipient.resident(alice));
        fixtures.enqueue(city, notice(EventTypes.CASE_FILED, "C-2", "鲍勃的问题已立案"), Recipient.resident(bob));

        assertEquals(3, worker.deliverDue(fixtures.ref(city), Instant.now()).delivered());

        var list = as(aliceToken).get("/api/v1/me/messages").then().statusCode(200)
                .body("total", equalTo(2)).body("unread", equalTo(2)).body("items", hasSize(2))
                .body("items[0].summary", equalTo("您上报的问题已结案"))
                .body("items[1].summary", equalTo("您上报的问题已立案"))
                .body("items[0].eventType", equalTo("case.closed"))
                .body("items[0].aggregateRef", equalTo("C-1"))
                .body("items[0].data.caseNumber", equalTo("C-1"))
                .extract().jsonPath();
        int newest = list.getInt("items[0].id");
        as(aliceToken).post("/api/v1/me/messages/" + newest + "/read").then().statusCode(200)
                .body("readAt", notNullValue());
        as(aliceToken).get("/api/v1/me/messages").then().body("unread", equalTo(1)).body("total", equalTo(2));
        as(aliceToken).get("/api/v1/me/messages?page=1&size=1").then().body("items", hasSize(1))
                .body("items[0].summary", equalTo("您上报的问题已立案"));

        // Bob sees his one message, and cannot touch Alice's
        as(bobToken).get("/api/v1/me/messages").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].summary", equalTo("鲍勃的问题已立案"));
        as(bobToken).post("/api/v1/me/messages/" + newest + "/read").then().statusCode(404);
    }

    @Test
    void another_citys_user_sees_none_of_a_citys_messages() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long alice = a.createUser("alice", "resident");
        fixtures.enqueue(a, notice(EventTypes.CASE_FILED, "A-1", "已立案"), Recipient.resident(alice));
        worker.deliverDue(fixtures.ref(a), Instant.now());
        int id = as(Api.token(a.code(), "alice", Api.PASSWORD)).get("/api/v1/me/messages").then()
                .extract().path("items[0].id");

        String residentOfB = b.userWith("carol", "resident");
        as(residentOfB).get("/api/v1/me/messages").then().statusCode(200).body("total", equalTo(0));
        as(residentOfB).post("/api/v1/me/messages/" + id + "/read").then().statusCode(404);
        as(b.adminToken()).post("/api/v1/me/messages/" + id + "/read").then().statusCode(404);
    }

    @Test
    void the_message_list_needs_a_signed_in_city_user() {
        Api.json().get("/api/v1/me/messages").then().statusCode(401);
        as(Api.operatorToken()).get("/api/v1/me/messages").then().statusCode(403);
    }

    @Test
    void delivering_the_same_outbox_message_twice_lists_it_once() throws Exception {
        Api.City city = Api.aCity();
        long alice = city.createUser("alice", "resident");
        Enqueued m = fixtures.enqueue(city, notice(EventTypes.CASE_DISPATCHED, "C-9", "已派遣"), Recipient.resident(alice)).get(0);
        worker.deliverDue(fixtures.ref(city), Instant.now());

        // a second worker delivers it again (as after a lost acknowledgement): the list keeps one
        sql("UPDATE outbox_message SET status = 'PENDING', delivered_at = NULL, next_attempt_at = now() - interval '1 second' WHERE id = " + m.messageId());
        assertEquals(1, worker.deliverDue(fixtures.ref(city), Instant.now()).delivered());

        as(Api.token(city.code(), "alice", Api.PASSWORD)).get("/api/v1/me/messages").then().body("total", equalTo(1));
        assertEquals("DELIVERED", OutboxFixtures.message(city, m.messageId()).getString("status"));
    }

    @Test
    void delivered_messages_are_purged_after_their_retention_and_residents_keep_theirs() throws Exception {
        Api.City city = Api.aCity();
        long alice = city.createUser("alice", "resident");
        Enqueued old = fixtures.enqueue(city, notice(EventTypes.CASE_CLOSED, "OLD-1", "已结案"), Recipient.resident(alice)).get(0);
        Enqueued recent = fixtures.enqueue(city, notice(EventTypes.CASE_FILED, "NEW-1", "已立案"), Recipient.resident(alice)).get(0);
        worker.deliverDue(fixtures.ref(city), Instant.now());
        sql("UPDATE outbox_message SET delivered_at = now() - interval '31 days' WHERE id = " + old.messageId());

        cleanup.purge(Instant.now());

        as(city.adminToken()).get("/api/v1/outbox/" + old.messageId()).then().statusCode(404);
        as(city.adminToken()).get("/api/v1/outbox/" + recent.messageId()).then().statusCode(200);
        as(Api.token(city.code(), "alice", Api.PASSWORD)).get("/api/v1/me/messages").then().body("total", equalTo(2));
    }

    private static Notification notice(String type, String caseNumber, String summary) {
        return new Notification(type, caseNumber, summary, Map.of("caseNumber", caseNumber));
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = PostgresResource.superuser(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }
}
