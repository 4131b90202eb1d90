package city.gridcity.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's case pages, driven as a browser would: the page cookie, forms with their CSRF token. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CasePagesTest {

    @Inject
    TestClock clock;

    @Inject
    CaseDeadlineJob job;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void an_acceptor_sees_a_reported_case_in_the_acceptance_queue_opens_it_and_files_it_with_a_condition() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");

        acceptor.get("/console").then().statusCode(200).body(containsString("href=\"/console/work\""))
                .body(containsString("我的待办"));
        acceptor.get("/console/work").then().statusCode(200)
                .body(containsString("id=\"queue-acceptance\"")).body(containsString("待受理"))
                .body(containsString("共 1 件")).body(containsString(number))
                .body(not(containsString("id=\"queue-dispatch\"")));
        acceptor.get("/console/queues/acceptance").then().statusCode(200)
                .body(containsString("/console/cases/" + number)).body(containsString("待受理"))
                .body(containsString("0301 公共厕所"));
        acceptor.get("/console/queues/acceptance?classCode=0302").then().statusCode(200)
                .body(not(containsString("/console/cases/" + number)));
        acceptor.get("/console/queues/acceptance?grid=abc").then().statusCode(400)
                .body(containsString("网格编码为6至17位数字"));
        acceptor.get("/console/queues/dispatch").then().statusCode(403);

        String page = acceptor.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"state\">待受理")).body(containsString("id=\"form-file\""))
                .body(containsString("<option value=\"A\">")).body(containsString("id=\"form-reject\""))
                .body(not(containsString("id=\"form-dispatch\"")))
                .extract().asString();

        acceptor.act(number, version(page), Map.of("action", "file", "conditionCode", "A")).then().statusCode(303)
                .header("Location", endsWith("/console/cases/" + number));

        acceptor.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"state\">待派遣")).body(containsString("立案"))
                // the history in the reader's language, the condition with its text and the limit in Chinese units
                .body(containsString("立案条件：A · ")).body(containsString("处置时限："))
                .body(not(containsString("condition: A"))).body(not(containsString("WORKING_")));
        loop.get(loop.acceptor, number).statusCode(200).body("state", equalTo("FILED")).body("conditionCode", equalTo("A"));
    }

    @Test
    void a_dispatcher_dispatches_to_the_suggested_department_and_a_handler_accepts_and_reports_back() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));

        Browser dispatcher = Browser.signIn(loop.city.code(), "dispatcher");
        dispatcher.get("/console/queues/dispatch").then().statusCode(200).body(containsString(number));
        String page = dispatcher.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"form-dispatch\"")).body(containsString("<option value=\"sanitation\" selected>"))
                .body(containsString("id=\"form-whistle\""))
                .extract().asString();
        dispatcher.act(number, version(page), Map.of("action", "dispatch", "departmentCode", "sanitation"))
                .then().statusCode(303);

        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.get("/console/work").then().statusCode(200).body(containsString("id=\"queue-disposal\""))
                .body(containsString(number));
        page = handler.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"state\">待签收")).body(containsString("id=\"form-accept\""))
                .extract().asString();
        handler.act(number, version(page), Map.of("action", "accept")).then().statusCode(303);
        page = handler.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"state\">处置中")).body(containsString("id=\"form-report-back\""))
                .body(containsString("id=\"form-request-extension\"")).body(containsString("id=\"upload\""))
                .extract().asString();
        handler.act(number, version(page), Map.of("action", "report-back", "reason", "已修好门锁")).then().statusCode(303);

        handler.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"state\">待核查")).body(containsString("已修好门锁"))
                .body(containsString("派遣")).body(containsString("签收"));
        loop.get(loop.admin(), number).body("state", equalTo("REPORTED_BACK")).body("department", equalTo("sanitation"));
        assertEquals(List.of("report", "file", "dispatch", "accept", "report-back"), loop.actions(number));
    }

    @Test
    void an_action_on_a_stale_page_or_out_of_turn_shows_the_conflict_on_the_page_and_changes_nothing() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        String stale = acceptor.get("/console/cases/" + number).then().statusCode(200).extract().asString();
        // Meanwhile another acceptor files it.
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));

        acceptor.act(number, version(stale), Map.of("action", "reject", "reason", "不属于城管范围")).then().statusCode(409)
                .body(containsString("id=\"refusal\"")).body(containsString("已被他人处理"))
                .body(containsString("您现在可以执行")).body(containsString("申请作废"))
                .body(containsString("id=\"state\">待派遣"));

        Browser dispatcher = Browser.signIn(loop.city.code(), "dispatcher");
        String page = dispatcher.get("/console/cases/" + number).then().statusCode(200).extract().asString();
        dispatcher.act(number, version(page), Map.of("action", "accept")).then().statusCode(409)
                .body(containsString("案件当前状态下不能执行此操作")).body(containsString("派遣"));
        dispatcher.act(number, version(page), Map.of("action", "dispatch", "departmentCode", "no-such-dept"))
                .then().statusCode(400).body(containsString("请填写原因"));

        loop.get(loop.admin(), number).body("state", equalTo("FILED"));
        assertEquals(List.of("report", "file"), loop.actions(number));
    }

    @Test
    void a_user_of_another_city_gets_not_found_for_a_case_page_of_this_city() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Api.City other = Api.aCity();
        other.createUser("acceptor", "acceptor");
        Browser stranger = Browser.signIn(other.code(), "acceptor");

        stranger.get("/console/cases/" + number).then().statusCode(404).body(not(containsString("公共厕所")));
        stranger.get("/console/cases/" + number + "/photos/1/thumbnail").then().statusCode(404);
        stranger.act(number, 0, Map.of("action", "reject", "reason", "x")).then().statusCode(404);
        stranger.get("/console/queues/acceptance").then().statusCode(200).body(not(containsString(number)));
        loop.get(loop.admin(), number).body("state", equalTo("REPORTED"));
    }

    @Test
    void a_case_form_without_its_csrf_token_is_refused_and_changes_nothing() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        String page = acceptor.get("/console/cases/" + number).then().statusCode(200).extract().asString();

        given().redirects().follow(false).cookie("gc_access", acceptor.access()).cookie("gc_csrf", acceptor.csrf())
                .formParam("action", "file").formParam("conditionCode", "A").formParam("version", version(page))
                .post("/console/cases/" + number + "/actions").then().statusCode(403);
        given().redirects().follow(false).cookie("gc_access", acceptor.access()).cookie("gc_csrf", acceptor.csrf())
                .formParam("action", "file").formParam("conditionCode", "A").formParam("version", version(page))
                .formParam("_csrf", "x".repeat(32)).post("/console/cases/" + number + "/actions").then().statusCode(403);
        given().redirects().follow(false).cookie("gc_access", acceptor.access()).cookie("gc_csrf", acceptor.csrf())
                .multiPart("stage", "BEFORE").multiPart("file", "p.png", CasePhotosTest.png(), "image/png")
                .post("/console/cases/" + number + "/photos").then().statusCode(403);

        loop.get(loop.admin(), number).body("state", equalTo("REPORTED"));
        assertEquals(List.of("report"), loop.actions(number));
    }

    @Test
    void the_case_pages_speak_english_when_asked_with_lang_en() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");

        acceptor.get("/console/cases/" + number + "?lang=en").then().statusCode(200)
                .cookie("gc_lang", "en").body(containsString("lang=\"en\""))
                .body(containsString("id=\"state\">Reported")).body(containsString(">File</h3>"))
                .body(containsString("Filing condition")).body(not(containsString("待受理")))
                // the class by its English name (the baseline's 公共厕所)
                .body(containsString("Public toilet"));
        acceptor.get("/console/queues/acceptance?lang=en").then().statusCode(200)
                .body(containsString("To accept")).body(containsString("Deadline")).body(containsString("Public toilet"));
        acceptor.get("/console/queues/acceptance?lang=zh-CN").then().statusCode(200)
                .body(containsString("公共厕所")).body(not(containsString("Public toilet")));
        acceptor.get("/console/work?lang=en").then().statusCode(200).body(containsString("My work"))
                .body(containsString("1 open"));
    }

    @Test
    void an_acceptor_enters_a_hotline_call_and_the_new_case_page_shows_the_possible_duplicate() {
        Loop loop = Loop.aCity();
        String original = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/cases/new").then().statusCode(200)
                .body(containsString("value=\"hotline-12345\"")).body(containsString("value=\"wechat\""))
                .body(not(containsString("value=\"district-supervisor\"")))
                .body(containsString("value=\"COMPONENT:0301\""));

        double[] spot = loop.spots.get(0);
        Response reported = acceptor.form(Map.of("source", "hotline-12345", "subclass", "COMPONENT:0301",
                "lon", String.valueOf(spot[0]), "lat", String.valueOf(spot[1]), "crs", "wgs84",
                "address", "中山路12号", "description", "市民来电：公厕门坏了")).post("/console/cases");
        reported.then().statusCode(303).header("Location", containsString("?reported=1"));
        String location = reported.getHeader("Location");
        String number = location.substring(location.indexOf("/console/cases/") + "/console/cases/".length(),
                location.indexOf('?'));

        acceptor.get("/console/cases/" + number + "?reported=1").then().statusCode(200)
                .body(containsString("id=\"reported\"")).body(containsString("12345"))
                .body(containsString("href=\"/console/cases/" + original + "\"")).body(containsString("中山路12号"))
                .body(containsString("id=\"form-merge\""));
        loop.get(loop.admin(), number).body("source", equalTo("hotline-12345")).body("state", equalTo("REPORTED"));

        acceptor.followed(acceptor.form(Map.of("source", "hotline-12345", "subclass", "COMPONENT:0301", "lon", "", "lat", "",
                "description", "")).post("/console/cases")).then().statusCode(400)
                .body(containsString("请填写经度")).body(containsString("请描述问题"));
        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.get("/console/cases/new").then().statusCode(403);
    }

    @Test
    void a_photo_uploaded_on_the_case_page_shows_as_a_thumbnail_served_through_the_page_session() {
        Loop loop = Loop.aCity();
        String number = loop.caseInDisposal(0);
        Browser handler = Browser.signIn(loop.city.code(), "handler");

        handler.multipart().multiPart("stage", "AFTER").multiPart("file", "after.png", CasePhotosTest.png(), "image/png")
                .multiPart("_csrf", handler.csrf()).post("/console/cases/" + number + "/photos")
                .then().statusCode(303).header("Location", endsWith("/console/cases/" + number));
        long id = ((Number) Api.as(loop.handler).get("/api/v1/cases/" + number + "/photos").then().statusCode(200)
                .extract().path("[0].id")).longValue();

        handler.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("/console/cases/" + number + "/photos/" + id + "/thumbnail"))
                .body(containsString("处置后"));
        handler.get("/console/cases/" + number + "/photos/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").header("Cache-Control", containsString("private"));
        handler.get("/console/cases/" + number + "/photos/" + id).then().statusCode(200).contentType("image/png");
        // the API's own photo route still refuses the page cookie
        handler.get("/api/v1/cases/" + number + "/photos/" + id).then().statusCode(401);

        handler.followed(handler.multipart().multiPart("stage", "AFTER").multiPart("file", "notes.txt", "not a photo".getBytes(), "text/plain")
                .multiPart("_csrf", handler.csrf()).post("/console/cases/" + number + "/photos"))
                .then().statusCode(400).body(containsString("JPEG、PNG 或 WebP"));
    }

    @Test
    void a_queue_pages_through_its_cases_with_the_next_link() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 0);
        String second = loop.reported(loop.districtSupervisor, 3);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");

        String page = acceptor.get("/console/queues/acceptance?size=1").then().statusCode(200)
                .body(containsString("/console/cases/" + first)).body(not(containsString("/console/cases/" + second)))
                .extract().asString();
        Matcher next = Pattern.compile("href=\"([^\"]+)\" id=\"next\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(next.find(), "a next link");
        acceptor.get(next.group(1).replace("&amp;", "&")).then().statusCode(200)
                .body(containsString("/console/cases/" + second)).body(not(containsString("/console/cases/" + first)))
                .body(not(containsString("id=\"next\"")));
        // A size outside the queue's bounds is named on the page, as on the API, not quietly clamped.
        for (String size : List.of("0", "201", "-3", "abc", "99999999999")) {
            acceptor.get("/console/queues/acceptance?size=" + size).then().statusCode(400)
                    .body(containsString("size")).body(not(containsString("/console/cases/" + first)));
        }
    }

    @Test
    void a_case_past_its_deadline_is_highlighted_as_overdue_in_the_queue_and_on_its_page() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");

        // Ten days on, the 30 working minutes to file it are long gone.
        clock.set(Instant.now().plus(Duration.ofDays(10)));
        job.sweepAll();

        acceptor.get("/console/queues/acceptance?overdue=true").then().statusCode(200)
                .body(containsString("<tr class=\"overdue\">")).body(containsString("/console/cases/" + number))
                .body(containsString("<option value=\"true\" selected>"));
        acceptor.get("/console/queues/acceptance?overdue=false").then().statusCode(200)
                .body(not(containsString("/console/cases/" + number)));
        acceptor.get("/console/work").then().statusCode(200).body(containsString("超时 1 件"));
        acceptor.get("/console/cases/" + number).then().statusCode(200).body(containsString("进行中，已超时"))
                .body(containsString("<span class=\"badge overdue\">超时</span>"));
    }

    static long version(String page) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no version on the page");
        }
        return Long.parseLong(m.group(1));
    }

    /** A signed-in console session as a browser holds it: the page cookie and the CSRF token. */
    record Browser(String access, String csrf) {

        static Browser signIn(String city, String username) {
            Response form = given().get("/console/login");
            String csrf = form.getCookie("gc_csrf");
            Response signedIn = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("city", city)
                    .formParam("username", username).formParam("password", Api.PASSWORD).formParam("_csrf", csrf)
                    .post("/console/login");
            signedIn.then().statusCode(303);
            return new Browser(signedIn.getDetailedCookie("gc_access").getValue(), csrf);
        }

        RequestSpecification session() {
            return given().redirects().follow(false).cookie("gc_access", access).cookie("gc_csrf", csrf);
        }

        Response get(String path) {
            return session().get(path);
        }

        RequestSpecification form(Map<String, String> fields) {
            RequestSpecification spec = session().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("_csrf", csrf);
            fields.forEach(spec::formParam);
            return spec;
        }

        RequestSpecification multipart() {
            return session();
        }

        Response act(String number, long version, Map<String, String> fields) {
            return followed(form(fields).formParam("version", version).post("/console/cases/" + number + "/actions"));
        }

        /**
         * A refused form's answer as the browser ends up seeing it: the form redirects (post-redirect-get) with
         * a note that the page it names shows once. Any other answer is returned as it is.
         */
        Response followed(Response post) {
            String flash = post.getCookie("gc_flash");
            if (post.statusCode() != 303 || flash == null || flash.isEmpty()) {
                return post;
            }
            String location = java.net.URI.create(post.getHeader("Location")).getRawPath();
            return session().cookie("gc_flash", flash).get(location);
        }
    }
}
