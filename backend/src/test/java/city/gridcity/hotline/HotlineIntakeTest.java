package city.gridcity.hotline;

import static city.gridcity.support.Api.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.cases.LoopAccess;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The hotline platform files complaints once per ticket, hears the result, and complaints meet grid findings. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class HotlineIntakeTest {

    @Inject
    OutboxWorker worker;

    @Inject
    OutboxFixtures fixtures;

    @Inject
    ObjectMapper json;

    @Test
    void a_ticket_filed_twice_is_one_case_and_its_result_is_called_back_to_the_hotline_platform() throws Exception {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        try (WebhookReceiver platform = WebhookReceiver.start()) {
            OutboxFixtures.subscribe(loop.city(), platform.url(), List.of("hotline.result"), null);
            Map<String, Object> complaint = complaint(loop, "12345-20261123-0001", 26);
            String number = as(hotline).body(complaint).post("/api/v1/hotline/complaints").then().statusCode(201)
                    .body("created", equalTo(true)).body("state", equalTo("REPORTED")).extract().path("caseNumber");
            as(hotline).body(complaint).post("/api/v1/hotline/complaints").then().statusCode(200)
                    .body("created", equalTo(false)).body("caseNumber", equalTo(number));
            loop.get(loop.acceptor(), number).body("source", equalTo("hotline-12345"));

            loop.closeThroughTheLoop(number);
            as(hotline).get("/api/v1/hotline/complaints/12345-20261123-0001").then().statusCode(200)
                    .body("state", equalTo("CLOSED"));
            worker.deliverDue(fixtures.ref(loop.city()), Instant.now());
            assertThat(platform.received(), hasSize(1));
            JsonNode body = json.readTree(platform.received().get(0).body());
            assertEquals("hotline.result", body.path("type").asText());
            assertEquals("12345-20261123-0001", body.path("data").path("ticket").asText());
            assertEquals("CLOSED", body.path("data").path("result").asText());
        }
    }

    @Test
    void a_complaint_merged_into_a_grid_case_is_called_back_when_that_case_closes() throws Exception {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        try (WebhookReceiver platform = WebhookReceiver.start()) {
            OutboxFixtures.subscribe(loop.city(), platform.url(), List.of("hotline.result"), null);
            String grid = loop.reportBySupervisor(36);
            String complaint = as(hotline).body(complaint(loop, "T-MERGE", 36)).post("/api/v1/hotline/complaints").then()
                    .statusCode(201).extract().path("caseNumber");
            as(loop.acceptor()).body(Map.of("action", "merge", "duplicateOf", grid))
                    .post("/api/v1/cases/" + complaint + "/actions").then().statusCode(200);
            worker.deliverDue(fixtures.ref(loop.city()), Instant.now());
            assertThat("merging is not the end of the caller's problem", platform.received(), hasSize(0));
            loop.closeThroughTheLoop(grid);
            worker.deliverDue(fixtures.ref(loop.city()), Instant.now());
            assertThat(platform.received(), hasSize(1));
            JsonNode body = json.readTree(platform.received().get(0).body());
            assertEquals("T-MERGE", body.path("data").path("ticket").asText());
            assertEquals("CLOSED", body.path("data").path("result").asText());
            assertEquals(grid, body.path("aggregate").asText());
        }
    }

    @Test
    void concurrent_retries_of_one_ticket_make_one_case() throws Exception {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        Map<String, Object> complaint = complaint(loop, "T-RACE-1", 27);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return as(hotline).body(complaint).post("/api/v1/hotline/complaints");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (Future<Response> f : calls) {
                statuses.add(f.get().statusCode());
                numbers.add(f.get().jsonPath().getString("caseNumber"));
            }
            assertThat(statuses, containsInAnyOrder(201, 200, 200, 200));
            assertEquals(1, numbers.stream().distinct().count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bad_complaints_are_refused_naming_the_field() {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        Map<String, Object> noTicket = new HashMap<>(complaint(loop, "x", 28));
        noTicket.remove("ticket");
        as(hotline).body(noTicket).post("/api/v1/hotline/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("ticket"));
        Map<String, Object> nowhere = new HashMap<>(complaint(loop, "T-2", 28));
        nowhere.remove("lon");
        nowhere.remove("lat");
        as(hotline).body(nowhere).post("/api/v1/hotline/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("location"));
        nowhere.put("unitCode", "98019999999999999");
        as(hotline).body(nowhere).post("/api/v1/hotline/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("unitCode"));
        Map<String, Object> wrongSource = new HashMap<>(complaint(loop, "T-3", 28));
        wrongSource.put("source", "wechat");
        as(hotline).body(wrongSource).post("/api/v1/hotline/complaints").then().statusCode(400)
                .body("errors[0].field", equalTo("source"));
        // only the hotline platform's account files complaints; a resident cannot
        as(loop.resident()).body(complaint(loop, "T-4", 28)).post("/api/v1/hotline/complaints").then().statusCode(403);
        // another city's hotline account does not see this city's tickets
        String foreign = Api.aCity().userWith("hotline", "hotline-platform");
        as(hotline).body(complaint(loop, "T-5", 28)).post("/api/v1/hotline/complaints").then().statusCode(201);
        as(foreign).get("/api/v1/hotline/complaints/T-5").then().statusCode(404);
    }

    @Test
    void a_complaint_placed_by_its_unit_grid_is_located_inside_that_grid() {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        String unit = loop.unitAt(29);
        Map<String, Object> byGrid = new HashMap<>(complaint(loop, "T-GRID", 29));
        byGrid.remove("lon");
        byGrid.remove("lat");
        byGrid.put("unitCode", unit);
        String number = as(hotline).body(byGrid).post("/api/v1/hotline/complaints").then().statusCode(201).extract()
                .path("caseNumber");
        loop.get(loop.acceptor(), number).body("grid.unit", equalTo(unit));
    }

    @Test
    void each_day_complaints_are_matched_with_grid_findings_for_the_discovery_and_solved_before_complained_rates() {
        LoopAccess loop = LoopAccess.aCity();
        String hotline = loop.city().userWith("hotline", "hotline-platform");
        // the grid found and closed one problem before anyone called; another it never found
        String found = loop.reportBySupervisor(34);
        loop.closeThroughTheLoop(found);
        as(hotline).body(complaint(loop, "T-M1", 34)).post("/api/v1/hotline/complaints").then().statusCode(201);
        as(hotline).body(complaint(loop, "T-M2", 35)).post("/api/v1/hotline/complaints").then().statusCode(201);

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        as(loop.admin()).queryParam("day", today.toString()).post("/api/v1/hotline/matching").then().statusCode(200)
                .body("matched", equalTo(2));
        as(loop.admin()).queryParam("day", today.toString()).post("/api/v1/hotline/matching").then().statusCode(200)
                .body("matched", equalTo(0));
        as(loop.acceptor()).queryParam("from", today.toString()).queryParam("to", today.toString())
                .get("/api/v1/hotline/rates").then().statusCode(200)
                .body("complaints", equalTo(2)).body("foundByGrid", equalTo(1)).body("foundFirst", equalTo(1))
                .body("solvedFirst", equalTo(1)).body("discoveryRate", equalTo(0.5f))
                .body("solvedBeforeComplaintRate", equalTo(0.5f));
        as(loop.acceptor()).queryParam("from", "yesterday").get("/api/v1/hotline/rates").then().statusCode(400);
        as(loop.admin()).post("/api/v1/hotline/matching").then().statusCode(400).body("errors[0].field", equalTo("day"));
        as(Api.aCity().userWith("acceptor", "acceptor")).queryParam("from", today.toString())
                .queryParam("to", today.toString()).get("/api/v1/hotline/rates").then().body("complaints", equalTo(0));
    }

    static Map<String, Object> complaint(LoopAccess loop, String ticket, int spot) {
        double[] p = loop.spot(spot);
        return Map.of("ticket", ticket, "kind", "component", "classCode", "0301", "lon", p[0], "lat", p[1],
                "address", "和平路公厕", "text", "市民来电：公共厕所门坏了");
    }
}
