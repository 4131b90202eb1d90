package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 照片审核: residents' photos wait for a moderator before they are public; the resident reads a refusal's reason. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PhotoModerationTest {

    private static long residentPhoto(Loop loop, String number) {
        return CasePhotosTest.upload(loop.resident, number, "BEFORE", CasePhotosTest.jpeg()).statusCode(201)
                .extract().<Number>path("id").longValue();
    }

    @Test
    void a_residents_photo_waits_in_the_queue_and_a_staff_photo_does_not() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        long photo = residentPhoto(loop, number);
        String staffCase = loop.reported(loop.districtSupervisor, 5);
        long staffPhoto = CasePhotosTest.upload(loop.districtSupervisor, staffCase, "BEFORE", CasePhotosTest.jpeg())
                .statusCode(201).extract().<Number>path("id").longValue();

        as(loop.acceptor).get("/api/v1/photo-moderation").then().statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].photoId", equalTo((int) photo)).body("items[0].caseNumber", equalTo(number))
                .body("items[0].stage", equalTo("BEFORE"));
        as(loop.acceptor).post("/api/v1/photo-moderation/" + staffPhoto + "/approval").then().statusCode(409)
                .body("code", equalTo("photo-not-moderated"));
    }

    @Test
    void a_residents_photo_stored_before_moderation_existed_joins_the_queue_after_the_backfill_and_a_staff_photo_does_not()
            throws java.sql.SQLException {
        // given: a resident's photo as V13 left it when its update saw no rows (moderation NULL), and a staff photo
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        long photo = residentPhoto(loop, number);
        String staffCase = loop.reported(loop.districtSupervisor, 5);
        CasePhotosTest.upload(loop.districtSupervisor, staffCase, "BEFORE", CasePhotosTest.jpeg()).statusCode(201);
        try (java.sql.Connection db = PostgresResource.superuser();
             java.sql.PreparedStatement s = db.prepareStatement("UPDATE case_photo SET moderation = NULL WHERE id = ?")) {
            s.setLong(1, photo);
            s.executeUpdate();
        }
        as(loop.acceptor).get("/api/v1/photo-moderation").then().body("total", equalTo(0));

        // when: V48's backfill runs as the migrations' role: without a city set, as V13 ran, it sees no rows; under the
        // city's setting, as V48 runs it, it queues the photo, and again it queues nothing
        int[] counts = new int[3];
        try (java.sql.Connection db = PostgresResource.superuser(); java.sql.Statement st = db.createStatement()) {
            st.execute("SET ROLE " + city.gridcity.shared.db.EmbeddedDatabase.OWNER_ROLE);
            counts[0] = backfillModeration(db, loop.city.code());
            st.execute("SELECT set_config('gridcity.tenant_id', '" + loop.city.code() + "', false)");
            counts[1] = backfillModeration(db, loop.city.code());
            counts[2] = backfillModeration(db, loop.city.code());
        }

        // then: the resident's photo waits for a moderator; the staff photo stays out of the queue
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1, 0}, counts);
        as(loop.acceptor).get("/api/v1/photo-moderation").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].photoId", equalTo((int) photo));
    }

    private static int backfillModeration(java.sql.Connection db, String city) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = db.prepareStatement("SELECT gridcity_backfill_photo_moderation(?)")) {
            s.setString(1, city);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void only_acceptors_and_city_administrators_moderate() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        long photo = residentPhoto(loop, number);
        for (String token : new String[] {loop.resident, loop.volunteer, loop.dispatcher, loop.handler,
                loop.districtSupervisor, loop.assessor}) {
            as(token).get("/api/v1/photo-moderation").then().statusCode(403);
            as(token).post("/api/v1/photo-moderation/" + photo + "/approval").then().statusCode(403);
            as(token).body(Map.of("reason", "x")).post("/api/v1/photo-moderation/" + photo + "/refusal").then()
                    .statusCode(403);
        }
        given().get("/api/v1/photo-moderation").then().statusCode(401);
        as(loop.admin()).get("/api/v1/photo-moderation").then().statusCode(200).body("total", equalTo(1));
        as(loop.admin()).post("/api/v1/photo-moderation/" + photo + "/approval").then().statusCode(200)
                .body("moderation", equalTo("APPROVED"));
    }

    @Test
    void a_moderator_of_another_city_finds_no_photo_of_this_one() {
        Loop a = Loop.aCity();
        Loop b = Loop.aCity();
        String number = a.reported(a.resident, 0);
        long photo = residentPhoto(a, number);
        as(b.acceptor).get("/api/v1/photo-moderation").then().statusCode(200).body("total", equalTo(0));
        as(b.acceptor).post("/api/v1/photo-moderation/" + photo + "/approval").then().statusCode(404);
        as(b.acceptor).body(Map.of("reason", "不清晰")).post("/api/v1/photo-moderation/" + photo + "/refusal").then()
                .statusCode(404);
        as(a.acceptor).get("/api/v1/photo-moderation").then().body("items[0].photoId", equalTo((int) photo));
    }

    @Test
    void a_refusal_needs_a_reason_is_decided_once_and_the_reason_reaches_the_resident() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        long photo = residentPhoto(loop, number);

        as(loop.acceptor).body(Map.of("reason", " ")).post("/api/v1/photo-moderation/" + photo + "/refusal").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        as(loop.acceptor).body("{}").post("/api/v1/photo-moderation/" + photo + "/refusal").then().statusCode(400);
        as(loop.acceptor).get("/api/v1/photo-moderation").then().body("total", equalTo(1));

        as(loop.acceptor).body(Map.of("reason", "照片中有可识别的人脸")).post("/api/v1/photo-moderation/" + photo + "/refusal")
                .then().statusCode(200).body("moderation", equalTo("REFUSED")).body("reason", equalTo("照片中有可识别的人脸"));
        as(loop.acceptor).post("/api/v1/photo-moderation/" + photo + "/approval").then().statusCode(409)
                .body("code", equalTo("photo-already-moderated"));
        as(loop.acceptor).get("/api/v1/photo-moderation").then().body("total", equalTo(0));

        // the resident reads the reason on their report; the public never sees the photo
        String access = portalSignIn(loop.city.code(), "13900002222");
        given().cookie("gc_access", access).get("/c/" + loop.city.code() + "/my/cases/" + number).then().statusCode(200)
                .body(containsString("id=\"refusal-" + photo + "\"")).body(containsString("照片中有可识别的人脸"))
                .body(containsString("未公开"));
        given().get("/c/" + loop.city.code() + "/cases/" + number).then().statusCode(200)
                .body(not(containsString("photo-" + photo))).body(not(containsString("照片中有可识别的人脸")));
    }

    @Test
    void an_acceptor_reviews_photos_in_the_console_and_a_refusal_without_reason_is_shown_next_to_its_field() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 0);
        long first = residentPhoto(loop, number);
        long second = residentPhoto(loop, number);
        CasePagesTest.Browser acceptor = CasePagesTest.Browser.signIn(loop.city.code(), "acceptor");

        acceptor.get("/console/work").then().statusCode(200).body(containsString("id=\"nav-moderation\""));
        acceptor.get("/console/moderation").then().statusCode(200).body(containsString("照片审核"))
                .body(containsString("id=\"pending-" + first + "\"")).body(containsString("id=\"pending-" + second + "\""))
                .body(containsString("/console/cases/" + number + "/photos/" + first + "/thumbnail"));
        acceptor.get("/console/cases/" + number + "/photos/" + first + "/thumbnail").then().statusCode(200);

        acceptor.form(Map.of()).post("/console/moderation/" + first + "/approval").then().statusCode(303);
        acceptor.followed(acceptor.form(Map.of("reason", "")).post("/console/moderation/" + second + "/refusal"))
                .then().statusCode(400)
                .body(containsString("id=\"error-" + second + "\"")).body(containsString("请写明不通过的原因"));
        acceptor.form(Map.of("reason", "门牌号清晰可见")).post("/console/moderation/" + second + "/refusal").then()
                .statusCode(303);
        acceptor.get("/console/moderation").then().statusCode(200).body(containsString("id=\"moderation-empty\""));
        as(loop.acceptor).get("/api/v1/cases/" + number + "/photos").then().statusCode(200);

        CasePagesTest.Browser dispatcher = CasePagesTest.Browser.signIn(loop.city.code(), "dispatcher");
        dispatcher.get("/console/moderation").then().statusCode(403);
        dispatcher.get("/console/work").then().statusCode(200).body(not(containsString("id=\"nav-moderation\"")));
    }

    /** The Loop's resident (phone 13900002222) signed in to the portal; answers the page cookie. */
    private static String portalSignIn(String city, String phone) {
        Response form = given().get("/c/" + city + "/login");
        String csrf = form.getCookie("gc_csrf");
        Response signedIn = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("username", phone)
                .formParam("password", Api.PASSWORD).formParam("_csrf", csrf).post("/c/" + city + "/login");
        signedIn.then().statusCode(303);
        return signedIn.getDetailedCookie("gc_access").getValue();
    }
}
