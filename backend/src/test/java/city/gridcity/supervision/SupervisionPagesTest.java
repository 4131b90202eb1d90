package city.gridcity.supervision;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The administrator's supervisors page: the staffing rule's report and each supervisor's posts. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SupervisionPagesTest {

    static final GridGenerator.Spec SMALL = new GridGenerator.Spec("9701", 11L, 118.50, 31.50, 2, 3, 6, 12, 90, 200, 1, 1);

    @Test
    void the_administrator_posts_a_supervisor_to_grids_by_code_and_reads_the_staffing_rule_by_name() {
        Api.City city = withGrid();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        long dsup = city.createUser("dsup", "district-supervisor");
        List<String> grids = Api.as(city.adminToken()).get("/api/v1/grid/units?level=management").then().extract()
                .path("items.code");
        String firstName = Api.as(city.adminToken()).get("/api/v1/grid/units?level=management").then().extract()
                .path("items[0].name");

        page(boss).get("/console").then().body(containsString("/console/admin/supervision"));
        page(boss).get("/console/admin/supervision").then().statusCode(200).body(containsString("无人负责的管理网格 12 个"))
                .body(containsString("不足")).body(containsString("id=\"supervisor-" + dsup + "\""));

        // a code that is no management grid: named on that supervisor's form, which stays open; nothing changed
        followed(boss, form(boss).formParam("grids", grids.get(0) + "\n999").post("/console/admin/supervision/" + dsup))
                .then().statusCode(400).body(containsString("“999”不是现行图层中的管理网格编码"))
                .body(containsString("id=\"supervisor-" + dsup + "\" open"));
        Api.as(city.adminToken()).get("/api/v1/supervision/supervisors/" + dsup + "/grids").then()
                .body("managementGrids", hasSize(0));

        followed(boss, form(boss).formParam("grids", grids.get(0) + " " + grids.get(1)).post("/console/admin/supervision/" + dsup))
                .then().statusCode(200).body(containsString("岗位已保存")).body(containsString("无人负责的管理网格 10 个"))
                .body(containsString(firstName));
        Api.as(city.adminToken()).get("/api/v1/supervision/supervisors/" + dsup + "/grids").then()
                .body("managementGrids", equalTo(List.of(grids.get(0), grids.get(1))));
        page(boss).get("/console/admin/supervision?lang=en").then().body(containsString("Staffing check"));
    }

    @Test
    void only_the_administrator_uses_the_page_and_another_citys_supervisors_are_not_found() {
        Api.City a = withGrid();
        Api.City b = Api.aCity();
        long dsup = a.createUser("dsup", "district-supervisor");
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        String grid = Api.as(a.adminToken()).get("/api/v1/grid/units?level=management").then().extract().path("items[0].code");

        page(dispatcher).get("/console/admin/supervision").then().statusCode(403);
        form(dispatcher).formParam("grids", grid).post("/console/admin/supervision/" + dsup).then().statusCode(403);
        page(bossB).get("/console/admin/supervision").then().statusCode(200).body(not(containsString("supervisor-" + dsup)));
        form(bossB).formParam("grids", "").post("/console/admin/supervision/" + dsup).then().statusCode(404);
        Api.as(a.adminToken()).get("/api/v1/supervision/supervisors/" + dsup + "/grids").then().body("managementGrids", hasSize(0));
    }

    private static Api.City withGrid() {
        Api.City city = Api.aCity();
        Api.as(city.adminToken()).body(GridGenerator.generate(SMALL).toString())
                .post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        return city;
    }
}
