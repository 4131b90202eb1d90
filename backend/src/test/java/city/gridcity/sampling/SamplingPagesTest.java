package city.gridcity.sampling;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reviewers' sampling page: a day's samples with the case link and three buttons, overdue ones marked. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SamplingPagesTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void a_reviewer_judges_a_sample_with_one_button_and_overdue_samples_are_marked() {
        SamplingWorld w = new SamplingWorld(clock).withReports();
        as(w.city.adminToken()).body(Map.of("share", 0.4, "judgeWorkingDays", 1)).put("/api/v1/sampling/settings")
                .then().statusCode(200);
        w.at(LocalDate.of(2026, 11, 11), 9, 0);
        List<Integer> ids = as(w.assessor).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then()
                .statusCode(200).body("drawn", equalTo(2)).extract().path("samples.id");
        String number = as(w.assessor).get("/api/v1/sampling/draws/2026-11-10").then().extract().path("samples[0].caseNumber");

        // yesterday by default: the 10th; links to the case, three buttons, no inline handler
        page(w.reviewer).get("/console/sampling").then().statusCode(200).body(containsString("2026-11-10 的抽样"))
                .body(containsString("href=\"/console/cases/" + number + "\""))
                .body(containsString("id=\"duplicate-" + ids.get(0) + "\"")).body(containsString("name=\"viewport\""))
                .body(containsString("40 %")).body(not(containsString("onclick=")));
        followed(w.reviewer, form(w.reviewer).formParam("verdict", "DUPLICATE").formParam("day", "2026-11-10")
                .post("/console/sampling/" + ids.get(0) + "/judgement")).then().statusCode(200)
                .body(containsString("已判定。")).body(containsString("id=\"status-" + ids.get(0) + "\">重复"))
                .body(not(containsString("id=\"duplicate-" + ids.get(0) + "\"")));
        // a bad verdict is named next to its sample
        followed(w.reviewer, form(w.reviewer).formParam("verdict", "MAYBE").formParam("day", "2026-11-10")
                .post("/console/sampling/" + ids.get(1) + "/judgement")).then().statusCode(400)
                .body(containsString("id=\"error-" + ids.get(1) + "\"")).body(containsString("请选择有效、重复或假错"));

        // one working day after the 10th ends with Wednesday the 11th: on Thursday the other one is overdue
        w.at(LocalDate.of(2026, 11, 12), 9, 0);
        page(w.assessor).get("/console/sampling?day=2026-11-10&lang=en").then().statusCode(200)
                .body(containsString("id=\"overdue-" + ids.get(1) + "\"")).body(containsString("Overdue"))
                .body(containsString("Samples of 2026-11-10"));
    }

    @Test
    void other_roles_are_refused_and_another_city_sees_none_of_the_samples() {
        SamplingWorld w = new SamplingWorld(clock).withReports();
        w.at(LocalDate.of(2026, 11, 11), 9, 0);
        int id = as(w.assessor).body(Map.of("day", "2026-11-10")).post("/api/v1/sampling/draws").then()
                .statusCode(200).extract().path("samples[0].id");
        clock.reset();
        Api.City other = Api.aCity();
        String otherReviewer = other.userWith("csup", "city-supervisor");
        w.at(LocalDate.of(2026, 11, 11), 9, 0);
        page(w.supervisor).get("/console/sampling").then().statusCode(403);
        page(w.dispatcher).get("/console/sampling").then().statusCode(403);
        // the home page links the sampling page for reviewers only
        page(w.dispatcher).get("/console").then().body(not(containsString("id=\"sampling-link\"")));
        page(otherReviewer).get("/console").then().body(containsString("id=\"sampling-link\""));
        page(otherReviewer).get("/console/sampling?day=2026-11-10").then().statusCode(200)
                .body(containsString("id=\"samples-empty\""));
        form(otherReviewer).formParam("verdict", "FALSE").post("/console/sampling/" + id + "/judgement").then()
                .statusCode(404);
        form(w.dispatcher).formParam("verdict", "FALSE").post("/console/sampling/" + id + "/judgement").then()
                .statusCode(403);
        as(w.reviewer).queryParam("status", "JUDGED").get("/api/v1/sampling/samples").then().body("$",
                org.hamcrest.Matchers.empty());
    }
}
