package city.gridcity.points;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.ProblemException;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ledger's invariants, each on its own: they hold whatever the rules awarded. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class LedgerInvariantsTest {

    @Inject
    Ledger ledger;
    @Inject
    PointAwards awards;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;
    @Inject
    EntityManager em;

    @Test
    void the_database_refuses_the_service_any_change_or_removal_of_a_transfer() {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        TenantRef city = city(c);
        runner.run(city, () -> awards.awardVolunteerWork(alice.id(), "task:1", "test", Instant.now()));

        RuntimeException update = assertThrows(RuntimeException.class, () -> runner.run(city,
                () -> em.createNativeQuery("UPDATE points_transfer SET amount = 1000").executeUpdate()));
        RuntimeException delete = assertThrows(RuntimeException.class, () -> runner.run(city,
                () -> em.createNativeQuery("DELETE FROM points_transfer").executeUpdate()));
        assertTrue(chain(update).contains("permission denied"), chain(update));
        assertTrue(chain(delete).contains("permission denied"), chain(delete));
        assertEquals(5, c.balance(alice.token()));
        assertEquals(5, c.transfers(alice.token()).getInt("items[0].points"));
    }

    @Test
    void every_transfer_moves_points_between_two_accounts_of_its_own_city() throws Exception {
        PointsCity a = PointsCity.with(PointsCity.rules());
        PointsCity b = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = a.resident("alice");
        PointsCity.Resident bob = b.resident("bob");
        runner.run(city(a), () -> awards.awardVolunteerWork(alice.id(), "task:1", "test", Instant.now()));
        runner.run(city(b), () -> awards.awardVolunteerWork(bob.id(), "task:1", "test", Instant.now()));
        long bobsAccount = runner.call(city(b), () -> ledger.resident(bob.id()).orElseThrow().id());

        // A transfer of city A that names city B's account is refused by the database.
        RuntimeException crossing = assertThrows(RuntimeException.class, () -> runner.run(city(a), () -> {
            long issuance = ledger.cityAccount(Ledger.AccountKind.ISSUANCE, Instant.now());
            ledger.post(UUID.randomUUID(), issuance, bobsAccount, 1, new Ledger.Entry(Ledger.Kind.VOLUNTEER_WORK, bob.id(),
                    null, null, null, null, null, "across cities", Instant.now()), 1);
        }));
        assertTrue(chain(crossing).contains("points_transfer_credit_fk"), chain(crossing));

        try (Connection db = PostgresResource.superuser(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM points_transfer t JOIN points_account d ON d.id = t.debit_account "
                     + "JOIN points_account k ON k.id = t.credit_account WHERE d.tenant_id <> t.tenant_id "
                     + "OR k.tenant_id <> t.tenant_id OR t.debit_account = t.credit_account")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void a_resident_balance_never_goes_below_zero_and_a_refused_debit_changes_nothing() throws Exception {
        PointsCity c = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = c.resident("alice");
        TenantRef city = city(c);
        runner.run(city, () -> awards.awardVolunteerWork(alice.id(), "task:1", "test", Instant.now()));

        ProblemException refused = assertThrows(ProblemException.class, () -> runner.run(city, () -> {
            Ledger.Account account = ledger.lockResident(alice.id(), Instant.now());
            long expiry = ledger.cityAccount(Ledger.AccountKind.EXPIRY, Instant.now());
            ledger.post(UUID.randomUUID(), account.id(), expiry, 6, new Ledger.Entry(Ledger.Kind.EXPIRY, alice.id(), null,
                    null, null, null, null, "more than held", Instant.now()), 0);
        }));
        assertEquals("not-enough-points", refused.code());
        assertEquals(5, c.balance(alice.token()));
        assertEquals(1, c.transfers(alice.token()).getInt("total"));

        RuntimeException direct = assertThrows(RuntimeException.class, () -> runner.run(city, () ->
                em.createNativeQuery("UPDATE points_account SET balance = -1 WHERE kind = 'RESIDENT'").executeUpdate()));
        assertTrue(chain(direct).contains("points_account_balance_ck"), chain(direct));
    }

    @Test
    void the_balances_of_a_city_add_up_to_zero_and_each_equals_the_replay_of_its_transfers() throws Exception {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 40));
        PointsCity.Resident alice = c.resident("alice");
        PointsCity.Resident bob = c.resident("bob");
        TenantRef city = city(c);
        runner.run(city, () -> {
            awards.awardVolunteerWork(alice.id(), "task:1", "test", Instant.now());
            awards.awardVolunteerWork(bob.id(), "task:2", "test", Instant.now());
        });
        Number reward = as(c.admin()).body(Map.of("code", "tea", "nameZh", "茶叶", "nameEn", "Tea", "price", 15, "stock", 3))
                .post("/api/v1/rewards").then().statusCode(201).extract().path("id");
        String code = as(alice.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().path("code");
        Number cancelled = as(bob.token()).post("/api/v1/rewards/" + reward + "/redemptions").then().statusCode(201)
                .extract().path("id");
        as(c.admin()).post("/api/v1/redemptions/" + code + "/fulfilment").then().statusCode(200);
        as(bob.token()).delete("/api/v1/me/redemptions/" + cancelled).then().statusCode(200);

        JsonPath audit = c.ledgerAudit();
        assertEquals(0, audit.getLong("sumOfBalances"));
        assertTrue(audit.getBoolean("balanced"));
        assertTrue(audit.getBoolean("consistent"));
        assertEquals(6, audit.getInt("transfers"), "2 awards, 2 holds, 1 pickup, 1 return");
        assertEquals(25, c.balance(alice.token()));
        assertEquals(40, c.balance(bob.token()));

        // Someone edits a balance behind the service's back: the audit names the account.
        try (Connection db = PostgresResource.superuser(); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE points_account SET balance = balance + 5 WHERE tenant_id = '" + c.city.code()
                    + "' AND user_id = " + bob.id());
        }
        as(c.admin()).get("/api/v1/points/ledger-audit").then().statusCode(200)
                .body("consistent", equalTo(false)).body("balanced", equalTo(false))
                .body("mismatches[0].userId", equalTo((int) bob.id())).body("mismatches[0].stored", equalTo(45))
                .body("mismatches[0].replayed", equalTo(40));
    }

    @Test
    void the_ledger_audit_is_the_administrators_and_sees_only_their_city() {
        PointsCity a = PointsCity.with(PointsCity.rules());
        PointsCity b = PointsCity.with(PointsCity.rules());
        PointsCity.Resident alice = a.resident("alice");
        runner.run(city(a), () -> awards.awardVolunteerWork(alice.id(), "task:1", "test", Instant.now()));

        as(alice.token()).get("/api/v1/points/ledger-audit").then().statusCode(403);
        as(a.acceptor()).get("/api/v1/points/ledger-audit").then().statusCode(403);
        assertEquals(1, a.ledgerAudit().getInt("transfers"));
        JsonPath other = b.ledgerAudit();
        assertEquals(0, other.getInt("transfers"));
        assertFalse(other.getList("mismatches").size() > 0);
    }

    private TenantRef city(PointsCity c) {
        return directory.byCode(c.city.code()).orElseThrow();
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            sb.append(x.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
