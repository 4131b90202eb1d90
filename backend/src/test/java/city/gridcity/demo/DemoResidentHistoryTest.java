package city.gridcity.demo;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The demo resident's history: written through the product's services at demo load, once. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DemoResidentHistoryTest {

    @Inject
    DemoResidentHistory history;
    @Inject
    PackLibrary packs;
    @Inject
    TenantProvisioning provisioning;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;

    private boolean seed(TenantRef city) {
        AtomicBoolean written = new AtomicBoolean();
        runner.run(city, () -> written.set(history.seed(city)));
        return written.get();
    }

    @Test
    void the_demo_resident_has_reports_in_several_states_points_for_them_and_a_pickup_code_and_a_restart_adds_nothing() {
        // given a demo city as demo mode loads it
        DemoCity demo = DemoCity.from("kcity", packs, provisioning);
        TenantRef city = directory.byCode(demo.code()).orElseThrow();
        String resident = Api.token(demo.code(), "resident", demo.staffPassword());

        // when its demo resident's history is written
        assertTrue(seed(city));

        // then they have three reports: one closed and rated, one being handled, one just sent
        JsonPath points = as(resident).get("/api/v1/me/points/transfers").then().statusCode(200).extract().jsonPath();
        List<String> kinds = points.getList("items.kind");
        assertTrue(kinds.containsAll(List.of("REPORT_FILED", "RATING", "HOLD")), kinds.toString());
        assertEquals(2, kinds.stream().filter("REPORT_FILED"::equals).count(), "two of the reports were filed: " + kinds);
        String closed = points.getString("items.find { it.kind == 'RATING' }.caseNumber");
        as(resident).get("/api/v1/cases/" + closed).then().statusCode(200).body("state", equalTo("CLOSED"));
        as(resident).get("/api/v1/cases/" + closed + "/rating").then().statusCode(200)
                .body("rating.rating", equalTo("satisfied")).body("rating.solved", equalTo(true));
        List<String> filed = points.getList("items.findAll { it.kind == 'REPORT_FILED' }.caseNumber");
        String inHand = filed.stream().filter(n -> !n.equals(closed)).findFirst().orElseThrow();
        as(resident).get("/api/v1/cases/" + inHand).then().statusCode(200).body("state", equalTo("DISPATCHED"));
        // 10 for each filed report (weight 1.0), 3 for the rating, less the badge's 10 held
        as(resident).get("/api/v1/me/points").then().statusCode(200).body("balance", equalTo(13))
                .body("lifetimePoints", equalTo(23));
        as(resident).get("/api/v1/me/redemptions").then().statusCode(200)
                .body("items.status", hasItems("HELD")).body("items[0].code", matchesPattern("[A-Z0-9]{8}"));

        // when the service starts again, nothing is added
        assertFalse(seed(city));
        as(resident).get("/api/v1/me/points/transfers").then().body("total", equalTo(points.getInt("total")));
    }

    @Test
    void a_city_without_the_demo_resident_gets_no_history() {
        Api.City plain = Api.aCity();
        assertFalse(seed(directory.byCode(plain.code()).orElseThrow()));
    }

    @Test
    void a_step_that_fails_midway_leaves_nothing_of_the_history_and_the_next_start_writes_it_whole() {
        // given a demo city whose badge has run out, so the last step (holding it) fails after the reports,
        // the staff's actions, the rating and the points are made
        DemoCity demo = DemoCity.from("kcity", packs, provisioning);
        TenantRef city = directory.byCode(demo.code()).orElseThrow();
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        String resident = Api.token(demo.code(), "resident", demo.staffPassword());
        int badge = as(admin).get("/api/v1/rewards?all=true").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.code == 'city-badge' }.id");
        int stock = as(admin).get("/api/v1/rewards/" + badge).then().extract().path("stock");
        as(admin).body(java.util.Map.of("stock", 0)).patch("/api/v1/rewards/" + badge).then().statusCode(200);

        // when the history is written: the hold is refused, and so is everything before it
        org.junit.jupiter.api.Assertions.assertThrows(city.gridcity.shared.problem.ProblemException.class, () -> seed(city));
        as(admin).get("/api/v1/case-facts?from=2020-01-01&to=2100-01-01").then().statusCode(200)
                .body("total", equalTo(0));
        as(resident).get("/api/v1/me/points/transfers").then().statusCode(200).body("total", equalTo(0));
        as(resident).get("/api/v1/me/points").then().body("balance", equalTo(0)).body("lifetimePoints", equalTo(0));
        as(resident).get("/api/v1/me/redemptions").then().body("total", equalTo(0));
        as(resident).get("/api/v1/me/messages").then().statusCode(200).body("items.size()", equalTo(0));
        assertTrue(as(admin).get("/api/v1/points/ledger-audit").then().statusCode(200).extract().jsonPath()
                .getBoolean("balanced"));

        // when the badge is back in stock and the service starts again: the whole history, once
        as(admin).body(java.util.Map.of("stock", stock)).patch("/api/v1/rewards/" + badge).then().statusCode(200);
        assertTrue(seed(city));
        as(admin).get("/api/v1/case-facts?from=2020-01-01&to=2100-01-01").then().body("total", equalTo(3));
        as(resident).get("/api/v1/me/points").then().body("balance", equalTo(13)).body("lifetimePoints", equalTo(23));
        as(resident).get("/api/v1/me/redemptions").then().body("total", equalTo(1));
        assertFalse(seed(city));
    }
}
