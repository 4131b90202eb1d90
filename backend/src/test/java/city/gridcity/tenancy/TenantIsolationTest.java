package city.gridcity.tenancy;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import city.gridcity.identity.AppUser;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class TenantIsolationTest {

    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;
    @Inject
    EntityManager em;

    @Test
    void a_user_of_city_b_gets_404_for_every_user_of_city_a_even_with_guessed_ids() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long aUser = a.createUser("alice", "acceptor");

        List<Integer> ownIds = as(b.adminToken()).get("/api/v1/users?size=200").then().statusCode(200)
                .extract().path("items.id");

        // when city B's administrator guesses ids around city A's user, then only B's own are found
        for (long id = Math.max(1, aUser - 5); id <= aUser + 5; id++) {
            int expected = ownIds.contains((int) id) ? 200 : 404;
            as(b.adminToken()).get("/api/v1/users/" + id).then().statusCode(expected);
        }
        as(b.adminToken()).get("/api/v1/users/" + aUser).then().statusCode(404).body("code", equalTo("not-found"));
        as(b.adminToken()).body(Map.of("displayName", "hijacked")).patch("/api/v1/users/" + aUser).then().statusCode(404);
        as(b.adminToken()).body(Map.of("newPassword", "Hijack2026x")).post("/api/v1/users/" + aUser + "/password")
                .then().statusCode(404);
        as(a.adminToken()).get("/api/v1/users/" + aUser).then().statusCode(200).body("displayName", equalTo("alice"));
    }

    @Test
    void a_city_lists_only_its_own_users() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        a.createUser("only-in-a", "dispatcher");
        b.createUser("only-in-b", "dispatcher");

        as(b.adminToken()).get("/api/v1/users?size=200").then().statusCode(200)
                .body("items.username", hasItem("only-in-b"))
                .body("items.username", not(hasItem("only-in-a")));
        as(b.adminToken()).get("/api/v1/users?q=only-in-a").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void a_token_of_city_a_is_refused_on_city_b_paths() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(Map.of("username", "visitor", "password", Api.PASSWORD))
                .post("/api/v1/cities/" + b.code() + "/residents").then().statusCode(403).body("code", equalTo("wrong-city"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + a.adminToken())
                .get("/c/" + b.code()).then().statusCode(403);
    }

    @Test
    void row_level_security_hides_other_cities_rows_from_a_native_query_without_a_filter() throws Exception {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        a.createUser("native-a", "acceptor");
        b.createUser("native-b", "acceptor");
        TenantRef cityB = directory.byCode(b.code()).orElseThrow();

        // when a native query forgets its tenant filter, in city B's scope
        @SuppressWarnings("unchecked")
        List<String> seen = runner.call(cityB, () -> em.createNativeQuery("SELECT username FROM app_user").getResultList());
        @SuppressWarnings("unchecked")
        List<String> tenants = runner.call(cityB, () -> em.createNativeQuery("SELECT DISTINCT tenant_id FROM app_user")
                .getResultList());

        // then it still sees only city B's rows
        assertEquals(List.of(b.code()), tenants);
        org.hamcrest.MatcherAssert.assertThat(seen, hasItem("native-b"));
        org.hamcrest.MatcherAssert.assertThat(seen, not(hasItem("native-a")));
        // and outside any city's scope it sees no user at all
        Number outside = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(
                () -> (Number) em.createNativeQuery("SELECT count(*) FROM app_user").getSingleResult());
        assertEquals(0, outside.intValue());
        // while the rows really are there, as a superuser sees
        try (Connection c = PostgresResource.superuser();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(DISTINCT tenant_id) FROM app_user WHERE username IN ('native-a','native-b')")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test
    void row_level_security_refuses_writing_a_row_into_another_city() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        TenantRef cityB = directory.byCode(b.code()).orElseThrow();
        Exception refused = assertThrows(Exception.class, () -> runner.run(cityB, () -> em.createNativeQuery(
                "UPDATE app_user SET tenant_id = ?1 WHERE username = 'admin'").setParameter(1, a.code()).executeUpdate()));
        org.hamcrest.MatcherAssert.assertThat(rootMessage(refused), org.hamcrest.Matchers.containsString("row-level security"));
    }

    @Test
    void hibernate_finds_nothing_of_city_a_by_id_in_city_b_scope() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        long aUser = a.createUser("by-id", "assessor");
        TenantRef cityB = directory.byCode(b.code()).orElseThrow();
        AppUser found = runner.call(cityB, () -> AppUser.findById(aUser));
        assertEquals(null, found);
        List<String> all = runner.call(cityB, () -> AppUser.<AppUser>listAll().stream().map(u -> u.tenantId).distinct().toList());
        org.hamcrest.MatcherAssert.assertThat(all, everyItem(equalTo(b.code())));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
