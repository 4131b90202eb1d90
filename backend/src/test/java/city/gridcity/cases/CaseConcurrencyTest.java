package city.gridcity.cases;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two people acting on one case at the same moment: one wins, the other is told, nothing is half-applied. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseConcurrencyTest {

    @Test
    void of_two_acceptors_filing_and_rejecting_one_report_at_once_one_wins_and_the_other_gets_a_conflict() throws Exception {
        Loop loop = Loop.aCity();
        String second = loop.city.userWith("acceptor2", "acceptor");
        for (int round = 0; round < 5; round++) {
            String number = loop.reported(loop.districtSupervisor, 50 + round);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Response> filing = pool.submit(() -> {
                    start.await();
                    return city.gridcity.support.Api.as(loop.acceptor).body(Map.of("action", "file", "conditionCode", "A"))
                            .post("/api/v1/cases/" + number + "/actions");
                });
                Future<Response> rejecting = pool.submit(() -> {
                    start.await();
                    return city.gridcity.support.Api.as(second).body(Map.of("action", "reject", "reason", "不属实"))
                            .post("/api/v1/cases/" + number + "/actions");
                });
                start.countDown();
                List<Integer> statuses = new ArrayList<>(List.of(filing.get().statusCode(), rejecting.get().statusCode()));
                assertThat(statuses, containsInAnyOrder(200, 409));
                Response loser = filing.get().statusCode() == 409 ? filing.get() : rejecting.get();
                assertEquals("action-not-allowed", loser.jsonPath().getString("code"));
                List<String> actions = loop.actions(number);
                assertEquals(2, actions.size(), "one report and exactly one decision: " + actions);
                String state = loop.get(loop.acceptor, number).extract().path("state");
                assertThat(state, equalTo(actions.get(1).equals("file") ? "FILED" : "REJECTED"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void an_action_based_on_a_stale_version_is_refused_after_someone_else_changed_the_case() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 60);
        int seen = loop.get(loop.acceptor, number).extract().path("version");
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A", "version", seen));
        loop.act(loop.dispatcher, number, "dispatch", Map.of("version", seen)).statusCode(409)
                .body("code", equalTo("case-changed")).body("allowedActions", org.hamcrest.Matchers.hasItem("dispatch"));
    }
}
