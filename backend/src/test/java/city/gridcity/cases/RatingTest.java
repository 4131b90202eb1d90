package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.integration.OutboxFixtures;
import city.gridcity.integration.outbox.OutboxWorker;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Satisfaction ratings (满意度评价) of closed cases by the residents who reported or follow them, and
 * the reopen requests a "not solved" raises, through the real API: once per resident and case, within
 * the city's window, bad values named by field with nothing changed, and the acceptor's two answers.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RatingTest {

    @Inject
    TestClock clock;
    @Inject
    OutboxWorker worker;
    @Inject
    OutboxFixtures outbox;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void the_reporting_resident_rates_a_closed_case_once_and_the_rating_is_an_event_and_a_fact() {
        // given a case the resident reported, closed through the loop
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);

        // when they rate it
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "basically-satisfied")
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("修好了，但用了三天").controlName("comment")
                        .mimeType("text/plain").charset("UTF-8").build()).multiPart("photo", "after.jpg", CasePhotosTest.jpeg(), "image/jpeg")
                .post(url(number)).then().statusCode(201)
                .body("state", equalTo("CLOSED")).body("canRate", equalTo(false))
                .body("rating.solved", equalTo(true)).body("rating.rating", equalTo("basically-satisfied"))
                .body("rating.ratingZh", equalTo("基本满意")).body("rating.comment", equalTo("修好了，但用了三天"))
                .body("rating.photoUrl", notNullValue()).body("reopen", nullValue());

        // then the history has one rate event that stays in CLOSED and carries the rating for points and facts
        var events = as(loop.admin()).get("/api/v1/cases/" + number + "/events").then().statusCode(200).extract().jsonPath();
        List<String> actions = events.getList("action");
        assertEquals("rate", actions.get(actions.size() - 1));
        assertEquals("CLOSED", events.getString("from[-1]"));
        assertEquals("CLOSED", events.getString("to[-1]"));
        var data = io.restassured.path.json.JsonPath.from(events.getString("data[-1]"));
        assertEquals("BASICALLY_SATISFIED", data.getString("satisfaction"));
        assertEquals(true, data.getBoolean("solved"));
        assertEquals(loop.get(loop.resident, number).extract().path("reporter"), "居民张三");
        assertTrue(data.getLong("residentId") > 0, "the rater's id, for points");
        as(loop.admin()).get("/api/v1/case-facts/" + number).then().statusCode(200)
                .body("ratings.count", equalTo(1)).body("ratings.basicallySatisfied", equalTo(1))
                .body("ratings.notSolved", equalTo(0)).body("ratings.firstAt", notNullValue())
                .body("reopens.requested", equalTo(0));
        // and the photo is the case's, marked as the rating's
        as(loop.admin()).get("/api/v1/cases/" + number + "/photos").then().statusCode(200)
                .body("stage", hasItem("RATING"));
        as(loop.resident).get(url(number)).then().statusCode(200).body("rating.rating", equalTo("basically-satisfied"));

        // when they rate it again: 409, and nothing changed
        String factsBefore = facts(loop, number);
        rate(loop.resident, number).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                .post(url(number)).then().statusCode(409).body("code", equalTo("already-rated"));
        assertEquals(actions.size(), as(loop.admin()).get("/api/v1/cases/" + number + "/events").then()
                .extract().jsonPath().getList("action").size());
        assertEquals(factsBefore, facts(loop, number));
        as(loop.resident).get(url(number)).then().body("rating.rating", equalTo("basically-satisfied"));
    }

    @Test
    void a_follower_rates_too_but_a_resident_who_neither_reported_nor_followed_is_refused() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        String neighbour = resident(loop, "13900003333");
        String stranger = resident(loop, "13900004444");
        double[] at = loop.spots.get(0);
        as(neighbour).body(Map.of("lon", at[0], "lat", at[1])).post("/api/v1/cases/" + number + "/me-too").then()
                .statusCode(200);
        close(loop, number);

        rate(stranger, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(404);
        as(stranger).get(url(number)).then().statusCode(404);
        rate(neighbour, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(201).body("rating.rating", equalTo("satisfied"));
        as(loop.admin()).get("/api/v1/case-facts/" + number).then().body("ratings.count", equalTo(1))
                .body("ratings.satisfied", equalTo(1));
    }

    @Test
    void a_resident_of_another_city_gets_404_and_staff_may_not_rate() {
        Loop a = Loop.aCity();
        String number = closedResidentCase(a, 0);
        Loop b = Loop.aCity();
        rate(b.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(404);
        as(b.resident).get(url(number)).then().statusCode(404);
        rate(a.acceptor, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(403);
        as(a.admin()).get(url(number)).then().statusCode(403);
        // the generic action list does not take a rating: it has its own fields and endpoint
        a.act(a.resident, number, "rate", Map.of()).statusCode(400).body("errors[0].field", equalTo("rating"));
        as(a.admin()).get("/api/v1/case-facts/" + number).then().body("ratings.count", equalTo(0));
    }

    @Test
    void a_case_that_is_not_closed_is_not_rated() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(409).body("code", equalTo("action-not-allowed"));
        as(loop.resident).get(url(number)).then().statusCode(200).body("canRate", equalTo(false))
                .body("closedAt", nullValue()).body("rateUntil", nullValue()).body("rating", nullValue());
    }

    @Test
    void bad_values_are_named_by_field_and_change_nothing() {
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);
        String before = facts(loop, number);

        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "very-happy").post(url(number)).then()
                .statusCode(400).body("errors[0].field", equalTo("rating"));
        rate(loop.resident, number).multiPart("solved", "yes").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(400).body("errors[0].field", equalTo("solved"));
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied")
                .multiPart("comment", "好".repeat(501)).post(url(number)).then()
                .statusCode(400).body("errors[0].field", equalTo("comment"));
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied")
                .multiPart("photo", "notes.txt", "not a photo at all".getBytes(), "text/plain").post(url(number)).then()
                .statusCode(400).body("errors[0].field", equalTo("photo"));
        // several at once: each is named, so a form shows each message next to its field
        rate(loop.resident, number).multiPart("rating", "").multiPart("comment", "好".repeat(501)).post(url(number))
                .then().statusCode(400).body("errors.field", equalTo(List.of("solved", "rating", "comment")));

        assertEquals(before, facts(loop, number));
        as(loop.resident).get(url(number)).then().statusCode(200).body("rating", nullValue()).body("canRate", equalTo(true));
        as(loop.admin()).get("/api/v1/cases/" + number + "/photos").then().body("stage", not(hasItem("RATING")));
    }

    @Test
    void the_rating_window_is_the_citys_and_after_it_the_resident_is_told_so() {
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);
        Instant closedAt = Instant.parse(as(loop.resident).get(url(number)).then().statusCode(200)
                .body("rateUntil", notNullValue()).extract().path("closedAt"));

        // eight days later, beyond the default seven: refused with a clear problem, nothing recorded
        clock.set(closedAt.plus(Duration.ofDays(8)));
        as(loop.resident).get(url(number)).then().body("canRate", equalTo(false));
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(409).body("code", equalTo("rating-window-closed"))
                .body("detail", org.hamcrest.Matchers.containsString("7 days"));

        // a city that gives its residents ten days: the same rating is accepted
        as(loop.admin()).body(Map.of("ratingWindowDays", 0)).put("/api/v1/workflow/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("ratingWindowDays"));
        as(loop.admin()).body(Map.of("ratingWindowDays", 10)).put("/api/v1/workflow/settings").then().statusCode(200)
                .body("ratingWindowDays", equalTo(10));
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(201);
    }

    @Test
    void not_solved_with_a_comment_asks_the_acceptor_who_reopens_it_as_rework() {
        // given a closed case of the resident's, and the closing message that asks them to rate it
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);
        worker.deliverDue(outbox.ref(loop.city), Instant.now());
        as(loop.resident).get("/api/v1/me/messages").then().statusCode(200)
                .body("items.summary", hasItem(org.hamcrest.Matchers.containsString("欢迎评价")));

        // when they say it is not solved, with a comment
        rate(loop.resident, number).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                .multiPart("comment", "门还是关不上").post(url(number)).then().statusCode(201)
                .body("state", equalTo("REOPEN_PENDING")).body("reopen.status", equalTo("PENDING"));

        // then the request waits in the acceptor's queue of reopen requests (not with new reports), with the
        // resident's words on the case
        as(loop.acceptor).get("/api/v1/queues/reopen").then().statusCode(200)
                .body("items.number", equalTo(List.of(number)));
        as(loop.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200)
                .body("items.number", not(hasItem(number)));
        loop.get(loop.acceptor, number).statusCode(200)
                .body("allowedActions", equalTo(List.of("accept-reopen", "decline-reopen")));
        loop.act(loop.acceptor, number, "decline-reopen", Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));

        // when the acceptor accepts it: back to the department's disposal, as rework with a new clock
        loop.did(loop.acceptor, number, "accept-reopen", Map.of("reason", "请重新维修"));
        loop.get(loop.admin(), number).body("state", equalTo("IN_DISPOSAL")).body("department", equalTo("sanitation"))
                .body("reworkCount", equalTo(1)).body("closedAt", nullValue()).body("solvedLevel", nullValue())
                .body("phases.findAll { it.phase == 'DISPOSAL' }.size()", equalTo(2));
        as(loop.resident).get(url(number)).then().body("reopen.status", equalTo("ACCEPTED"))
                .body("rating.solved", equalTo(false));
        as(loop.admin()).get("/api/v1/case-facts/" + number).then().body("closedAt", nullValue())
                .body("reworks", equalTo(1)).body("reopens.requested", equalTo(1)).body("reopens.accepted", equalTo(1))
                .body("ratings.notSolved", equalTo(1)).body("ratings.dissatisfied", equalTo(1));

        // and it closes again through the loop; the resident rated it once, and that stays
        loop.did(loop.handler, number, "report-back");
        loop.did(loop.districtSupervisor, number, "verify-pass");
        as(loop.resident).get(url(number)).then().body("state", equalTo("CLOSED")).body("canRate", equalTo(false));
        rate(loop.resident, number).multiPart("solved", "true").multiPart("rating", "satisfied").post(url(number)).then()
                .statusCode(409).body("code", equalTo("already-rated"));
    }

    @Test
    void a_declined_reopen_request_closes_the_case_again_and_the_resident_reads_why() {
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);
        rate(loop.resident, number).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                .multiPart("comment", "旁边的垃圾桶也坏了").post(url(number)).then().statusCode(201);

        loop.did(loop.acceptor, number, "decline-reopen", Map.of("reason", "垃圾桶另行上报；厕所门已修好"));

        loop.get(loop.admin(), number).body("state", equalTo("CLOSED")).body("closedAt", notNullValue())
                .body("reworkCount", equalTo(0));
        as(loop.resident).get(url(number)).then().statusCode(200).body("reopen.status", equalTo("DECLINED"))
                .body("reopen.reason", equalTo("垃圾桶另行上报；厕所门已修好")).body("reopen.decidedAt", notNullValue());
        as(loop.resident).get("/api/v1/cases/" + number + "/events").then().statusCode(200)
                .body("find { it.action == 'decline-reopen' }.reason", equalTo("垃圾桶另行上报；厕所门已修好"));
        worker.deliverDue(outbox.ref(loop.city), Instant.now());
        as(loop.resident).get("/api/v1/me/messages").then().statusCode(200)
                .body("items.summary", hasItem(org.hamcrest.Matchers.containsString("重办申请未予受理")));
        as(loop.admin()).get("/api/v1/case-facts/" + number).then().body("reopens.requested", equalTo(1))
                .body("reopens.declined", equalTo(1)).body("reopens.accepted", equalTo(0)).body("closedAt", notNullValue());
        // one request per rating: the resident cannot ask again
        loop.act(loop.resident, number, "request-reopen", Map.of("reason", "再申请")).statusCode(409);
    }

    @Test
    void the_satisfaction_rate_per_department_district_and_street_matches_the_hand_count() {
        // given four closed cases in two districts: A and B reported at spots 0 and 1, C and D at spots 88 and 89;
        // A and B disposed of by sanitation, C and D by the water company
        Loop loop = Loop.aCity();
        String water = CaseWorkflowTest.handlerOf(loop, "water");
        String neighbour = resident(loop, "13900003333");
        String a = loop.reported(loop.resident, 0);
        double[] at = loop.spots.get(0);
        as(neighbour).body(Map.of("lon", at[0], "lat", at[1])).post("/api/v1/cases/" + a + "/me-too").then().statusCode(200);
        close(loop, a);
        String b = closedResidentCase(loop, 1);
        String c = loop.reported(loop.resident, 88);
        closeBy(loop, c, water);
        String d = loop.reported(loop.resident, 89);
        closeBy(loop, d, water);
        Grid ga = grid(loop, a);
        Grid gb = grid(loop, b);
        Grid gc = grid(loop, c);
        Grid gd = grid(loop, d);
        assertEquals(ga.district, gb.district, "spots 0 and 1 lie in one district");
        assertEquals(gc.district, gd.district, "spots 88 and 89 lie in one district");
        assertTrue(!ga.district.equals(gc.district), "and the two districts differ");

        // when: A satisfied (reporter) and basically satisfied (follower); B dissatisfied and not solved, without a
        // comment (no reopen request); C satisfied; D not rated
        rated(loop.resident, a, "true", "satisfied");
        rated(neighbour, a, "true", "basically-satisfied");
        rated(loop.resident, b, "false", "dissatisfied");
        rated(loop.resident, c, "true", "satisfied");

        // then per department: sanitation 2 cases, 2 rated, 3 ratings: (1 + 1) / 3 = 66.67 % satisfied, 1 / 3 = 33.33 %
        // not solved; water 2 cases, 1 rated, 1 rating: 100.00 % and 0.00 %
        String period = "from=" + CaseWorkflowTest.today().minusDays(1) + "&to=" + CaseWorkflowTest.today().plusDays(1);
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=department&" + period).then().statusCode(200)
                .body("code", equalTo(List.of("sanitation", "water")))
                .body("cases", equalTo(List.of(2, 2))).body("ratedCases", equalTo(List.of(2, 1)))
                .body("ratings", equalTo(List.of(3, 1))).body("satisfied", equalTo(List.of(1, 1)))
                .body("basicallySatisfied", equalTo(List.of(1, 0))).body("dissatisfied", equalTo(List.of(1, 0)))
                .body("notSolved", equalTo(List.of(1, 0)))
                .body("satisfiedPercent", equalTo(List.of(66.67f, 100.0f)))
                .body("notSolvedPercent", equalTo(List.of(33.33f, 0.0f)));
        // per district: the same split, as the districts follow the departments here
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=district&" + period).then().statusCode(200)
                .body("find { it.code == '" + ga.district + "' }.satisfiedPercent", equalTo(66.67f))
                .body("find { it.code == '" + ga.district + "' }.ratings", equalTo(3))
                .body("find { it.code == '" + gc.district + "' }.satisfiedPercent", equalTo(100.0f))
                .body("find { it.code == '" + gc.district + "' }.ratedCases", equalTo(1));
        // per street, narrowed to A's street: A alone when B lies elsewhere (2 ratings, both satisfied), else A and B
        var street = as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=street&level=street&code=" + ga.street
                + "&" + period).then().statusCode(200).extract().jsonPath();
        boolean sameStreet = ga.street.equals(gb.street);
        assertEquals(List.of(ga.street), street.getList("code"));
        assertEquals(sameStreet ? 3 : 2, street.getInt("ratings[0]"));
        assertEquals(sameStreet ? 66.67f : 100.0f, street.getFloat("satisfiedPercent[0]"));
        // a period with no closed case has no rows; a bad group is named
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=street&from=2020-01-01&to=2020-02-01").then()
                .statusCode(200).body("size()", equalTo(0));
        as(loop.assessor).get("/api/v1/case-facts/satisfaction?by=community&" + period).then().statusCode(400)
                .body("errors[0].field", equalTo("by"));
        as(loop.resident).get("/api/v1/case-facts/satisfaction?by=district&" + period).then().statusCode(403);
        // another city sees none of these ratings
        Loop other = Loop.aCity();
        as(other.assessor).get("/api/v1/case-facts/satisfaction?by=department&" + period).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void the_portal_rating_page_asks_in_chinese_shows_errors_by_their_field_and_then_the_rating_and_its_outcome() {
        Loop loop = Loop.aCity();
        String number = closedResidentCase(loop, 0);
        String page = "/c/" + loop.city.code() + "/cases/" + number + "/rating";
        RestAssured.given().redirects().follow(false).get(page).then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/c/" + loop.city.code() + "/login?next="
                        + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8)));

        io.restassured.response.Response form = RestAssured.given().cookie("gc_access", loop.resident).get(page);
        form.then().statusCode(200).body(org.hamcrest.Matchers.containsString("问题解决了吗？"))
                .body(org.hamcrest.Matchers.containsString("基本满意")).body(org.hamcrest.Matchers.containsString("lang=\"zh-CN\""));
        String csrf = form.getCookie("gc_csrf");

        // a comment too long: back to the form (post-redirect-get), which answers 400 with the message under the
        // comment, the choices kept
        io.restassured.response.Response refused = utf8().redirects().follow(false)
                .cookie("gc_access", loop.resident).cookie("gc_csrf", csrf)
                .multiPart("_csrf", csrf).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                .multiPart("comment", "长".repeat(501)).post(page);
        refused.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith(page));
        RestAssured.given().cookie("gc_access", loop.resident).cookie("gc_flash", refused.getCookie("gc_flash"))
                .get(page).then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("id=\"error-comment\""))
                .body(org.hamcrest.Matchers.containsString("评价内容最多500字"))
                .body(org.hamcrest.Matchers.containsString("value=\"dissatisfied\" checked"));
        as(loop.resident).get(url(number)).then().body("rating", nullValue());

        // a good rating: back to the page, which thanks and shows it; "not solved" with a comment went to the acceptor
        RestAssured.given().redirects().follow(false).cookie("gc_access", loop.resident).cookie("gc_csrf", csrf)
                .multiPart("_csrf", csrf).multiPart("solved", "false").multiPart("rating", "dissatisfied")
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("门还是坏的").controlName("comment")
                        .charset("UTF-8").build())
                .post(page).then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("?saved=1"));
        loop.did(loop.acceptor, number, "decline-reopen", Map.of("reason", "已按结案标准修复"));
        RestAssured.given().cookie("gc_access", loop.resident).get(page + "?saved=1").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("感谢您的评价"))
                .body(org.hamcrest.Matchers.containsString("门还是坏的"))
                .body(org.hamcrest.Matchers.containsString("未予受理"))
                .body(org.hamcrest.Matchers.containsString("已按结案标准修复"))
                .body(not(org.hamcrest.Matchers.containsString("id=\"rate\"")));
        // another city's resident finds no such case
        Loop other = Loop.aCity();
        RestAssured.given().cookie("gc_access", other.resident).get("/c/" + other.city.code() + "/cases/" + number
                + "/rating").then().statusCode(404);
    }

    // ---- fixtures

    record Grid(String district, String street) {
    }

    static Grid grid(Loop loop, String number) {
        var view = loop.get(loop.admin(), number).statusCode(200).extract().jsonPath();
        return new Grid(view.getString("grid.district"), view.getString("grid.street"));
    }

    static String url(String number) {
        return "/api/v1/cases/" + number + "/rating";
    }

    /** A multipart rating request of the resident; add the fields and post it to {@link #url}. */
    static RequestSpecification rate(String token, String number) {
        return utf8().header("Authorization", "Bearer " + token).accept("application/json");
    }

    /** A request whose text parts are UTF-8, as browsers send them. */
    static RequestSpecification utf8() {
        return RestAssured.given().config(RestAssured.config().multiPartConfig(
                io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8")));
    }

    /** Rates and expects it recorded. */
    static ValidatableResponse rated(String token, String number, String solved, String rating) {
        return rate(token, number).multiPart("solved", solved).multiPart("rating", rating).post(url(number)).then()
                .statusCode(201);
    }

    /** A case the Loop's resident reported at spot {@code i}, closed through the loop. */
    static String closedResidentCase(Loop loop, int spot) {
        String number = loop.reported(loop.resident, spot);
        close(loop, number);
        return number;
    }

    static void close(Loop loop, String number) {
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.did(loop.handler, number, "report-back");
        loop.did(loop.districtSupervisor, number, "verify-pass");
    }

    /** Dispatched to the water company instead of the routed department, which disposes of it. */
    static void closeBy(Loop loop, String number, String waterHandler) {
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch", Map.of("departmentCode", "water", "reason", "供水管网问题"));
        loop.did(waterHandler, number, "accept");
        loop.did(waterHandler, number, "report-back");
        loop.did(loop.districtSupervisor, number, "verify-pass");
    }

    static String resident(Loop loop, String phone) {
        Api.json().body(Map.of("phone", phone, "password", Api.PASSWORD, "displayName", "居民" + phone.substring(7)))
                .post("/api/v1/cities/" + loop.city.code() + "/residents").then().statusCode(201);
        return Api.token(loop.city.code(), phone, Api.PASSWORD);
    }

    static String facts(Loop loop, String number) {
        return as(loop.admin()).get("/api/v1/case-facts/" + number).then().statusCode(200).extract().asString();
    }
}
