package city.gridcity.grid;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class GridApiTest {

    static final GridGenerator.Spec SMALL = new GridGenerator.Spec("9701", 11L, 118.50, 31.50, 2, 3, 6, 12, 90, 200, 1, 1);

    @Test
    void an_administrator_dry_runs_a_broken_layout_sees_every_error_fixes_it_imports_and_locates() {
        Api.City city = Api.aCity();
        ObjectNode good = GridGenerator.generate(SMALL);
        ObjectNode broken = good.deepCopy();
        ArrayNode features = (ArrayNode) broken.get("features");
        List<Integer> units = LayoutValidationTest.indexesOf(features, "unit");
        ArrayNode ring = LayoutValidationTest.ring(features.get(units.get(0)));
        ring.remove(ring.size() - 1);
        ((ObjectNode) features.get(units.get(1)).get("properties")).put("code", "123");
        ArrayNode bowTie = LayoutValidationTest.ring(features.get(units.get(2)));
        JsonNode corner = bowTie.get(1).deepCopy();
        bowTie.set(1, bowTie.get(2).deepCopy());
        bowTie.set(2, corner);

        // dry run: every problem, nothing stored
        as(city.adminToken()).body(broken.toString()).post("/api/v1/grid/layouts?dryRun=true").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.kind", hasItem("geometry")).body("problems.kind", hasItem("code"))
                .body("problems.kind", hasItem("invalid-polygon"))
                .body("problems.find { it.kind == 'invalid-polygon' }.index", equalTo(units.get(2)))
                .body("problems.find { it.kind == 'geometry' }.message", containsString("not closed"));
        // a real import of the broken file is refused whole
        as(city.adminToken()).body(broken.toString()).post("/api/v1/grid/layouts").then().statusCode(400)
                .body("code", equalTo("invalid-layout"))
                .body("errors.field", hasItem(containsString("features[" + units.get(0) + "]")));
        as(city.adminToken()).get("/api/v1/grid/layouts").then().statusCode(200).body("$", hasSize(0));

        // fixed: dry run is clean, import creates version 1
        as(city.adminToken()).body(good.toString()).post("/api/v1/grid/layouts?dryRun=true").then().statusCode(200)
                .body("valid", equalTo(true)).body("counts.unit", equalTo(90)).body("counts.management", equalTo(12));
        as(city.adminToken()).body(good.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201).body("version", equalTo(1));

        // locate the centre of a known unit grid
        JsonNode unit = features.get(units.get(5));
        double[] centre = centre(unit);
        String code = unit.get("properties").get("code").asText();
        as(city.adminToken()).queryParam("lon", centre[0]).queryParam("lat", centre[1]).get("/api/v1/grid/locate").then()
                .statusCode(200).body("unit.code", equalTo(code))
                .body("management.code", equalTo(code.substring(0, 14)))
                .body("community.code", equalTo(code.substring(0, 12)))
                .body("street.code", equalTo(code.substring(0, 9)))
                .body("district.code", equalTo(code.substring(0, 6)))
                .body("layoutVersion", equalTo(1));
    }

    @Test
    void a_point_outside_the_city_or_in_another_city_gets_an_error_naming_the_city() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(GridGenerator.generate(SMALL).toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01")
                .then().statusCode(201);
        as(city.adminToken()).queryParam("lon", 116.40).queryParam("lat", 39.90).get("/api/v1/grid/locate").then()
                .statusCode(422).body("code", equalTo("outside-city")).body("detail", containsString("测试市" + city.code()));
        as(city.adminToken()).queryParam("lon", 200).queryParam("lat", 31.5).get("/api/v1/grid/locate").then()
                .statusCode(400).body("errors[0].field", equalTo("lon"));
        as(city.adminToken()).queryParam("lon", 118.5).get("/api/v1/grid/locate").then()
                .statusCode(400).body("errors[0].field", equalTo("lat"));
        as(city.adminToken()).queryParam("lon", 118.5).queryParam("lat", 31.5).queryParam("crs", "mars")
                .get("/api/v1/grid/locate").then().statusCode(400).body("errors[0].field", equalTo("crs"));
    }

    @Test
    void gcj02_and_bd09_coordinates_are_converted_to_wgs84_before_locating() {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(SMALL);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        ArrayNode features = (ArrayNode) layout.get("features");
        JsonNode unit = features.get(LayoutValidationTest.indexesOf(features, "unit").get(40));
        double[] wgs = centre(unit);
        double[] gcj = CoordinateSystem.wgs84ToGcj02(wgs[0], wgs[1]);
        double[] bd = CoordinateSystem.gcj02ToBd09(gcj[0], gcj[1]);
        String code = unit.get("properties").get("code").asText();
        as(city.adminToken()).queryParam("lon", gcj[0]).queryParam("lat", gcj[1]).queryParam("crs", "gcj02")
                .get("/api/v1/grid/locate").then().statusCode(200).body("unit.code", equalTo(code));
        as(city.adminToken()).queryParam("lon", bd[0]).queryParam("lat", bd[1]).queryParam("crs", "bd09")
                .get("/api/v1/grid/locate").then().statusCode(200).body("unit.code", equalTo(code));
        // the same GCJ-02 numbers read as WGS84 land about 500 m away, in another unit
        as(city.adminToken()).queryParam("lon", gcj[0]).queryParam("lat", gcj[1])
                .get("/api/v1/grid/locate").then().statusCode(200).body("unit.code", org.hamcrest.Matchers.not(equalTo(code)));
    }

    @Test
    void a_redrawn_layout_takes_effect_on_its_date_and_earlier_days_keep_the_old_grid() {
        Api.City city = Api.aCity();
        ObjectNode v1 = GridGenerator.generate(SMALL);
        ObjectNode v2 = GridGenerator.generate(new GridGenerator.Spec("9702", 12L, 118.50, 31.50, 2, 3, 6, 12, 90, 200, 1, 0));
        java.time.LocalDate redraw = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30);
        as(city.adminToken()).body(v1.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        // once a city has a layout, a redraw cannot reach into the past
        as(city.adminToken()).body(v2.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-07-01").then()
                .statusCode(400).body("errors[0].field", equalTo("effectiveFrom"));
        as(city.adminToken()).body(v2.toString()).post("/api/v1/grid/layouts?effectiveFrom=" + redraw).then()
                .statusCode(201).body("version", equalTo(2));
        as(city.adminToken()).body(v2.toString()).post("/api/v1/grid/layouts?effectiveFrom=" + redraw).then()
                .statusCode(409).body("errors[0].field", equalTo("effectiveFrom"));

        as(city.adminToken()).queryParam("lon", 118.5).queryParam("lat", 31.5).queryParam("at", redraw.minusDays(1).toString())
                .get("/api/v1/grid/locate").then().statusCode(200).body("layoutVersion", equalTo(1))
                .body("district.code", containsString("9701"));
        as(city.adminToken()).queryParam("lon", 118.5).queryParam("lat", 31.5).queryParam("at", redraw.toString())
                .get("/api/v1/grid/locate").then().statusCode(200).body("layoutVersion", equalTo(2))
                .body("district.code", containsString("9702"));
        as(city.adminToken()).queryParam("lon", 118.5).queryParam("lat", 31.5).queryParam("at", "2025-12-31")
                .get("/api/v1/grid/locate").then().statusCode(404);
        as(city.adminToken()).get("/api/v1/grid/layouts").then().body("version", equalTo(List.of(2, 1)));
    }

    @Test
    void units_are_listed_by_level_and_parent_and_served_as_geojson() {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(GridGenerator.generate(SMALL).toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01")
                .then().statusCode(201);
        String token = city.userWith("viewer", "district-supervisor");
        as(token).get("/api/v1/grid/units?level=district&at=2026-02-01").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].geometry", nullValue());
        String management = as(token).get("/api/v1/grid/units?level=management&at=2026-02-01").then().statusCode(200)
                .body("total", equalTo(12)).body("items[0].areaClass", org.hamcrest.Matchers.notNullValue())
                .extract().path("items[0].code");
        as(token).get("/api/v1/grid/units?level=unit&parent=" + management + "&at=2026-02-01").then().statusCode(200)
                .body("total", greaterThan(0));
        as(token).get("/api/v1/grid/units/" + management + "?at=2026-02-01").then().statusCode(200)
                .body("geometry.type", equalTo("Polygon")).body("areaM2", greaterThan(1000f));
        as(token).get("/api/v1/grid/geojson?level=key_area&at=2026-02-01").then().statusCode(200)
                .body("type", equalTo("FeatureCollection")).body("features", hasSize(1))
                .body("features[0].properties.patrolFactor", equalTo(2.0f));
        as(token).get("/api/v1/grid/geojson?at=2026-02-01").then().statusCode(400).body("errors[0].field", equalTo("level"));
        as(token).get("/api/v1/grid/units?level=planet").then().statusCode(400).body("errors[0].field", equalTo("level"));
        as(token).get("/api/v1/grid/units?page=3000000&size=1000").then().statusCode(400);
        as(token).get("/api/v1/grid/locate?lon=NaN&lat=31.5").then().statusCode(400).body("errors[0].field", equalTo("lon"));
    }

    @Test
    void a_user_of_another_city_sees_none_of_this_citys_grid() {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        as(a.adminToken()).body(GridGenerator.generate(SMALL).toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01")
                .then().statusCode(201);
        String someCode = as(a.adminToken()).get("/api/v1/grid/units?level=district&at=2026-02-01").then().extract()
                .path("items[0].code");
        as(b.adminToken()).get("/api/v1/grid/layouts").then().statusCode(200).body("$", hasSize(0));
        as(b.adminToken()).get("/api/v1/grid/units/" + someCode + "?version=1").then().statusCode(404);
        as(b.adminToken()).get("/api/v1/grid/units?version=1").then().statusCode(404);
        as(b.adminToken()).queryParam("lon", 118.5).queryParam("lat", 31.5).get("/api/v1/grid/locate").then()
                .statusCode(404);
    }

    @Test
    void only_a_city_administrator_imports_and_only_city_users_read() {
        Api.City city = Api.aCity();
        String acceptor = city.userWith("acc", "acceptor");
        as(acceptor).body(GridGenerator.generate(SMALL).toString()).post("/api/v1/grid/layouts").then().statusCode(403);
        as(Api.operatorToken()).get("/api/v1/grid/layouts").then().statusCode(403);
        Api.json().get("/api/v1/grid/locate?lon=118.5&lat=31.5").then().statusCode(401);
        as(city.adminToken()).body("{\"type\":\"Feature\"}").post("/api/v1/grid/layouts").then().statusCode(400)
                .body("errors[0].field", equalTo("layout"));
    }

    static double[] centre(JsonNode feature) {
        ArrayNode ring = LayoutValidationTest.ring(feature);
        double minX = 999;
        double minY = 999;
        double maxX = -999;
        double maxY = -999;
        for (JsonNode p : ring) {
            minX = Math.min(minX, p.get(0).asDouble());
            maxX = Math.max(maxX, p.get(0).asDouble());
            minY = Math.min(minY, p.get(1).asDouble());
            maxY = Math.max(maxY, p.get(1).asDouble());
        }
        return new double[] {(minX + maxX) / 2, (minY + maxY) / 2};
    }
}
