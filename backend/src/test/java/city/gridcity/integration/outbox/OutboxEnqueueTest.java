package city.gridcity.integration.outbox;

import static city.gridcity.integration.OutboxFixtures.dispatched;
import static city.gridcity.integration.OutboxFixtures.subscribe;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.integration.EventTypes;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Enqueueing joins the caller's transaction: the message exists exactly when the business change does. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OutboxEnqueueTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxFixtures fixtures;
    @Inject
    TenantRunner runner;
    @Inject
    DepartmentService departments;

    @Test
    void a_rolled_back_business_transaction_leaves_no_outbox_message() throws Exception {
        Api.City city = Api.aCity();
        subscribe(city, "http://127.0.0.1:9/hook", List.of("*"), null);
        long resident = city.createUser("reporter", "resident");

        // given a business change and its notifications in one transaction that then fails
        RuntimeException failure = assertThrows(RuntimeException.class, () -> runner.run(fixtures.ref(city), () -> {
            departments.create(new DepartmentService.DepartmentSpec("rolled-back", "回滚部门",
                    Department.Kind.CITY_DEPARTMENT, List.of(), true));
            List<Enqueued> written = outbox.enqueue(dispatched("ROLLBACK-1"), Recipient.citySubscribers(),
                    Recipient.resident(resident));
            assertEquals(2, written.size());
            throw new IllegalStateException("the case transition fails after enqueueing");
        }));
        assertThat(failure.getMessage(), containsString("fails after enqueueing"));

        // then neither the change nor any message was stored
        assertEquals(0, rows("SELECT count(*) FROM outbox_message WHERE tenant_id = ? AND aggregate_ref = 'ROLLBACK-1'", city.code()));
        assertEquals(0, rows("SELECT count(*) FROM department WHERE tenant_id = ? AND code = 'rolled-back'", city.code()));
    }

    @Test
    void a_committed_business_transaction_commits_its_outbox_messages_with_it() throws Exception {
        Api.City city = Api.aCity();
        subscribe(city, "http://127.0.0.1:9/hook", List.of("*"), null);

        runner.run(fixtures.ref(city), () -> {
            departments.create(new DepartmentService.DepartmentSpec("committed", "提交部门",
                    Department.Kind.CITY_DEPARTMENT, List.of(), true));
            outbox.enqueue(dispatched("COMMIT-1"), Recipient.citySubscribers());
        });

        assertEquals(1, rows("SELECT count(*) FROM outbox_message WHERE tenant_id = ? AND aggregate_ref = 'COMMIT-1' "
                + "AND status = 'PENDING' AND attempts = 0", city.code()));
        assertEquals(1, rows("SELECT count(*) FROM department WHERE tenant_id = ? AND code = 'committed'", city.code()));
    }

    @Test
    void enqueueing_outside_a_transaction_is_refused() {
        assertThrows(TransactionalException.class, () -> outbox.enqueue(dispatched("NO-TX"), Recipient.citySubscribers()));
    }

    @Test
    void each_matching_subscription_gets_one_message_whichever_recipients_matched_it() {
        Api.City city = Api.aCity();
        long cityWide = subscribe(city, "http://127.0.0.1:9/all", List.of("*"), null).getLong("subscription.id");
        long sanitation = subscribe(city, "http://127.0.0.1:9/san", List.of("case.dispatched"), "sanitation")
                .getLong("subscription.id");
        subscribe(city, "http://127.0.0.1:9/closed-only", List.of("case.closed"), "sanitation");
        subscribe(city, "http://127.0.0.1:9/other", List.of("case.*"), "urban-management");

        List<Enqueued> written = fixtures.enqueue(city, dispatched("MATCH-1"), Recipient.department("sanitation"),
                Recipient.citySubscribers());

        assertEquals(Set.of(cityWide, sanitation), written.stream().map(Enqueued::subscriptionId).collect(Collectors.toSet()));
        assertEquals(2, written.size());
        assertEquals(2, written.stream().map(Enqueued::idempotencyKey).distinct().count(), "one key per receiver");
        // an event for no department reaches only the city-wide subscription
        List<Enqueued> reported = fixtures.enqueue(city, new Notification(EventTypes.CASE_REPORTED, "MATCH-2",
                "上报 MATCH-2", Map.of("caseNumber", "MATCH-2")),
                Recipient.citySubscribers());
        assertEquals(List.of(cityWide), reported.stream().map(Enqueued::subscriptionId).toList());
    }

    @Test
    void the_callers_mistakes_fail_its_transaction_with_a_message_saying_what_is_wrong() {
        Api.City city = Api.aCity();
        long resident = city.createUser("resident1", "resident");
        assertThat(enqueueFailure(city, new Notification("case.dispatchd", "X-1", "s", Map.of()), Recipient.citySubscribers()),
                containsString("Unknown event type 'case.dispatchd'"));
        assertThat(enqueueFailure(city, dispatched("X-2"), Recipient.department("no-such-department")),
                containsString("No department 'no-such-department'"));
        assertThat(enqueueFailure(city, dispatched("X-3"), Recipient.resident(resident + 100_000)),
                containsString("No user"));
        assertThat(enqueueFailure(city, new Notification(EventTypes.CASE_CLOSED, "X-4", null, Map.of()),
                Recipient.resident(resident)), containsString("needs a summary"));
        assertThat(enqueueFailure(city, new Notification(EventTypes.CASE_CLOSED, "X-5", "s", List.of(1, 2)),
                Recipient.citySubscribers()), containsString("JSON object"));
        assertThat(enqueueFailure(city, new Notification(EventTypes.CASE_CLOSED, "X-6", "s", Map.of("big", "x".repeat(70_000))),
                Recipient.citySubscribers()), containsString("larger than"));
        assertThat(enqueueFailure(city, dispatched("X-7")), containsString("at least one recipient"));
    }

    @Test
    void a_resident_of_another_city_cannot_be_notified() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long residentOfB = b.createUser("r-of-b", "resident");
        assertThat(enqueueFailure(a, dispatched("CROSS-1"), Recipient.resident(residentOfB)), containsString("No user"));
    }

    private String enqueueFailure(Api.City city, Notification n, Recipient... recipients) {
        Exception e = assertThrows(Exception.class, () -> fixtures.enqueue(city, n, recipients));
        Throwable root = e;
        while (!(root instanceof IllegalArgumentException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root instanceof IllegalArgumentException, "expected the caller's mistake, got " + e);
        return root.getMessage();
    }

    private static int rows(String sql, String city) throws Exception {
        try (Connection c = PostgresResource.superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, city);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }
}
