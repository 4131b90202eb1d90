package city.gridcity.cases;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import city.gridcity.cases.CasePagesTest.Browser;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's maps and the grid by name: report form, case page, queue filter; and the small fixes around them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleMapsAndNamesTest {

    @Test
    void the_report_form_has_a_map_and_a_clicked_point_is_named_by_every_grid_level_before_sending() {
        Loop loop = Loop.aCity();
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/cases/new").then().statusCode(200).body(containsString("id=\"report-map\""))
                .body(containsString("/webjars/leaflet/1.9.4/dist/leaflet.js")).body(containsString("/console/map.js"));
        acceptor.get("/console/map/grid.geojson?level=management").then().statusCode(200)
                .body("features.size()", greaterThan(0));
        double[] spot = loop.spots.get(0);
        JsonPath at = acceptor.get("/console/map/locate?lon=" + spot[0] + "&lat=" + spot[1]).then().statusCode(200)
                .extract().jsonPath();
        List<String> levels = at.getList("places.level");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("district", "street", "community", "management", "unit"),
                levels.subList(0, 5));
        org.junit.jupiter.api.Assertions.assertFalse(at.getString("places[0].name").isBlank());
        // a bad point is named; a point outside the grid is refused
        acceptor.get("/console/map/locate?lon=500&lat=1").then().statusCode(400).body(containsString("lon"));
        acceptor.get("/console/map/locate?lon=10&lat=10").then().statusCode(422);
    }

    @Test
    void the_case_page_has_a_small_map_with_the_case_its_unit_grid_and_nearby_open_cases() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 0);
        String second = loop.reported(loop.citySupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/cases/" + second).then().statusCode(200).body(containsString("id=\"case-map\""))
                .body(containsString("data-map=\"/console/cases/" + second + "/map.geojson\""))
                .body(containsString("id=\"grid-path\""))
                // exactly one possible duplicate: the merge field comes filled with it
                .body(containsString("list=\"duplicate-numbers\" value=\"" + first + "\""));
        JsonPath map = acceptor.get("/console/cases/" + second + "/map.geojson").then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertTrue(map.getList("features.properties.kind").containsAll(
                List.of("unit", "case", "nearby")));
        org.junit.jupiter.api.Assertions.assertEquals(1, map.getList("features.findAll { it.properties.current == true }").size());
        org.junit.jupiter.api.Assertions.assertEquals(List.of(first),
                map.getList("features.findAll { it.properties.kind == 'nearby' }.properties.number"));
    }

    @Test
    void another_citys_user_and_a_resident_are_refused_the_maps() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Loop other = Loop.aCity();
        Browser stranger = Browser.signIn(other.city.code(), "acceptor");
        stranger.get("/console/cases/" + number + "/map.geojson").then().statusCode(404);
        // a resident's session (the portal's) is no way into the console's maps
        given().accept("application/json").cookie("gc_access", loop.resident).get("/console/map/locate?lon=1&lat=1")
                .then().statusCode(403);
        given().redirects().follow(false).get("/console/map/grid.geojson").then().statusCode(401);
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }

    @Test
    void the_queue_filter_offers_grids_by_name_and_the_table_names_unit_grids() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        String page = acceptor.get("/console/queues/acceptance").then().statusCode(200)
                .body(containsString("<select name=\"grid\" id=\"grid-filter\">")).body(containsString("<optgroup label=\"区\">"))
                .body(containsString("/console/cases/" + number)).body(not(containsString("placeholder=\"320102\"")))
                .extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<optgroup label=\"区\"><option value=\"([0-9]+)\"")
                .matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find());
        String district = m.group(1);
        acceptor.get("/console/queues/acceptance?grid=" + district).then().statusCode(200)
                .body(containsString("value=\"" + district + "\" selected"));
    }

    @Test
    void a_district_supervisors_report_button_names_their_own_source_and_photos_count_from_one_per_case() {
        Loop loop = Loop.aCity();
        loop.reported(loop.districtSupervisor, 3);
        Browser dsup = Browser.signIn(loop.city.code(), "dsup");
        dsup.get("/console/work").then().statusCode(200).body(not(containsString("热线、微信")))
                .body(containsString("上报问题（"));
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/work").then().statusCode(200).body(containsString("上报问题（"));

        String number = loop.caseInDisposal(0);
        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.multipart().multiPart("stage", "AFTER").multiPart("file", "after.png", CasePhotosTest.png(), "image/png")
                .multiPart("_csrf", handler.csrf()).post("/console/cases/" + number + "/photos").then().statusCode(303);
        handler.get("/console/cases/" + number).then().statusCode(200).body(containsString("#1 "));
    }

    @Test
    void a_refused_report_comes_back_to_the_form_with_what_was_typed_and_a_reload_is_a_plain_get() {
        Loop loop = Loop.aCity();
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        var post = acceptor.form(Map.of("source", "hotline-12345", "subclass", "COMPONENT:0301", "lon", "", "lat", "",
                "address", "中山路88号", "description", "")).post("/console/cases");
        post.then().statusCode(303).header("Location", containsString("/console/cases/new"));
        acceptor.followed(post).then().statusCode(400).body(containsString("请填写经度"))
                .body(containsString("value=\"中山路88号\""));
        acceptor.get("/console/cases/new?lang=en").then().statusCode(200).body(not(containsString("中山路88号")));
        // another role is refused the form
        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.get("/console/cases/new").then().statusCode(403);
    }
}
