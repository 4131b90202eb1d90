package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files an appeal carries: photos (cleaned as case photos are) and PDFs from the appeal's target users while it is
 * pending, with size, type and count limits, read by them and the assessors; the walls (roles, another city).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AppealAttachmentsTest {

    @Inject
    TestClock clock;

    AssessmentWorld w;
    int appeal;
    String files;

    @BeforeEach
    void aPendingAppealOfTheDistrictsUser() {
        w = new AssessmentWorld(clock).withTwoCases();
        int run = w.run();
        appeal = as(w.districtHandler).body(Map.of("target", w.district, "item", "reports", "caseNumber", w.cases[1],
                "reason", "重复上报")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        files = "/api/v1/assessment/appeals/" + appeal + "/attachments";
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    RequestSpecification upload(String token, String name, byte[] bytes, String type) {
        return RestAssured.given().auth().oauth2(token).multiPart("file", name, bytes, type);
    }

    @Test
    void the_districts_user_attaches_a_photo_and_a_pdf_and_the_assessor_reads_them() {
        upload(w.districtHandler, "site-photo.png", png(), "image/png").post(files).then().statusCode(201)
                .body("mediaType", equalTo("image/png")).body("fileName", equalTo("site-photo.png"))
                .body("createdBy", equalTo("districtdesk"));
        int pdf = upload(w.districtHandler, "说明.pdf", PDF, "application/pdf").post(files).then().statusCode(201)
                .body("mediaType", equalTo("application/pdf")).body("size", equalTo(PDF.length)).extract().path("id");
        as(w.assessor).get(files).then().statusCode(200).body("$", hasSize(2));
        byte[] read = RestAssured.given().auth().oauth2(w.assessor).get(files + "/" + pdf).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(PDF, read);
        as(w.districtHandler).get(files).then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void an_empty_file_a_gif_a_pdf_over_five_mebibytes_and_a_sixth_file_are_refused_and_nothing_is_stored() {
        upload(w.districtHandler, "empty.png", new byte[0], "image/png").post(files).then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        upload(w.districtHandler, "anim.gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
                "image/gif").post(files).then().statusCode(400).body("errors[0].field", equalTo("file"));
        byte[] big = Arrays.copyOf(PDF, 5 * 1024 * 1024 + 1);
        upload(w.districtHandler, "big.pdf", big, "application/pdf").post(files).then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        as(w.assessor).get(files).then().body("$", hasSize(0));
        for (int i = 0; i < AppealAttachments.MAX_PER_APPEAL; i++) {
            upload(w.districtHandler, i + ".pdf", PDF, "application/pdf").post(files).then().statusCode(201);
        }
        upload(w.districtHandler, "6.pdf", PDF, "application/pdf").post(files).then().statusCode(409);
        as(w.assessor).get(files).then().body("$", hasSize(AppealAttachments.MAX_PER_APPEAL));
    }

    @Test
    void a_decided_appeal_takes_no_more_files() {
        as(w.assessor).body(Map.of("decision", "REJECTED", "reason", "不属实")).post("/api/v1/assessment/appeals/" + appeal
                + "/decision").then().statusCode(200);
        upload(w.districtHandler, "late.pdf", PDF, "application/pdf").post(files).then().statusCode(409);
    }

    @Test
    void the_wrong_roles_other_targets_users_and_another_city_are_refused_the_appeals_files() {
        int id = upload(w.districtHandler, "说明.pdf", PDF, "application/pdf").post(files).then().statusCode(201)
                .extract().path("id");
        upload(w.dispatcher, "x.pdf", PDF, "application/pdf").post(files).then().statusCode(403);
        upload(w.assessor, "x.pdf", PDF, "application/pdf").post(files).then().statusCode(403);
        // a handler of another department is not the district's user
        upload(w.handler, "x.pdf", PDF, "application/pdf").post(files).then().statusCode(403);
        as(w.handler).get(files).then().statusCode(403);
        RestAssured.given().auth().oauth2(w.dispatcher).get(files + "/" + id).then().statusCode(403);
        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        String otherHandler = other.userWith("handler", "department-handler");
        as(otherAssessor).get(files).then().statusCode(404);
        RestAssured.given().auth().oauth2(otherAssessor).get(files + "/" + id).then().statusCode(404);
        upload(otherHandler, "x.pdf", PDF, "application/pdf").post(files).then().statusCode(404);
        as(w.assessor).get(files).then().body("$", hasSize(1));
    }
}
