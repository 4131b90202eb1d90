package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The volunteer's phone pages on the portal: the queue, a report's forms, their refusals next to the fields. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class VolunteerPagesTest {

    /** The page a refused form redirects to, with the note it left (post-redirect-get). */
    private static io.restassured.response.Response followed(String token, io.restassured.response.Response post) {
        return page(token).cookie("gc_flash", post.getCookie("gc_flash")).get(post.getHeader("Location"));
    }

    private static RequestSpecification page(String token) {
        return RestAssured.given().redirects().follow(false).cookie("gc_access", token)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8")));
    }

    private static String csrf(String token, String path) {
        return page(token).get(path).then().statusCode(200).extract().cookie("gc_csrf");
    }

    @Test
    void a_volunteer_confirms_a_report_from_the_phone_page_and_a_missing_photo_is_said_next_to_its_field() {
        Loop loop = Loop.aCity();
        long id = loop.city.createUser("vol1", "volunteer", "resident");
        String volunteer = Api.token(loop.city.code(), "vol1", Api.PASSWORD);
        String number = loop.reported(loop.resident, 0);
        String community = loop.get(loop.admin(), number).extract().path("grid.community");
        as(loop.admin()).body(Map.of("userId", id, "communityCode", community)).post("/api/v1/volunteers/memberships")
                .then().statusCode(201);
        String home = "/c/" + loop.city.code() + "/volunteer";
        page(volunteer).get(home).then().statusCode(200).body(containsString("待核实的上报"))
                .body(containsString("/volunteer/cases/" + number)).body(containsString("name=\"viewport\""));
        page(volunteer).get(home + "?lang=en").then().statusCode(200).body(containsString("Reports to check"));

        String path = home + "/cases/" + number;
        String csrf = csrf(volunteer, path);
        page(volunteer).get(path).then().body(containsString("id=\"confirm\"")).body(containsString("id=\"mark-invalid\""))
                .body(not(containsString("id=\"persuade-fix\"")));
        // a refused action redirects back to the report's page (post-redirect-get), which names the field once
        io.restassured.response.Response noPhoto = page(volunteer).cookie("gc_csrf", csrf).multiPart("_csrf", csrf)
                .multiPart("action", "confirm").post(path);
        noPhoto.then().statusCode(303).header("Location", endsWith(path));
        followed(volunteer, noPhoto).then().statusCode(400).body(containsString("id=\"error-confirm-photo\""))
                .body(containsString("请附上现场拍摄的照片"));
        page(volunteer).get(path + "?lang=en").then().statusCode(200).body(not(containsString("id=\"error-confirm-photo\"")));
        followed(volunteer, page(volunteer).cookie("gc_csrf", csrf).multiPart("_csrf", csrf).multiPart("action", "mark-invalid")
                .post(path)).then().statusCode(400).body(containsString("id=\"error-mark-invalid-reason\""));
        assertEquals(0, (int) as(loop.admin()).get("/api/v1/cases/" + number + "/photos").then().extract()
                .path("size()"), "a refused action leaves no photo");

        page(volunteer).cookie("gc_csrf", csrf).multiPart("_csrf", csrf).multiPart("action", "confirm")
                .multiPart("photo", "site.jpg", CasePhotosTest.jpeg(), "image/jpeg")
                .multiPart(new MultiPartSpecBuilder("井盖确实缺失").controlName("reason").charset("UTF-8").build())
                .post(path).then().statusCode(303).header("Location", endsWith("/volunteer?done=confirm"));
        loop.get(loop.admin(), number).body("triage", equalTo("CONFIRMED"));
        page(volunteer).get(home + "?done=confirm").then().body(containsString("已现场确认"));
    }

    @Test
    void staff_and_visitors_do_not_use_the_volunteer_pages_and_a_volunteer_of_another_community_sees_no_report() {
        Loop loop = Loop.aCity();
        String home = "/c/" + loop.city.code() + "/volunteer";
        RestAssured.given().redirects().follow(false).get(home).then().statusCode(303)
                .header("Location", containsString("/login"));
        page(loop.acceptor).get(home).then().statusCode(403);
        String number = loop.reported(loop.resident, 0);
        page(loop.volunteer).get(home + "/cases/" + number).then().statusCode(404);
        // a resident who is no volunteer sees the application form, not a queue
        page(loop.resident).get(home).then().statusCode(200).body(containsString("id=\"apply\""))
                .body(not(containsString("id=\"triage\"")));
        String csrf = csrf(loop.resident, home);
        // a refused application: back to the page, not left on the post's address (which has no page: 405)
        io.restassured.response.Response refused = page(loop.resident).cookie("gc_csrf", csrf).formParam("_csrf", csrf)
                .formParam("communityCode", "").formParam("motivation", "想为社区出力").post(home + "/apply");
        refused.then().statusCode(303).header("Location", endsWith(home));
        followed(loop.resident, refused).then().statusCode(400).body(containsString("id=\"error-communityCode\""))
                .body(containsString("想为社区出力"));
    }
}
