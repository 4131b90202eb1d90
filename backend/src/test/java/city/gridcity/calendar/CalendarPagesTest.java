package city.gridcity.calendar;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The administrator's working calendar page: a year of months, and its holidays and make-up days edited as lines. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CalendarPagesTest {

    @Test
    void the_administrator_marks_holidays_and_a_make_up_day_and_a_bad_line_is_named_with_nothing_changed() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console").then().body(containsString("/console/admin/calendar"));

        // 2031-02-01 is a Saturday: weekend until it is made a make-up day
        page(boss).get("/console/admin/calendar?year=2031").then().statusCode(200).body(containsString("一月"))
                .body(containsString("<td class=\"day weekend\" title=\"休息日\">1</td>"));

        followed(boss, form(boss).formParam("holidays", "2031-01-01 元旦\nnot a date").formParam("workdays", "")
                .post("/console/admin/calendar/2031")).then().statusCode(400)
                .body(containsString("id=\"holidays-error\"")).body(containsString("not a date"));
        Api.as(city.adminToken()).get("/api/v1/calendar?year=2031").then().statusCode(200).body("days", hasSize(0));
        page(boss).get("/console/admin/calendar?year=2031").then().body(not(containsString("title=\"元旦\"")));

        followed(boss, form(boss).formParam("holidays", "2031-01-01 元旦\n2031-01-02 元旦").formParam("workdays",
                "2031-02-01 春节调休").post("/console/admin/calendar/2031")).then().statusCode(200)
                .body(containsString("已保存")).body(containsString("<td class=\"day holiday\" title=\"元旦\">1</td>"))
                .body(containsString("<td class=\"day makeup\" title=\"春节调休\">1</td>"));
        page(boss).get("/console/admin/calendar?year=2031&lang=en").then().body(containsString("February"))
                .body(containsString("Make-up working day"));
    }

    @Test
    void the_administrator_sets_the_working_hours_and_a_six_day_week_and_a_bad_period_is_named_with_nothing_changed() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        page(boss).get("/console/admin/calendar?year=2031").then().statusCode(200).body(containsString("id=\"periods\""));

        followed(boss, form(boss).formParam("periods", "08:30-12:00 25:00-26:00").formParam("weekend", "SUNDAY")
                .post("/console/admin/calendar/settings?year=2031")).then().statusCode(400)
                .body(containsString("id=\"periods-error\"")).body(containsString("value=\"08:30-12:00 25:00-26:00\""));
        Api.as(city.adminToken()).get("/api/v1/calendar?year=2031").then().body("settings.weekend", hasSize(2));

        // Saturdays become working days: 2031-02-01 is a Saturday
        followed(boss, form(boss).formParam("periods", "09:00-12:00 13:30-17:30").formParam("weekend", "SUNDAY")
                .post("/console/admin/calendar/settings?year=2031")).then().statusCode(200)
                .body(containsString("工作时间已保存")).body(containsString("<td class=\"day work\" title=\"工作日\">1</td>"))
                .body(containsString("value=\"09:00-12:00 13:30-17:30\""));
        Api.as(city.adminToken()).get("/api/v1/calendar?year=2031").then().body("settings.weekend", hasSize(1))
                .body("settings.workingPeriods", hasSize(2));
    }

    @Test
    void only_the_administrator_uses_the_page_and_each_city_sees_its_own_calendar() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        a.createUser("boss", "city-admin");
        b.createUser("bossb", "city-admin");
        a.createUser("disp", "dispatcher");
        String boss = Api.token(a.code(), "boss", Api.PASSWORD);
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        followed(boss, form(boss).formParam("holidays", "2032-10-01 国庆节").formParam("workdays", "")
                .post("/console/admin/calendar/2032")).then().statusCode(200);

        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);
        page(dispatcher).get("/console/admin/calendar").then().statusCode(403);
        form(dispatcher).formParam("periods", "00:00-24:00").post("/console/admin/calendar/settings").then().statusCode(403);
        Api.as(a.adminToken()).get("/api/v1/calendar").then().body("settings.workingPeriods", hasSize(2));
        page(bossB).get("/console/admin/calendar?year=2032").then().statusCode(200).body(not(containsString("国庆节")));
        Api.as(b.adminToken()).get("/api/v1/calendar?year=2032").then().body("days", hasSize(0));
        Api.as(a.adminToken()).get("/api/v1/calendar?year=2032").then().body("days", hasSize(1));
    }
}
