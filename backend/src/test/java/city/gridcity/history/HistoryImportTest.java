package city.gridcity.history;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.grid.GridGenerator;
import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history import: a generated month of an older system's cases (see {@link HistoryGenerator} for what each case
 * of a day is) brought in and assessed like native cases, bad files refused whole with every problem by line, the
 * same file twice, no notifications, and the walls. November 2026, ten cases a day in one district, the toilet
 * (component 0301) filed under condition A: 4 natural hours to dispose of it.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class HistoryImportTest {

    static final GridGenerator.Spec GRID = new GridGenerator.Spec("9803", 9L, 118.70, 31.90, 2, 3, 6, 12, 90, 200, 1, 0);
    static final String TOILET = "0301";
    static final String NOVEMBER = "\"from\": \"2026-11-01\", \"to\": \"2026-12-01\"";

    @Inject
    TestClock clock;

    @Inject
    PackLibrary packs;

    @Inject
    TenantProvisioning provisioning;

    Api.City city;
    String district;
    List<double[]> spots;

    @BeforeEach
    void aCityWithItsGridAndTheToiletsRuleSinceOctober() {
        city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(GRID);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        String firstUnit = null;
        for (var f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())) {
                firstUnit = f.get("properties").get("code").asText();
                break;
            }
        }
        district = firstUnit.substring(0, 6);
        spots = HistoryGenerator.unitCentres(layout, district);
        // the rule of the old system's time: weight 2, condition A gives the disposal 4 natural hours
        clock.set(LocalDateTime.of(2026, 10, 31, 9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        as(city.adminToken()).body(Map.of("baseCaseWeight", 2, "conditions", List.of(
                Map.of("code", "A", "text", "损坏、缺失", "limit", Map.of("amount", 4, "unit", "NATURAL_HOURS"),
                        "closing", "修复完好"))))
                .post("/api/v1/catalog/component/" + TOILET + "/rules").then().statusCode(201);
        clock.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    String month(int perDay) {
        return HistoryGenerator.generate(new HistoryGenerator.Spec(YearMonth.of(2026, 11), ZoneId.of("Asia/Shanghai"),
                "OLD", spots, perDay, "component", TOILET, "A", "sanitation", Duration.ofHours(1), Duration.ofHours(6)));
    }

    static io.restassured.specification.RequestSpecification lines(String token, String body) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String items() {
        StringBuilder items = new StringBuilder();
        String[][] all = {{"reports", "deduction-per-count-inverse"}, {"filed", "deduction-per-count-inverse"},
                {"base-case-count", "deduction-per-count-inverse"}, {"filing-rate", "proportional"},
                {"dispatch-on-time-rate", "proportional"}, {"dispatch-accuracy", "proportional"},
                {"due", "deduction-per-count-inverse"}, {"closure-rate", "proportional"},
                {"on-time-closure-rate", "proportional"}, {"rework-rate", "proportional-inverse"},
                {"verification-on-time-rate", "proportional"}, {"missed-report-rate-routine", "proportional-inverse"},
                {"satisfaction-rate", "proportional"}};
        for (String[] item : all) {
            if (!items.isEmpty()) {
                items.append(", ");
            }
            items.append("{\"code\": \"").append(item[0]).append("\", \"name\": \"").append(item[0])
                    .append("\", \"indicator\": \"").append(item[0]).append("\", \"points\": 10, \"rule\": \"")
                    .append(item[1]).append("\"")
                    .append(item[1].startsWith("deduction") ? ", \"params\": {\"k\": 0.01}" : "")
                    .append(", \"noData\": \"FULL\"}");
        }
        return items.toString();
    }

    static BigDecimal value(JsonPath card, String item) {
        return new BigDecimal(card.getString("items.find { it.code == '" + item + "' }.measure.value"));
    }

    static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static void assertRate(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual.setScale(4, RoundingMode.HALF_UP)), what + ": " + actual);
    }

    @Test
    void a_generated_month_imported_counts_in_the_assessment_exactly_like_native_cases_indicator_by_indicator() {
        String file = month(10);

        JsonPath created = lines(city.adminToken(), file).post("/api/v1/history/imports").then()
                .log().ifValidationFails().statusCode(201).body("state", equalTo("COMPLETED")).body("lines", equalTo(300))
                .body("created", equalTo(300)).body("unchanged", equalTo(0)).body("judgements", equalTo(60))
                .extract().jsonPath();
        int id = created.getInt("id");
        as(city.adminToken()).get("/api/v1/history/imports/" + id).then().statusCode(200)
                .body("created", equalTo(300)).body("lines", equalTo(300));
        as(city.adminToken()).get("/api/v1/history/imports").then().statusCode(200).body("id", hasItem(id));
        // the old system's judgements are the case core's judged samples now, which the duplicate and false rates read
        as(city.userWith("reviewer", "city-supervisor")).queryParam("status", "JUDGED").get("/api/v1/sampling/samples")
                .then().statusCode(200).body("size()", equalTo(60)).body("origin", everyItem(equalTo("IMPORT")));
        // marked as imported, facts built from the history: the fifth case of the 3rd was reported back twice
        as(city.adminToken()).get("/api/v1/case-facts/OLD-20261103-0005").then().statusCode(200)
                .body("imported", equalTo(true)).body("state", equalTo("CLOSED")).body("reworks", equalTo(1))
                .body("disposal.attempts", equalTo(2)).body("grid.district", equalTo(district));
        as(city.adminToken()).get("/api/v1/case-facts/OLD-20261103-0009").then().statusCode(200)
                .body("missedReport", equalTo(true)).body("channel", equalTo("CITY_SUPERVISOR"));

        as(city.adminToken()).body("""
                {"effectiveFrom": "2026-01-01", "scheme": {"code": "history", "name": "历史考评", "targets": "DISTRICT",
                 "weightsMustAddUp": false, "components": [{"code": "system", "name": "系统数据", "weight": 1,
                 "items": [%s]}]}}
                """.formatted(items())).put("/api/v1/assessment/schemes/history").then().log().ifValidationFails()
                .statusCode(201);
        int run = as(city.adminToken()).body("{\"scheme\": \"history\", " + NOVEMBER + "}")
                .post("/api/v1/assessment/runs").then().log().ifValidationFails().statusCode(201).extract().path("id");
        JsonPath card = as(city.adminToken()).get("/api/v1/assessment/runs/" + run + "/cards/" + district).then()
                .statusCode(200).extract().jsonPath();

        // 30 days × 10 cases: each day 8 filed (0-6 and 8), 1 rejected (7), 1 merged (9)
        assertEquals(0, BigDecimal.valueOf(300).compareTo(value(card, "reports")));
        assertEquals(0, BigDecimal.valueOf(240).compareTo(value(card, "filed")));
        // weight 2 each
        assertEquals(0, BigDecimal.valueOf(480).compareTo(value(card, "base-case-count")));
        // 240 / (300 − 30 merged)
        assertRate(ratio(240, 270), value(card, "filing-rate"), "filing rate");
        // every dispatch phase ended 10 minutes after it began: 240 + 30 second dispatches, all on time
        assertRate(ratio(270, 270), value(card, "dispatch-on-time-rate"), "dispatch on time");
        // 270 dispatches, 30 returned (case 6 of each day)
        assertRate(ratio(240, 270), value(card, "dispatch-accuracy"), "dispatch accuracy");
        // every filed case was accepted: its disposal deadline (4 h later) fell in November
        assertEquals(0, BigDecimal.valueOf(240).compareTo(value(card, "due")));
        // closed: 0-6 of each day = 210 of 240 (case 8 stays in disposal)
        assertRate(ratio(210, 240), value(card, "closure-rate"), "closure rate");
        // on time: 0-4 and 6 (case 5 reported back after 6 h of 4) = 180 of 240
        assertRate(ratio(180, 240), value(card, "on-time-closure-rate"), "on-time closure");
        // failed a verification: case 4 of each day, of the 210 verified
        assertRate(ratio(30, 210), value(card, "rework-rate"), "rework rate");
        // verifications 20 minutes after the report back: 210 + 30 second verifications, all on time
        assertRate(ratio(240, 240), value(card, "verification-on-time-rate"), "verification on time");
        // each day: 1 missed (the city supervisor's) / (8 district supervisors' + 1), the mean of 30 such days
        assertRate(ratio(1, 9), value(card, "missed-report-rate-routine"), "missed reports");
        // ratings of cases 0, 1, 2: satisfied, basically satisfied, dissatisfied → 60 of 90
        assertRate(ratio(60, 90), value(card, "satisfaction-rate"), "satisfaction");
    }

    @Test
    void a_file_with_a_point_outside_a_forbidden_action_an_unknown_subclass_and_a_malformed_line_lists_every_problem_by_line_and_stores_nothing() {
        String[] good = month(1).split("\n");
        String outside = good[1].replaceFirst("\"lon\":[0-9.]+", "\"lon\":10.5");
        // accepting before the case was dispatched: the table has no such row from 已立案
        String forbidden = good[2].replaceFirst("\\{\"action\":\"dispatch\"[^}]*}},?", "")
                .replaceFirst("\\{\"action\":\"dispatch\",\"actor\":\\{[^}]*},\"at\":\"[^\"]*\",\"department\":\"sanitation\"},",
                        "");
        String unknown = good[3].replace("\"classCode\":\"0301\"", "\"classCode\":\"0999\"");
        String malformed = "{\"number\": \"OLD-BROKEN\", \"events\": [";
        String file = String.join("\n", good[0], outside, forbidden, unknown, malformed) + "\n";
        assertTrue(!forbidden.contains("\"dispatch\""), forbidden);

        JsonPath problem = lines(city.adminToken(), file).post("/api/v1/history/imports").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("history-refused")).extract().jsonPath();
        List<Map<String, Object>> errors = problem.getList("errors");
        assertEquals(List.of(2, 3, 4, 5), errors.stream().map(e -> (Integer) e.get("line")).distinct().toList(),
                errors.toString());
        assertEquals(List.of("point"), fields(errors, 2));
        assertEquals(List.of("events[1].action"), fields(errors, 3));
        assertEquals(List.of("classCode"), fields(errors, 4));
        assertEquals(List.of("(line)"), fields(errors, 5));
        assertTrue(errors.stream().filter(e -> e.get("line").equals(3)).findFirst().orElseThrow().get("message")
                .toString().contains("dispatch"), "names what the table allows");

        as(city.adminToken()).get("/api/v1/history/imports").then().statusCode(200).body("$", empty());
        as(city.adminToken()).get("/api/v1/case-facts/OLD-20261101-0001").then().statusCode(404);
    }

    static List<String> fields(List<Map<String, Object>> errors, int line) {
        return errors.stream().filter(e -> e.get("line").equals(line)).map(e -> (String) e.get("field")).toList();
    }

    @Test
    void the_same_file_twice_changes_nothing_and_a_number_back_with_other_content_is_a_problem_on_its_line() {
        String file = month(1);
        int id = lines(city.adminToken(), file).post("/api/v1/history/imports").then().statusCode(201)
                .body("created", equalTo(30)).extract().path("id");
        long before = summaryReports();

        lines(city.adminToken(), file).post("/api/v1/history/imports").then().statusCode(200).body("id", equalTo(id))
                .body("created", equalTo(30));
        assertEquals(before, summaryReports());
        as(city.adminToken()).get("/api/v1/history/imports").then().body("id", equalTo(List.of(id)));

        // the same cases in a new file with one more: the known ones are unchanged, the new one created
        String extended = file + month(1).split("\n")[0].replace("OLD-20261101-0001", "OLD-EXTRA-0001") + "\n";
        lines(city.adminToken(), extended).post("/api/v1/history/imports").then().statusCode(201)
                .body("lines", equalTo(31)).body("created", equalTo(1)).body("unchanged", equalTo(30));
        assertEquals(before + 1, summaryReports());

        String changed = file.replaceFirst("旧系统地址 OLD-20261102-0001", "另一个地址");
        lines(city.adminToken(), changed).post("/api/v1/history/imports").then().statusCode(400)
                .body("errors[0].line", equalTo(2)).body("errors[0].field", equalTo("number"));
        assertEquals(before + 1, summaryReports());
    }

    long summaryReports() {
        return ((Number) as(city.adminToken()).get("/api/v1/case-facts/summary?from=2026-11-01&to=2026-12-01&on=reported")
                .then().statusCode(200).extract().path("cases")).longValue();
    }

    @Test
    void imported_cases_notify_nobody() {
        as(city.adminToken()).body(Map.of("name", "全部事件", "url", "https://receiver.example.org/gridcity",
                "eventTypes", List.of("*"))).post("/api/v1/webhooks").then().statusCode(201);
        // a native case dispatched: the subscription hears of it
        String supervisor = city.userWith("dsup", "district-supervisor");
        String acceptor = city.userWith("acceptor", "acceptor");
        String dispatcher = city.userWith("dispatcher", "dispatcher");
        String number = as(supervisor).body(new HashMap<>(Map.of("kind", "component", "classCode", TOILET,
                        "lon", spots.get(0)[0], "lat", spots.get(0)[1], "description", "公共厕所门损坏")))
                .post("/api/v1/cases").then().statusCode(201).extract().path("number");
        as(acceptor).body(Map.of("action", "file", "conditionCode", "A")).post("/api/v1/cases/" + number + "/actions")
                .then().statusCode(200);
        as(dispatcher).body(Map.of("action", "dispatch")).post("/api/v1/cases/" + number + "/actions").then()
                .statusCode(200);
        long native1 = outboxTotal();
        assertTrue(native1 > 0, "the native case was announced");

        lines(city.adminToken(), month(1)).post("/api/v1/history/imports").then().statusCode(201);

        assertEquals(native1, outboxTotal(), "30 imported cases, filed, dispatched and closed, announced nothing");
    }

    long outboxTotal() {
        JsonPath counts = as(city.adminToken()).get("/api/v1/outbox/counts").then().statusCode(200).extract().jsonPath();
        return counts.getLong("pending") + counts.getLong("delivered") + counts.getLong("dead");
    }

    @Test
    void an_administrator_of_another_city_sees_nothing_of_this_citys_imports_and_other_roles_are_refused() {
        int id = lines(city.adminToken(), month(1)).post("/api/v1/history/imports").then().statusCode(201)
                .extract().path("id");

        Api.City other = Api.aCity();
        as(other.adminToken()).get("/api/v1/history/imports/" + id).then().statusCode(404);
        as(other.adminToken()).get("/api/v1/history/imports").then().statusCode(200).body("id", not(hasItem(id)));

        String assessor = city.userWith("assessor", "assessor");
        lines(assessor, month(1)).post("/api/v1/history/imports").then().statusCode(403);
        as(assessor).get("/api/v1/history/imports/" + id).then().statusCode(403);
        as(assessor).get("/api/v1/history/imports").then().statusCode(403);
    }

    @Test
    void the_ncity_demo_pack_brings_a_month_of_history_so_its_assessment_is_not_empty() {
        DemoCity demo = DemoCity.from("ncity", packs, provisioning);
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        JsonPath imports = as(admin).get("/api/v1/history/imports").then().statusCode(200).extract().jsonPath();
        assertEquals(1, imports.getList("id").size());
        // five cases a day through November (HistoryGenerator.ncity)
        assertEquals(150, imports.getInt("[0].created"));
        JsonPath run = as(admin).body("{\"scheme\": \"districts\", " + NOVEMBER + "}").post("/api/v1/assessment/runs")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(150, run.getInt("cases"), "the run read the month");
    }
}
