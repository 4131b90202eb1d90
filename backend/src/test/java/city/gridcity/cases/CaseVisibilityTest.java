package city.gridcity.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import city.gridcity.cases.CasePagesTest.Browser;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One visibility rule for the API and the console pages: a resident sees their own case, not the
 * other reports of the same problem nor who handled it; staff see everything. Each channel is tested.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseVisibilityTest {

    private static final String OTHER_WORDS = "来电人王五：门锁被邻居李四撬坏";

    @Test
    void a_resident_gets_no_other_reports_and_no_staff_names_from_the_api() {
        Loop loop = Loop.aCity();
        String first = loop.report(loop.districtSupervisor, 0, Map.of("description", OTHER_WORDS)).statusCode(201)
                .extract().path("number");
        // The resident's report answer lists the nearby case, so they could say "me too", without its words.
        String own = loop.report(loop.resident, 0, Map.of()).statusCode(201)
                .body("possibleDuplicates.number", hasItem(first))
                .body("possibleDuplicates[0].description", nullValue())
                .extract().path("number");
        loop.get(loop.resident, own).statusCode(200).body("possibleDuplicates", empty());
        Api.as(loop.resident).get("/api/v1/cases/nearby?kind=component&classCode=" + Loop.TOILET + "&lon="
                + loop.spots.get(0)[0] + "&lat=" + loop.spots.get(0)[1]).then().statusCode(200)
                .body("description", not(hasItem(OTHER_WORDS)));
        // Staff deciding on merging see the other report and its words on the same case.
        loop.get(loop.acceptor, own).statusCode(200).body("possibleDuplicates.number", hasItem(first))
                .body("possibleDuplicates[0].description", equalTo(OTHER_WORDS));
        loop.did(loop.acceptor, own, "file", Map.of("conditionCode", "A"));
        Api.as(loop.resident).get("/api/v1/cases/" + own + "/events").then().statusCode(200)
                .body("[1].action", equalTo("file")).body("[1].actor", nullValue()).body("[1].data", nullValue())
                .body("[0].actor", notNullValue());
    }

    @Test
    void a_resident_signed_in_to_the_console_sees_neither_other_reports_nor_staff_names_on_their_case_page() {
        Loop loop = Loop.aCity();
        loop.report(loop.districtSupervisor, 1, Map.of("description", OTHER_WORDS)).statusCode(201);
        String own = loop.reported(loop.resident, 1);
        loop.did(loop.acceptor, own, "file", Map.of("conditionCode", "A"));

        // (a resident's sign-in at the console sends them to the portal; a page session of theirs still meets the rule)
        Browser resident = new Browser(loop.resident, "x".repeat(32));
        String page = resident.get("/console/cases/" + own).then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString(OTHER_WORDS)));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("id=\"duplicates\"")));
        // Who filed it is staff's business; the resident's own step keeps their name.
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("acceptor <span")));
        org.hamcrest.MatcherAssert.assertThat(page, containsString("居民张三 <span"));

        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/cases/" + own).then().statusCode(200).body(containsString("id=\"duplicates\""))
                .body(containsString(OTHER_WORDS)).body(containsString("acceptor <span"));
    }

    @Test
    void the_emergency_warning_is_labelled_in_both_languages_and_the_history_speaks_the_readers_language() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 2);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        Browser dispatcher = Browser.signIn(loop.city.code(), "dispatcher");
        dispatcher.get("/console/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"form-emergency\"")).body(containsString("<h3>应急吹哨</h3>"))
                .body(not(containsString("action.emergency")))
                .body(containsString("单元网格：")).body(containsString("网格版本：1"))
                .body(not(containsString("layoutVersion"))).body(not(containsString("unit: ")));
        dispatcher.get("/console/cases/" + number + "?lang=en").then().statusCode(200)
                .body(containsString("<h3>Emergency warning</h3>")).body(not(containsString("action.emergency")));
        loop.did(loop.dispatcher, number, "dispatch");
        String page = dispatcher.get("/console/cases/" + number + "?lang=zh-CN").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(page, containsString("派遣依据："));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("routing:")));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("the subclass")));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("a component goes")));
    }

    @Test
    void a_department_sees_only_its_cases_in_both_channels() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 3);
        // Not yet dispatched: the handler's department has nothing to do with it.
        loop.get(loop.handler, number).statusCode(404);
        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.get("/console/cases/" + number).then().statusCode(404);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.get(loop.handler, number).statusCode(200).body("possibleDuplicates", hasSize(0));
        handler.get("/console/cases/" + number).then().statusCode(200);
    }
}
