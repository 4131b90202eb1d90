package city.gridcity.assessment;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appeal attachments in the console: the target's user attaches photos and PDFs on the score card's appeal form (or
 * adds them on the appeal's page while it is pending); the appellant and the assessor see them listed by name and size
 * and open or download them; a bad file is shown next to the field with nothing stored; the walls.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AppealAttachmentPagesTest {

    static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

    @Inject
    TestClock clock;

    AssessmentWorld w;
    int run;
    String card;

    @BeforeEach
    void aRunOfNovember() {
        w = new AssessmentWorld(clock).withTwoCases();
        run = w.run();
        card = "/console/assessment/runs/" + run + "/cards/" + w.district;
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * A multipart form as a browser sends it, with the CSRF cookie and field: file names in UTF-8 as they are (a
     * browser does not encode them), not as RestAssured's strict mode would (US-ASCII, 现场 → ??).
     */
    static RequestSpecification multipart(String token) {
        return page(token).config(io.restassured.config.RestAssuredConfig.config()
                        .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                                .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE))
                        .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8")))
                .cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken");
    }

    static RequestSpecification text(RequestSpecification spec, String name, String value) {
        return spec.multiPart(new MultiPartSpecBuilder(value).controlName(name).charset(StandardCharsets.UTF_8).build());
    }

    RequestSpecification appealForm(String token, String reason) {
        RequestSpecification spec = text(multipart(token), "item", "reports");
        spec = text(spec, "caseNumber", w.cases[1]);
        return text(spec, "reason", reason);
    }

    @Test
    void the_districts_user_appeals_with_a_photo_and_a_pdf_and_they_and_the_assessor_see_and_open_the_files() {
        // given: the card's appeal form sends files
        page(w.districtHandler).get(card).then().statusCode(200)
                .body(containsString("enctype=\"multipart/form-data\"")).body(containsString("name=\"files\""))
                .body(containsString("最多 5 个"));

        // when: the district's user appeals with a photo and a PDF
        followed(w.districtHandler, appealForm(w.districtHandler, "重复上报，附现场照片")
                .multiPart("files", "现场.png", AppealAttachmentsTest.png(), "image/png")
                .multiPart("files", "说明.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post(card + "/appeals")).then().statusCode(200).body(containsString("申诉已提交"))
                // then: their card lists the appeal with its files by name, kind and size
                .body(containsString("现场.png")).body(containsString("说明.pdf")).body(containsString("PDF 文档"))
                .body(containsString(AppealAttachmentsTest.PDF.length + " 字节"));
        int appeal = as(w.assessor).get("/api/v1/assessment/appeals?status=PENDING").then().body("$", hasSize(1))
                .body("[0].reason", equalTo("重复上报，附现场照片")).extract().path("[0].id");
        as(w.assessor).get("/api/v1/assessment/appeals/" + appeal + "/attachments").then()
                .body("fileName", equalTo(java.util.List.of("现场.png", "说明.pdf")));
        int pdf = as(w.assessor).get("/api/v1/assessment/appeals/" + appeal + "/attachments").then()
                .extract().path("[1].id");
        String files = "/console/assessment/appeals/" + appeal + "/attachments/";

        // the assessor's queue and the appeal's page list them with links to open them
        page(w.assessor).get("/console/assessment/appeals").then().statusCode(200).body(containsString("现场.png"))
                .body(containsString("href=\"" + files + pdf + "\" download"));
        page(w.assessor).get("/console/assessment/appeals/" + appeal + "?lang=en").then().statusCode(200)
                .body(containsString("Attachments")).body(containsString("PDF document"))
                .body(containsString("id=\"decision-form\"")).body(not(containsString("id=\"files-form\"")))
                .body(containsString("name=\"viewport\"")).body(not(containsString("onsubmit=")));
        page(w.districtHandler).get("/console/assessment/appeals/" + appeal).then().statusCode(200)
                .body(containsString("说明.pdf")).body(containsString("id=\"files-form\""))
                .body(not(containsString("id=\"decision-form\"")));

        // and the PDF comes as a download with its name, the same bytes; the photo opens in the browser
        io.restassured.response.Response got = page(w.districtHandler).get(files + pdf);
        got.then().statusCode(200).contentType("application/pdf").header("Content-Disposition",
                containsString("attachment")).header("Content-Disposition", containsString("UTF-8''%E8%AF%B4%E6%98%8E.pdf"));
        assertArrayEquals(AppealAttachmentsTest.PDF, got.asByteArray());
        int photo = as(w.assessor).get("/api/v1/assessment/appeals/" + appeal + "/attachments").then()
                .extract().path("[0].id");
        page(w.assessor).get(files + photo).then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", containsString("inline"));

        // and the appellant adds one more file on the appeal's page while it is pending
        followed(w.districtHandler, multipart(w.districtHandler)
                .multiPart("files", "补充.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post("/console/assessment/appeals/" + appeal + "/attachments")).then().statusCode(200)
                .body(containsString("附件已添加")).body(containsString("补充.pdf"));

        // decided from its page, it takes no more files and the page names the decision
        followed(w.assessor, form(w.assessor).formParam("decision", "REJECTED").formParam("reason", "")
                .formParam("back", "appeal").post("/console/assessment/appeals/" + appeal + "/decision")).then()
                .statusCode(400).body(containsString("id=\"reason-error\""));
        followed(w.assessor, form(w.assessor).formParam("decision", "REJECTED").formParam("reason", "照片不能证明重复")
                .formParam("back", "appeal").post("/console/assessment/appeals/" + appeal + "/decision")).then()
                .statusCode(200).body(containsString("已裁决")).body(containsString("照片不能证明重复"));
        page(w.districtHandler).get("/console/assessment/appeals/" + appeal).then().statusCode(200)
                .body(not(containsString("id=\"files-form\"")));
        followed(w.districtHandler, multipart(w.districtHandler)
                .multiPart("files", "迟到.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post("/console/assessment/appeals/" + appeal + "/attachments")).then().statusCode(409)
                .body(containsString("申诉已裁决，不能再添加附件"));
        assertEquals(3, storedFiles());
    }

    @Test
    void a_gif_a_pdf_over_five_mebibytes_and_six_files_are_shown_next_to_the_field_and_nothing_is_stored()
            throws SQLException {
        followed(w.districtHandler, appealForm(w.districtHandler, "重复上报")
                .multiPart("files", "anim.gif", GIF, "image/gif").post(card + "/appeals")).then().statusCode(400)
                .body(containsString("id=\"files-error\"")).body(containsString("附件须为照片"))
                // what was typed stays
                .body(containsString("重复上报")).body(containsString("<option value=\"reports\" selected>"));
        byte[] big = Arrays.copyOf(AppealAttachmentsTest.PDF, 5 * 1024 * 1024 + 1);
        followed(w.districtHandler, appealForm(w.districtHandler, "重复上报")
                .multiPart("files", "big.pdf", big, "application/pdf").post(card + "/appeals")).then()
                .statusCode(400).body(containsString("id=\"files-error\""));
        RequestSpecification six = appealForm(w.districtHandler, "重复上报");
        for (int i = 0; i < 6; i++) {
            six = six.multiPart("files", i + ".pdf", AppealAttachmentsTest.PDF, "application/pdf");
        }
        followed(w.districtHandler, six.post(card + "/appeals")).then().statusCode(400)
                .body(containsString("id=\"files-error\""));
        // a bad file and a bad field together: both shown
        followed(w.districtHandler, text(text(multipart(w.districtHandler), "item", "reports"), "reason", "")
                .multiPart("files", "anim.gif", GIF, "image/gif").post(card + "/appeals")).then().statusCode(400)
                .body(containsString("id=\"files-error\"")).body(containsString("id=\"reason-error\""));
        as(w.assessor).get("/api/v1/assessment/appeals").then().body("$", hasSize(0));
        assertEquals(0, storedFiles());

        // on a pending appeal's page: a GIF is refused by the field, nothing added
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "item", "reports", "caseNumber", w.cases[1],
                "reason", "重复上报")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        followed(w.districtHandler, multipart(w.districtHandler).multiPart("files", "anim.gif", GIF, "image/gif")
                .post("/console/assessment/appeals/" + appeal + "/attachments")).then().statusCode(400)
                .body(containsString("id=\"files-error\"")).body(containsString("aria-invalid=\"true\""));
        followed(w.districtHandler, multipart(w.districtHandler)
                .multiPart("files", "", new byte[0], "application/octet-stream")
                .post("/console/assessment/appeals/" + appeal + "/attachments")).then().statusCode(400)
                .body(containsString("id=\"files-error\""));
        assertEquals(0, storedFiles());
    }

    @Test
    void another_targets_user_a_wrong_role_and_another_city_are_refused_the_appeal_pages_and_files() {
        int appeal = as(w.districtHandler).body(Map.of("target", w.district, "item", "reports", "caseNumber", w.cases[1],
                "reason", "重复上报")).post("/api/v1/assessment/runs/" + run + "/appeals").then().statusCode(201)
                .extract().path("id");
        int file = io.restassured.RestAssured.given().auth().oauth2(w.districtHandler)
                .multiPart("file", "说明.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post("/api/v1/assessment/appeals/" + appeal + "/attachments").then().statusCode(201).extract().path("id");
        String page = "/console/assessment/appeals/" + appeal;
        String download = page + "/attachments/" + file;

        // a handler of another department does not speak for the district; a dispatcher is no assessor
        for (String token : new String[] {w.handler, w.dispatcher}) {
            page(token).get(page).then().statusCode(403);
            page(token).get(download).then().statusCode(403);
            multipart(token).multiPart("files", "x.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                    .post(page + "/attachments").then().statusCode(403);
            text(text(multipart(token), "item", "reports"), "reason", "x")
                    .multiPart("files", "x.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                    .post(card + "/appeals").then().statusCode(403);
        }
        // the assessor reads the files but does not add them: they are the appellant's
        multipart(w.assessor).multiPart("files", "x.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post(page + "/attachments").then().statusCode(403);
        // without the CSRF field the form is refused
        page(w.districtHandler).multiPart("files", "x.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post(page + "/attachments").then().statusCode(403);

        clock.reset();
        Api.City other = Api.aCity();
        String otherAssessor = other.userWith("assessor", "assessor");
        String otherHandler = other.userWith("handler", "department-handler");
        page(otherAssessor).get(page).then().statusCode(404);
        page(otherAssessor).get(download).then().statusCode(404);
        multipart(otherHandler).multiPart("files", "x.pdf", AppealAttachmentsTest.PDF, "application/pdf")
                .post(page + "/attachments").then().statusCode(404);
        page(otherAssessor).get("/console/assessment/appeals").then().statusCode(200)
                .body(not(containsString("说明.pdf")));
        as(w.assessor).get("/api/v1/assessment/appeals/" + appeal + "/attachments").then().body("$", hasSize(1));
    }

    /** The files stored with appeals of the world's city, past row-level security. */
    int storedFiles() {
        try (Connection db = PostgresResource.superuser();
             PreparedStatement s = db.prepareStatement("SELECT count(*) FROM assessment_appeal_attachment WHERE tenant_id = ?")) {
            s.setString(1, w.city.code());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
