package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertFalse;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Before and after photos: evidence for report-back and self-handling, checked uploads, private reads. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CasePhotosTest {

    /** 果皮箱: a minor component that needs before and after photos. */
    static final String LITTER_BIN = "0303";

    @Test
    void a_volunteer_fixes_a_minor_problem_on_the_spot_and_closes_it_at_grid_level_with_before_and_after_photos() {
        Loop loop = Loop.aCity();
        as(loop.admin()).body(Map.of("selfHandlingAuditPercent", 100)).put("/api/v1/workflow/settings").then().statusCode(200);
        String number = loop.report(loop.volunteer, 20, Map.of("classCode", LITTER_BIN, "selfHandling", true,
                "description", "果皮箱倾倒，已扶正")).statusCode(201).body("state", equalTo("SELF_HANDLING"))
                .body("phase", equalTo(null)).extract().path("number");
        loop.act(loop.volunteer, number, "self-close", Map.of()).statusCode(400).body("errors[0].field", equalTo("photoIds"));

        long before = upload(loop.volunteer, number, "BEFORE", jpeg()).statusCode(201).extract().<Number>path("id").longValue();
        long after = upload(loop.volunteer, number, "AFTER", png()).statusCode(201).body("mediaType", equalTo("image/png"))
                .extract().<Number>path("id").longValue();
        // only the reporter closes it
        loop.act(loop.districtSupervisor, number, "self-close", Map.of()).statusCode(403).body("code", equalTo("not-the-reporter"));
        loop.did(loop.volunteer, number, "self-close", Map.of("photoIds", List.of(before, after)))
                .body("state", equalTo("CLOSED")).body("solvedLevel", equalTo("GRID")).body("auditSampled", equalTo(true));
        // the sampled audit (抽检)
        loop.act(loop.acceptor, number, "audit-pass", Map.of()).statusCode(403);
        loop.did(loop.assessor, number, "audit-pass").body("auditResult", equalTo("PASS"));
        loop.act(loop.assessor, number, "audit-pass", Map.of()).statusCode(409);
        as(loop.admin()).get("/api/v1/cases/" + number + "/events").then()
                .body("find { it.action == 'self-close' }.photoIds", equalTo(List.of((int) before, (int) after)));
    }

    @Test
    void a_self_handled_case_that_fails_its_audit_goes_round_the_loop() {
        Loop loop = Loop.aCity();
        as(loop.admin()).body(Map.of("selfHandlingAuditPercent", 100)).put("/api/v1/workflow/settings").then().statusCode(200);
        String number = loop.report(loop.districtSupervisor, 21, Map.of("classCode", LITTER_BIN, "selfHandling", true))
                .statusCode(201).extract().path("number");
        upload(loop.districtSupervisor, number, "BEFORE", jpeg()).statusCode(201);
        upload(loop.districtSupervisor, number, "AFTER", jpeg()).statusCode(201);
        loop.did(loop.districtSupervisor, number, "self-close");
        // back to the acceptor, who files it with a condition (and so a disposal limit) like any report
        loop.did(loop.assessor, number, "audit-fail", Map.of("reason", "照片与现场不符"))
                .body("state", equalTo("REPORTED")).body("solvedLevel", equalTo(null)).body("phase", equalTo("FILING"))
                .body("selfHandled", equalTo(false));
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "B")).body("limit", equalTo("8 WORKING_HOURS"));
    }

    @Test
    void a_major_problem_cannot_be_self_handled() {
        Loop loop = Loop.aCity();
        loop.report(loop.volunteer, 22, Map.of("selfHandling", true)).statusCode(400)
                .body("errors[0].field", equalTo("selfHandling"));
        loop.report(loop.resident, 22, Map.of("classCode", LITTER_BIN, "selfHandling", true)).statusCode(400)
                .body("errors[0].field", equalTo("selfHandling"));
    }

    @Test
    void a_subclass_needing_evidence_is_reported_back_only_with_an_after_photo_whose_metadata_is_gone() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 23);
        as(loop.admin()).body(Map.of("evidenceAfter", true)).patch("/api/v1/catalog/component/" + Loop.TOILET).then()
                .statusCode(200);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.act(loop.handler, number, "report-back", Map.of()).statusCode(400).body("errors[0].field", equalTo("photoIds"))
                .body("detail", containsString("stage=AFTER"));
        byte[] withExif = jpegWithCameraModel("SECRET-CAMERA-9000");
        long id = upload(loop.handler, number, "AFTER", withExif).statusCode(201).extract().<Number>path("id").longValue();
        loop.did(loop.handler, number, "report-back", Map.of("photoIds", List.of(id))).body("state", equalTo("REPORTED_BACK"));

        byte[] stored = as(loop.districtSupervisor).get("/api/v1/cases/" + number + "/photos/" + id).then().statusCode(200)
                .contentType("image/jpeg").header("Cache-Control", containsString("private")).extract().asByteArray();
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("SECRET-CAMERA-9000"));
        as(loop.districtSupervisor).get("/api/v1/cases/" + number + "/photos/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg");
        as(loop.districtSupervisor).get("/api/v1/cases/" + number + "/photos").then().statusCode(200).body("$", hasSize(1))
                .body("[0].stage", equalTo("AFTER"));
    }

    @Test
    void uploads_that_are_not_photos_or_too_big_are_refused_and_nothing_is_stored() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 24);
        upload(loop.districtSupervisor, number, "BEFORE", "%PDF-1.7 not a photo".getBytes(StandardCharsets.UTF_8))
                .statusCode(400).body("errors[0].field", equalTo("file")).body("detail", containsString("PDF"));
        upload(loop.districtSupervisor, number, "BEFORE", new byte[11 * 1024 * 1024]).statusCode(400)
                .body("errors[0].field", equalTo("file"));
        upload(loop.districtSupervisor, number, "SIDEWAYS", jpeg()).statusCode(400).body("errors[0].field", equalTo("stage"));
        as(loop.districtSupervisor).get("/api/v1/cases/" + number + "/photos").then().body("$", hasSize(0));
    }

    @Test
    void a_cases_photos_are_served_only_to_those_who_may_see_the_case() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 25);
        long id = upload(loop.districtSupervisor, number, "BEFORE", jpeg()).statusCode(201).extract().<Number>path("id")
                .longValue();
        as(loop.resident).get("/api/v1/cases/" + number + "/photos/" + id).then().statusCode(404);
        upload(loop.resident, number, "BEFORE", jpeg()).statusCode(404);
        String stranger = Api.aCity().userWith("dsup", "district-supervisor");
        as(stranger).get("/api/v1/cases/" + number + "/photos/" + id).then().statusCode(404);
        as(stranger).get("/api/v1/cases/" + number + "/photos/" + id + "/thumbnail").then().statusCode(404);
        as(loop.acceptor).get("/api/v1/cases/" + number + "/photos/" + (id + 100_000)).then().statusCode(404);
    }

    @Test
    void before_photos_come_from_the_reporter_and_staff_and_after_photos_from_the_department_at_work() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.resident, 26);
        upload(loop.resident, number, "BEFORE", jpeg()).statusCode(201);
        upload(loop.resident, number, "AFTER", jpeg()).statusCode(403).body("code", equalTo("photo-not-yours"));
        upload(loop.districtSupervisor, number, "BEFORE", jpeg()).statusCode(201);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        upload(loop.handler, number, "AFTER", jpeg()).statusCode(201);
        upload(loop.assessor, number, "AFTER", jpeg()).statusCode(403);
        upload(loop.assessor, number, "BEFORE", jpeg()).statusCode(403);
    }

    @Test
    void a_failed_rounds_after_photo_does_not_prove_the_rework() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 27);
        as(loop.admin()).body(Map.of("evidenceAfter", true)).patch("/api/v1/catalog/component/" + Loop.TOILET).then()
                .statusCode(200);
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        upload(loop.handler, number, "AFTER", jpeg()).statusCode(201);
        loop.did(loop.handler, number, "report-back");
        loop.did(loop.districtSupervisor, number, "verify-fail", Map.of("reason", "未修好"));
        loop.act(loop.handler, number, "report-back", Map.of()).statusCode(400).body("errors[0].field", equalTo("photoIds"));
        upload(loop.handler, number, "AFTER", png()).statusCode(201);
        loop.did(loop.handler, number, "report-back");
    }

    static io.restassured.response.ValidatableResponse upload(String token, String number, String stage, byte[] bytes) {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .multiPart("file", "photo.jpg", bytes, "image/jpeg").queryParam("stage", stage)
                .post("/api/v1/cases/" + number + "/photos").then();
    }

    static byte[] jpeg() {
        return encode("jpg");
    }

    static byte[] png() {
        return encode("png");
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JPEG with an EXIF block (APP1) naming the camera, inserted after the start marker. */
    static byte[] jpegWithCameraModel(String model) {
        byte[] plain = jpeg();
        byte[] text = model.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // Little-endian TIFF header, one IFD with one ASCII entry: Model (0x0110).
        tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x10, 0x01, 2, 0});
        int count = text.length + 1;
        tiff.writeBytes(new byte[] {(byte) count, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0});
        tiff.writeBytes(text);
        tiff.write(0);
        byte[] body = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int length = 2 + 6 + body.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }
}
