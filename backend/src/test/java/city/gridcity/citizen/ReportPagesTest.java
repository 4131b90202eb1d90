package city.gridcity.citizen;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 随手拍 on the portal, driven as a browser without the page's script would: the page cookie, multipart forms. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReportPagesTest {

    @Test
    void the_report_form_offers_the_residents_catalog_a_map_over_the_citys_grid_and_no_hidden_class() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");

        zhang.get("/c/" + portal.code() + "/report").then().statusCode(200)
                .body(containsString("随手拍")).body(containsString("value=\"" + Portal.TOILET + "\""))
                .body(containsString("公共厕所")).body(containsString("🚻"))
                .body(not(containsString("value=\"" + Portal.HIDDEN + "\""))).body(not(containsString("重大危险源")))
                .body(containsString("data-grid=\"/c/" + portal.code() + "/map/grid.geojson?level=management\""))
                .body(containsString("/webjars/leaflet/1.9.4/dist/leaflet.js"))
                .body(containsString("name=\"lon\"")).body(containsString("name=\"lat\""))
                // no tiles configured: the grid alone is the map
                .body(not(containsString("data-tiles")))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().get("/webjars/leaflet/1.9.4/dist/leaflet.js").then().statusCode(200);
        given().get("/c/" + portal.code() + "/map/grid.geojson").then().statusCode(200)
                .contentType(containsString("application/geo+json"))
                .body("type", equalTo("FeatureCollection")).body("features[0].properties.level", equalTo("management"));
    }

    @Test
    void a_visitor_is_sent_to_sign_in_and_comes_back_to_the_report_form() {
        Portal portal = Portal.aCity();
        given().redirects().follow(false).get("/c/" + portal.code() + "/report").then().statusCode(303)
                .header("Location", containsString("/c/" + portal.code() + "/login?next=%2Fc%2F" + portal.code() + "%2Freport"));
        given().get("/c/" + portal.code() + "/login?next=/c/" + portal.code() + "/report").then().statusCode(200)
                .body(containsString("name=\"next\" value=\"/c/" + portal.code() + "/report\""));
        // another site is never a place to come back to
        given().get("/c/" + portal.code() + "/login?next=//evil.example/x").then().statusCode(200)
                .body(not(containsString("evil.example")));
    }

    @Test
    void a_resident_reports_a_point_with_a_photo_and_sees_the_number_and_what_happens_next() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");

        Response sent = zhang.reportForm(portal.toiletAt(0, "公共厕所门坏了"))
                .multiPart("photos", "door.jpg", Portal.jpeg(), "image/jpeg").post("/c/" + portal.code() + "/report");
        sent.then().statusCode(303).header("Location", containsString("?reported=1"));
        String number = sent.getHeader("Location").replaceAll(".*/my/cases/([^?]+)\\?.*", "$1");

        zhang.get("/c/" + portal.code() + "/my/cases/" + number + "?reported=1").then().statusCode(200)
                .body(containsString("id=\"reported\"")).body(containsString("案件编号：" + number))
                .body(containsString("接下来会怎样")).body(containsString("已提交"))
                .body(containsString("公共厕所门坏了")).body(containsString("待审核，审核通过后公开"));
        as(portal.acceptor).get("/api/v1/cases/" + number).then().statusCode(200).body("state", equalTo("REPORTED"))
                .body("classCode", equalTo("0301")).body("reporter", equalTo("居民张三"));
        as(portal.acceptor).get("/api/v1/cases/" + number + "/photos").then().statusCode(200).body("", hasSize(1))
                .body("[0].stage", equalTo("BEFORE"));
    }

    @Test
    void a_position_from_the_phone_is_taken_as_gcj02_and_converted_by_the_intake() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        double[] spot = portal.spots.get(3);
        // GCJ-02 lies a few hundred metres north-east of WGS84 around here; the form says which it sends.
        double[] gcj = city.gridcity.grid.geo.CoordinateSystem.wgs84ToGcj02(spot[0], spot[1]);
        Map<String, String> fields = portal.toiletAt(3, "厕所门坏了");
        fields.put("lon", String.valueOf(gcj[0]));
        fields.put("lat", String.valueOf(gcj[1]));
        fields.put("crs", "gcj02");
        Response sent = zhang.report(fields);
        sent.then().statusCode(303);
        String number = sent.getHeader("Location").replaceAll(".*/my/cases/([^?]+)\\?.*", "$1");
        var stored = as(portal.acceptor).get("/api/v1/cases/" + number).then().extract().jsonPath();
        double lon = stored.getDouble("lon");
        double lat = stored.getDouble("lat");
        assertEquals(spot[0], lon, 1e-5);
        assertEquals(spot[1], lat, 1e-5);
    }

    @Test
    void an_open_case_of_the_same_category_nearby_is_offered_with_me_too_instead_of_a_new_report() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");
        Portal.Resident li = portal.resident("13900002222", "居民李四");
        String first = portal.reported(zhang, 0, "张三的描述：门坏了，我家就在旁边");

        // Li, without the page's script, sends the same problem at the same place: the form shows it first.
        Map<String, String> fields = portal.toiletAt(0, "门坏了");
        fields.put("confirm", "0");
        li.report(fields).then().statusCode(200)
                .body(containsString("id=\"nearby-cases\"")).body(containsString(first))
                .body(containsString("同问 +1")).body(containsString("formaction=\"/c/" + portal.code() + "/cases/" + first + "/me-too\""))
                .body(containsString("仍要上报新问题")).body(containsString("name=\"confirm\" id=\"confirm\" value=\"1\""))
                .body(not(containsString("居民张三"))).body(not(containsString("张三的描述")))
                .body(not(containsString("13900001111")));
        li.get("/c/" + portal.code() + "/my/cases").then().statusCode(200).body(containsString("id=\"mine-empty\""));

        // the same piece of the form, as the page's script fetches it
        li.get("/c/" + portal.code() + "/report/nearby?category=" + Portal.TOILET + "&lon=" + portal.spots.get(0)[0]
                + "&lat=" + portal.spots.get(0)[1] + "&crs=wgs84").then().statusCode(200)
                .body(containsString(first)).body(containsString("data-lon=")).body(not(containsString("张三")));

        // Li says "me too": follows the case, reports nothing new
        li.form("/c/" + portal.code() + "/cases/" + first + "/me-too", Map.of("lon", fields.get("lon"),
                "lat", fields.get("lat"), "crs", "wgs84")).then().statusCode(303)
                .header("Location", containsString("/my/cases/" + first + "?metoo=1"));
        li.get("/c/" + portal.code() + "/my/cases").then().statusCode(200).body(containsString(first))
                .body(containsString("我同问的"));
        li.get("/c/" + portal.code() + "/my/cases/" + first).then().statusCode(200)
                .body(containsString("同问人数")).body(not(containsString("张三的描述"))).body(not(containsString("居民张三")));
        // a "me too" without the point is refused back on the report form (post-redirect-get), next to the point
        Response noPoint = li.form("/c/" + portal.code() + "/cases/" + first + "/me-too", Map.of("crs", "wgs84"));
        noPoint.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/c/" + portal.code() + "/report"));
        li.followed(noPoint).then().statusCode(400).body(containsString("id=\"error-location\""));
        List<String> actions = as(portal.acceptor).get("/api/v1/cases/" + first + "/events").then().extract().path("action");
        assertEquals(List.of("report", "me-too"), actions);
    }

    @Test
    void the_api_refuses_a_residents_report_of_a_class_hidden_from_residents_as_the_portal_does_and_stores_nothing() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001122", "居民张三");
        double[] spot = portal.spots.get(0);
        as(zhang.token()).body(Map.of("kind", "component", "classCode", Portal.HIDDEN.substring("component:".length()),
                        "lon", spot[0], "lat", spot[1], "description", "危险源"))
                .post("/api/v1/cases").then().statusCode(400).body("errors[0].field", equalTo("classCode"));
        as(portal.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200).body("items", hasSize(0));
        // staff still report it
        as(portal.supervisor).body(Map.of("kind", "component", "classCode", Portal.HIDDEN.substring("component:".length()),
                        "lon", spot[0], "lat", spot[1], "description", "危险源"))
                .post("/api/v1/cases").then().statusCode(201);
        as(portal.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void bad_input_is_shown_next_to_its_field_and_nothing_is_stored() {
        Portal portal = Portal.aCity();
        Portal.Resident zhang = portal.resident("13900001111", "居民张三");

        // no category, no point, no words: each message next to its field
        Response refused = zhang.report(Map.of("confirm", "1"));
        // post-redirect-get: the answer is the form's own address, so a reload or the language switch is a GET
        refused.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/c/" + portal.code() + "/report"));
        Response shown = zhang.followed(refused);
        // the note is read once: the page that shows it clears it, so a reload shows the form as it is
        org.junit.jupiter.api.Assertions.assertEquals(0, shown.getDetailedCookie("gc_flash").getMaxAge());
        shown.then().statusCode(400)
                .body(containsString("id=\"error-category\"")).body(containsString("请从列表中选择问题类别"))
                .body(containsString("id=\"error-location\"")).body(containsString("id=\"error-description\""));
        // a class hidden from residents is not theirs to choose
        Map<String, String> hidden = portal.toiletAt(0, "危险");
        hidden.put("category", Portal.HIDDEN);
        zhang.followed(zhang.report(hidden)).then().statusCode(400).body(containsString("id=\"error-category\""));
        // a point outside the city
        Map<String, String> outside = portal.toiletAt(0, "门坏了");
        outside.put("lon", "100.0");
        outside.put("lat", "20.0");
        zhang.followed(zhang.report(outside)).then().statusCode(422).body(containsString("id=\"error-location\""))
                .body(containsString("不在本市网格范围内")).body(containsString("门坏了"));
        // a "photo" that is no image
        zhang.followed(zhang.reportForm(portal.toiletAt(1, "门坏了")).multiPart("photos", "virus.jpg",
                        "MZ not a picture".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .post("/c/" + portal.code() + "/report")).then().statusCode(400)
                .body(containsString("id=\"error-photos\"")).body(containsString("JPEG、PNG 或 WebP"));
        // four photos
        zhang.followed(zhang.reportForm(portal.toiletAt(1, "门坏了")).multiPart("photos", "1.jpg", Portal.jpeg(), "image/jpeg")
                .multiPart("photos", "2.jpg", Portal.jpeg(), "image/jpeg").multiPart("photos", "3.jpg", Portal.jpeg(), "image/jpeg")
                .multiPart("photos", "4.jpg", Portal.jpeg(), "image/jpeg")
                .post("/c/" + portal.code() + "/report")).then().statusCode(400).body(containsString("id=\"error-photos\""));

        zhang.get("/c/" + portal.code() + "/my/cases").then().statusCode(200).body(containsString("id=\"mine-empty\""));
        as(portal.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void a_resident_of_another_city_is_refused_on_this_citys_report_pages() {
        Portal a = Portal.aCity();
        Portal b = Portal.aCity();
        Portal.Resident stranger = b.resident("13900003333", "外市居民");
        stranger.get("/c/" + a.code() + "/report").then().statusCode(403);
        stranger.reportForm(a.toiletAt(0, "门坏了")).post("/c/" + a.code() + "/report").then().statusCode(403);
        as(a.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200).body("items", hasSize(0));
        Portal.Resident zhang = a.resident("13900001111", "居民张三");
        String number = a.reported(zhang, 0, "门坏了");
        // Signed in to B, the number of A's case opens nothing in B.
        stranger.form("/c/" + b.code() + "/cases/" + number + "/me-too", Map.of("lon", "118.6", "lat", "31.8"))
                .then().statusCode(404);
    }

    @Test
    void staff_signed_in_on_the_portal_are_sent_to_the_console() {
        Portal portal = Portal.aCity();
        Portal.Resident acceptor = Portal.Resident.signIn(portal.code(), "acceptor", portal.acceptor);
        acceptor.get("/c/" + portal.code() + "/report").then().statusCode(403);
    }
}
