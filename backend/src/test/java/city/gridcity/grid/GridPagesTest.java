package city.gridcity.grid;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The administrator's grid pages: upload, check, see the problems on the list and the map, fix, import. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class GridPagesTest {

    @Test
    void an_administrator_uploads_a_layout_with_a_problem_sees_it_marked_uploads_it_fixed_and_imports_it() {
        Api.City city = Api.aCity();
        city.createUser("boss", "city-admin");
        String boss = Api.token(city.code(), "boss", Api.PASSWORD);
        ObjectNode good = GridGenerator.generate(GridApiTest.SMALL);
        ObjectNode broken = good.deepCopy();
        ArrayNode features = (ArrayNode) broken.get("features");
        int faulty = LayoutValidationTest.indexesOf(features, "unit").get(1);
        ((ObjectNode) features.get(faulty).get("properties")).put("code", "123");

        page(boss).get("/console").then().body(containsString("/console/admin/grid"));
        page(boss).get("/console/admin/grid").then().statusCode(200).body(containsString("尚未导入网格"));

        // no file: named at the field
        followed(boss, upload(boss, null, "")).then().statusCode(400).body(containsString("id=\"file-error\""))
                .body(containsString("请选择本市网格的 GeoJSON 文件"));
        // not JSON at all: named at the field too
        followed(boss, upload(boss, "这不是地图".getBytes(StandardCharsets.UTF_8), "")).then().statusCode(400)
                .body(containsString("id=\"file-error\""));

        // the broken file: its page lists the wrong code by feature, the map marks that feature, nothing imported
        Response checked = upload(boss, broken.toString().getBytes(StandardCharsets.UTF_8), "2026-01-01");
        String draft = checked.getHeader("Location");
        followed(boss, checked).then().statusCode(200).body(containsString("编码不对"))
                .body(containsString("第 " + (faulty + 1) + " 个要素 · 123")).body(not(containsString("id=\"import-layout\"")));
        page(boss).get(draft + "/map.geojson").then().statusCode(200)
                .body("features.find { it.properties.index == " + faulty + " }.properties.problem", equalTo(true))
                .body("features.find { it.properties.index == 0 }.properties.problem", equalTo(false));
        Api.as(city.adminToken()).get("/api/v1/grid/layouts").then().body("$", hasSize(0));
        page(boss).get(draft + "?lang=en").then().body(containsString("Wrong code"));

        // fixed: the check passes, the import takes the very file that was checked
        Response fixed = upload(boss, good.toString().getBytes(StandardCharsets.UTF_8), "2026-01-01");
        String clean = fixed.getHeader("Location");
        followed(boss, fixed).then().statusCode(200).body(containsString("检查通过")).body(containsString("id=\"import-layout\""));
        followed(boss, form(boss).formParam("effectiveFrom", "2026-01-01").post(clean + "/import")).then().statusCode(200)
                .body(containsString("图层已导入")).body(containsString("id=\"layout-1\""));
        Api.as(city.adminToken()).get("/api/v1/grid/layouts").then().body("$", hasSize(1))
                .body("[0].unitGrids", equalTo(90));
        // the same draft twice: refused, on its page
        followed(boss, form(boss).formParam("effectiveFrom", "2026-02-01").post(clean + "/import")).then().statusCode(409);
        Api.as(city.adminToken()).get("/api/v1/grid/layouts").then().body("$", hasSize(1));
    }

    @Test
    void only_the_administrator_uses_the_grid_pages_and_another_citys_drafts_are_not_found() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        a.createUser("boss", "city-admin");
        String bossA = Api.token(a.code(), "boss", Api.PASSWORD);
        String draft = upload(bossA, GridGenerator.generate(GridApiTest.SMALL).toString().getBytes(StandardCharsets.UTF_8), "")
                .then().statusCode(303).extract().header("Location");
        b.createUser("bossb", "city-admin");
        String bossB = Api.token(b.code(), "bossb", Api.PASSWORD);
        a.createUser("disp", "dispatcher");
        String dispatcher = Api.token(a.code(), "disp", Api.PASSWORD);

        page(dispatcher).get("/console/admin/grid").then().statusCode(403);
        page(dispatcher).get(draft).then().statusCode(403);
        page(dispatcher).get(draft + "/map.geojson").then().statusCode(403);
        form(dispatcher).post(draft + "/import").then().statusCode(403);
        page(bossB).get(draft).then().statusCode(404);
        page(bossB).get(draft + "/map.geojson").then().statusCode(404);
        form(bossB).post(draft + "/import").then().statusCode(404);
        page(bossB).get("/console/admin/grid").then().statusCode(200).body(not(containsString(draft)));
        Api.as(a.adminToken()).get("/api/v1/grid/layouts").then().body("$", hasSize(0));
    }

    private static Response upload(String token, byte[] file, String effectiveFrom) {
        var request = page(token).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken").multiPart("effectiveFrom", effectiveFrom);
        if (file != null) {
            request = request.multiPart("file", "layout.geojson", file, "application/geo+json");
        }
        return request.post("/console/admin/grid/drafts");
    }

}
