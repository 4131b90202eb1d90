package city.gridcity.calendar;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CalendarApiTest {

    static final Map<String, Object> NATIONAL_DAY = Map.of(
            "holidays", List.of(Map.of("date", "2026-10-01", "name", "国庆节"), Map.of("date", "2026-10-02", "name", "国庆节"),
                    Map.of("date", "2026-10-03", "name", "国庆节"), Map.of("date", "2026-10-04", "name", "国庆节"),
                    Map.of("date", "2026-10-05", "name", "国庆节"), Map.of("date", "2026-10-06", "name", "国庆节"),
                    Map.of("date", "2026-10-07", "name", "国庆节")),
            "workdays", List.of(Map.of("date", "2026-09-20", "name", "调休上班"), Map.of("date", "2026-10-10", "name", "调休上班")));

    @Test
    void an_administrator_sets_the_holidays_and_deadlines_follow_them() {
        Api.City city = Api.aCity();
        String admin = city.adminToken();
        // defaults before anything is set
        as(admin).get("/api/v1/calendar?year=2026").then().statusCode(200)
                .body("settings.workingPeriods", equalTo(List.of("08:30-12:00", "13:30-17:30")))
                .body("days", hasSize(0));
        as(admin).queryParam("start", "2026-09-30T16:30").queryParam("hours", 4).get("/api/v1/calendar/deadline").then()
                .statusCode(200).body("deadlineLocal", equalTo("2026-10-01T11:30"));

        as(admin).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(200).body("$", hasSize(9));
        // across the National Day week: 1 h on 30 Sep, then 3 h on Thu 8 Oct
        as(admin).queryParam("start", "2026-09-30T16:30").queryParam("hours", 4).get("/api/v1/calendar/deadline").then()
                .statusCode(200).body("deadlineLocal", equalTo("2026-10-08T11:30"));
        // the make-up Saturday works: Fri 9 Oct 15:30 + 8 h
        as(admin).queryParam("start", "2026-10-09T15:30").queryParam("hours", 8).get("/api/v1/calendar/deadline").then()
                .statusCode(200).body("deadlineLocal", equalTo("2026-10-10T16:00"));
        as(admin).queryParam("start", "2026-09-19T10:00+08:00").queryParam("days", 1).get("/api/v1/calendar/deadline")
                .then().statusCode(200).body("deadlineLocal", equalTo("2026-09-20T17:30"));

        // working hours change: deadlines change with them
        as(admin).body(Map.of("workingPeriods", List.of("09:00-17:00"), "weekend", List.of("SUNDAY")))
                .put("/api/v1/calendar/settings").then().statusCode(200).body("weekend", equalTo(List.of("SUNDAY")));
        as(admin).queryParam("start", "2026-11-27T16:00").queryParam("hours", 2).get("/api/v1/calendar/deadline").then()
                .statusCode(200).body("deadlineLocal", equalTo("2026-11-28T10:00"));
    }

    @Test
    void bad_calendar_input_is_refused_naming_the_entry_and_the_year_is_kept() {
        Api.City city = Api.aCity();
        String admin = city.adminToken();
        as(admin).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(200);
        as(admin).body(Map.of("holidays", List.of(Map.of("date", "2027-01-01", "name", "元旦"), Map.of("date", "2026-05-01")),
                        "workdays", List.of(Map.of("date", "2026-05-01", "name", "x"))))
                .put("/api/v1/calendar/years/2026").then().statusCode(400)
                .body("errors.field", hasItem("holidays[0].date")).body("errors.field", hasItem("holidays[1].name"))
                .body("errors.field", hasItem("workdays[0].date"));
        as(admin).get("/api/v1/calendar?year=2026").then().body("days", hasSize(9));
        as(admin).body(Map.of("workingPeriods", List.of("12:00-08:00"), "weekend", List.of()))
                .put("/api/v1/calendar/settings").then().statusCode(400).body("errors[0].field", equalTo("workingPeriods[0]"));
        as(admin).body(Map.of("workingPeriods", List.of("08:00-12:00", "11:00-14:00"), "weekend", List.of()))
                .put("/api/v1/calendar/settings").then().statusCode(400).body("errors[0].field", equalTo("workingPeriods"));
        as(admin).body(Map.of("workingPeriods", List.of("08:00-12:00"), "weekend", List.of("FUNDAY")))
                .put("/api/v1/calendar/settings").then().statusCode(400).body("errors[0].field", equalTo("weekend[0]"));
        as(admin).queryParam("start", "yesterday").queryParam("hours", 1).get("/api/v1/calendar/deadline").then()
                .statusCode(400).body("errors[0].field", equalTo("start"));
        as(admin).queryParam("start", "2026-01-01T09:00").get("/api/v1/calendar/deadline").then()
                .statusCode(400).body("errors[0].field", equalTo("hours"));
    }

    @Test
    void one_citys_holidays_do_not_apply_in_another_and_only_administrators_change_them() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(200);
        as(b.adminToken()).get("/api/v1/calendar?year=2026").then().statusCode(200).body("days", hasSize(0));
        as(b.adminToken()).queryParam("start", "2026-09-30T16:30").queryParam("hours", 4).get("/api/v1/calendar/deadline")
                .then().body("deadlineLocal", equalTo("2026-10-01T11:30"));
        String dispatcher = a.userWith("disp", "dispatcher");
        as(dispatcher).get("/api/v1/calendar?year=2026").then().statusCode(200).body("days", hasSize(9));
        as(dispatcher).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(403);
        as(dispatcher).body(Map.of("workingPeriods", List.of("09:00-17:00"), "weekend", List.of()))
                .put("/api/v1/calendar/settings").then().statusCode(403);
        as(Api.operatorToken()).get("/api/v1/calendar").then().statusCode(403);
    }

    @Test
    void a_city_created_from_a_pack_gets_the_packs_calendar() {
        String op = Api.operatorToken();
        String password = as(op).post("/api/v1/platform/tenants/packs/ncity").then().statusCode(201).extract()
                .path("administrators[0].initialPassword");
        String admin = Api.token("ncity", "cityadmin", password);
        as(admin).get("/api/v1/calendar?year=2026").then().statusCode(200).body("days", hasSize(39));
        // Spring Festival 2026: Fri 13 Feb 17:00 + 1 h: Sat 14 Feb is a make-up working day
        as(admin).queryParam("start", "2026-02-13T17:00").queryParam("hours", 1).get("/api/v1/calendar/deadline").then()
                .body("deadlineLocal", equalTo("2026-02-14T09:00"));
        // and the holiday week after it: Sat 14 Feb 17:00 + 1 h resumes on Tue 24 Feb
        as(admin).queryParam("start", "2026-02-14T17:00").queryParam("hours", 1).get("/api/v1/calendar/deadline").then()
                .body("deadlineLocal", equalTo("2026-02-24T09:00"));
        // the rest of the pack came with it: its platform companies and its catalog edits and routing
        as(admin).get("/api/v1/departments/bike-a").then().statusCode(200).body("kind", equalTo("PLATFORM_COMPANY"));
        as(admin).get("/api/v1/catalog/event/0506").then().body("departmentCode", equalTo("bike-a"));
        as(admin).get("/api/v1/catalog/event/0506/routing").then()
                .body("overrides[0].department", equalTo("bike-b")).body("overrides[0].area", equalTo("920102"));
        as(admin).get("/api/v1/grid/layouts").then().body("[0].unitGrids", equalTo(1500));
    }

    @Test
    void a_changed_time_zone_changes_how_deadlines_are_counted_and_absurd_requests_are_refused() {
        Api.City city = Api.aCity();
        String admin = city.adminToken();
        // 09:00 UTC is 17:00 in Shanghai: half an hour that day, half an hour from 08:30 the next
        as(admin).queryParam("start", "2026-11-24T09:00:00Z").queryParam("hours", 1).get("/api/v1/calendar/deadline").then()
                .body("deadlineLocal", equalTo("2026-11-25T09:00"));
        as(Api.operatorToken()).body(Map.of("timeZone", "Europe/London")).patch("/api/v1/platform/tenants/" + city.code())
                .then().statusCode(200);
        // 09:00 UTC is 09:00 in London, inside working hours: the hour ends at 10:00 there
        as(admin).queryParam("start", "2026-11-24T09:00:00Z").queryParam("hours", 1).get("/api/v1/calendar/deadline").then()
                .body("deadlineLocal", equalTo("2026-11-24T10:00"));
        as(admin).get("/api/v1/calendar?year=1000000000").then().statusCode(400).body("errors[0].field", equalTo("year"));
        as(admin).queryParam("start", "2026-11-24T09:00").queryParam("hours", "NaN").get("/api/v1/calendar/deadline")
                .then().statusCode(400);
        as(admin).body(Map.of("workingPeriods", List.of("08:00-08:01"), "weekend", List.of()))
                .put("/api/v1/calendar/settings").then().statusCode(200);
        as(admin).queryParam("start", "2026-11-24T09:00").queryParam("hours", 10000).get("/api/v1/calendar/deadline")
                .then().statusCode(400).body("errors[0].field", equalTo("hours"));
    }

    @Test
    void an_impossible_date_and_a_long_name_are_named_where_they_are() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body("{\"holidays\":[{\"date\":\"2027-02-30\",\"name\":\"x\"}],\"workdays\":[]}")
                .put("/api/v1/calendar/years/2027").then().statusCode(400)
                .body("errors[0].message", containsString("real date"));
        as(city.adminToken()).body(Map.of("holidays", List.of(Map.of("date", "2027-01-01", "name", "名".repeat(101))),
                "workdays", List.of())).put("/api/v1/calendar/years/2027").then().statusCode(400)
                .body("errors[0].field", equalTo("holidays[0].name"));
    }

    @Test
    void residents_and_operators_are_refused_the_staff_calendar() {
        Api.City city = Api.aCity();
        String resident = city.userWith("resi", "resident");
        as(resident).get("/api/v1/calendar").then().statusCode(403);
        as(resident).queryParam("start", "2026-11-24T09:00").queryParam("hours", 1).get("/api/v1/calendar/deadline")
                .then().statusCode(403);
        as(Api.operatorToken()).body(NATIONAL_DAY).put("/api/v1/calendar/years/2026").then().statusCode(403);
        Api.json().get("/api/v1/calendar").then().statusCode(401);
    }
}
