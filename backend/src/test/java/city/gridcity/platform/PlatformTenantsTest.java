package city.gridcity.platform;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PlatformTenantsTest {

    @Test
    void an_operator_creates_a_city_whose_administrator_can_sign_in_with_the_one_time_password() {
        String code = "newcity" + System.nanoTime() % 10_000;
        var created = as(Api.operatorToken()).body(Map.of("code", code, "nameZh", "新城", "nameEn", "New City",
                        "administrator", Map.of("username", "boss")))
                .post("/api/v1/platform/tenants").then().statusCode(201)
                .header("Location", containsString("/api/v1/platform/tenants/" + code))
                .body("tenant.status", equalTo("ACTIVE"))
                .body("tenant.timeZone", equalTo("Asia/Shanghai"))
                .body("tenant.defaultLocale", equalTo("zh-CN"))
                .body("administrators[0].username", equalTo("boss"))
                .extract();
        String password = created.path("administrators[0].initialPassword");
        String token = Api.token(code, "boss", password);
        as(token).get("/api/v1/auth/me").then().body("roles", hasItem("city-admin"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants").then().statusCode(200).body("code", hasItem(code));
    }

    @Test
    void a_duplicate_city_code_is_a_conflict_and_bad_fields_are_named() {
        Api.City city = Api.aCity();
        as(Api.operatorToken()).body(Map.of("code", city.code(), "nameZh", "重复", "nameEn", "Dup",
                "administrator", Map.of("username", "boss"))).post("/api/v1/platform/tenants").then()
                .statusCode(409).body("errors[0].field", equalTo("code"));
        as(Api.operatorToken()).body(Map.of("code", "Bad Code!", "nameZh", "坏", "nameEn", "Bad",
                "administrator", Map.of("username", "boss"))).post("/api/v1/platform/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("code"));
        as(Api.operatorToken()).body(Map.of("code", "zonecity", "nameZh", "坏", "nameEn", "Bad", "timeZone", "Mars/Base",
                "administrator", Map.of("username", "boss"))).post("/api/v1/platform/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("timeZone"));
        as(Api.operatorToken()).body(Map.of("code", "longname", "nameZh", "长".repeat(101), "nameEn", "x",
                "administrator", Map.of("username", "boss"))).post("/api/v1/platform/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("nameZh"));
        // nothing of the refused cities was stored
        as(Api.operatorToken()).get("/api/v1/platform/tenants/zonecity").then().statusCode(404);
    }

    @Test
    void a_failed_administrator_leaves_no_half_created_city() {
        as(Api.operatorToken()).body(Map.of("code", "halfcity", "nameZh", "半城", "nameEn", "Half",
                "administrator", Map.of("username", "x"))).post("/api/v1/platform/tenants").then()
                .statusCode(400).body("errors[0].field", equalTo("administrator.username"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/halfcity").then().statusCode(404);
    }

    @Test
    void only_platform_operators_manage_cities() {
        Api.City city = Api.aCity();
        as(city.adminToken()).get("/api/v1/platform/tenants").then().statusCode(403).body("code", equalTo("forbidden-role"));
        as(city.adminToken()).body(Map.of("reason", "x")).post("/api/v1/platform/tenants/" + city.code() + "/suspend")
                .then().statusCode(403);
        Api.json().get("/api/v1/platform/tenants").then().statusCode(401);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"city-admin", "acceptor", "resident"})
    void every_platform_endpoint_refuses_city_roles(String role) {
        Api.City city = Api.aCity();
        String token = role.equals("city-admin") ? city.adminToken() : city.userWith("u-" + role, role);
        String base = "/api/v1/platform/tenants";
        as(token).get(base).then().statusCode(403);
        as(token).get(base + "/" + city.code()).then().statusCode(403);
        as(token).body(Map.of("code", "x")).post(base).then().statusCode(403);
        as(token).get(base + "/packs").then().statusCode(403);
        as(token).post(base + "/packs/kcity").then().statusCode(403);
        as(token).contentType("application/zip").body(new byte[] {1}).post(base + "/packs").then().statusCode(403);
        as(token).body(Map.of("nameEn", "x")).patch(base + "/" + city.code()).then().statusCode(403);
        as(token).body(Map.of("reason", "x")).post(base + "/" + city.code() + "/suspend").then().statusCode(403);
        as(token).post(base + "/" + city.code() + "/resume").then().statusCode(403);
    }

    @Test
    void an_operator_renames_a_city_and_a_stale_version_is_a_conflict() {
        Api.City city = Api.aCity();
        String op = Api.operatorToken();
        int version = as(op).get("/api/v1/platform/tenants/" + city.code()).then().extract().path("version");
        as(op).body(Map.of("nameEn", "Renamed City", "defaultLocale", "en", "version", version)).patch("/api/v1/platform/tenants/" + city.code())
                .then().statusCode(200).body("nameEn", equalTo("Renamed City")).body("defaultLocale", equalTo("en"));
        as(op).body(Map.of("nameEn", "Again", "version", version)).patch("/api/v1/platform/tenants/" + city.code())
                .then().statusCode(409);
        as(op).body(Map.of("defaultLocale", "fr")).patch("/api/v1/platform/tenants/" + city.code())
                .then().statusCode(400).body("errors[0].field", equalTo("defaultLocale"));
    }

    @Test
    void a_suspended_city_refuses_its_users_and_its_portal_says_so_until_resumed() {
        Api.City city = Api.aCity();
        String staff = city.userWith("staffer", "acceptor");
        String op = Api.operatorToken();

        as(op).body(Map.of()).post("/api/v1/platform/tenants/" + city.code() + "/suspend").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(op).body(Map.of("reason", "合同到期 contract ended")).post("/api/v1/platform/tenants/" + city.code() + "/suspend")
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));

        as(staff).get("/api/v1/auth/me").then().statusCode(403).body("code", equalTo("city-suspended"))
                .body("detail", containsString("suspended"));
        Api.login(city.code(), "staffer", Api.PASSWORD).statusCode(403).body("code", equalTo("city-suspended"));
        Api.json().body(Map.of("username", "newbie", "password", Api.PASSWORD))
                .post("/api/v1/cities/" + city.code() + "/residents").then().statusCode(503);
        given().accept("text/html").get("/c/" + city.code()).then().statusCode(503)
                .body(containsString("服务暂停")).body(containsString("合同到期"));

        as(op).post("/api/v1/platform/tenants/" + city.code() + "/resume").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
        as(staff).get("/api/v1/auth/me").then().statusCode(200);
        given().accept("text/html").get("/c/" + city.code()).then().statusCode(200);
    }

    @Test
    void an_operator_creates_a_city_from_a_shipped_pack_and_a_second_time_is_a_conflict() throws Exception {
        String op = Api.operatorToken();
        as(op).get("/api/v1/platform/tenants/packs").then().statusCode(200).body("$", hasItems("bcity", "kcity", "ncity"));
        as(op).post("/api/v1/platform/tenants/packs/bcity").then().statusCode(201)
                .body("tenant.code", equalTo("bcity")).body("tenant.nameZh", equalTo("B市"))
                .body("administrators", hasSize(1)).body("administrators[0].initialPassword", notNullValue());
        as(op).post("/api/v1/platform/tenants/packs/bcity").then().statusCode(409);
        as(op).post("/api/v1/platform/tenants/packs/nosuch").then().statusCode(404);
        // demo accounts are not loaded outside demo mode
        try (Connection c = PostgresResource.superuser();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_user WHERE tenant_id = 'bcity'")) {
            ResultSet rs = ps.executeQuery();
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        // the pack's grid became the city's first layout
        try (Connection c = PostgresResource.superuser(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT version, effective_from, unit_count, key_area_count FROM grid_layout WHERE tenant_id = 'bcity'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
            assertEquals("2026-01-01", rs.getString(2));
            assertEquals(1200, rs.getInt(3));
            assertEquals(2, rs.getInt(4));
        }
    }

    @Test
    void an_uploaded_pack_creates_a_city() throws Exception {
        String code = "zip" + System.nanoTime() % 10_000;
        byte[] zip = zip(Map.of(code + "/tenant.yaml", """
                code: %s
                name: {zh: 压缩市, en: Zip City}
                timeZone: Asia/Urumqi
                administrators:
                  - username: zipadmin
                """.formatted(code)));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(201).body("tenant.code", equalTo(code)).body("tenant.timeZone", equalTo("Asia/Urumqi"));
    }

    @Test
    void a_broken_pack_is_refused_with_every_problem_named_by_file_and_path() throws Exception {
        byte[] zip = zip(Map.of("tenant.yaml", """
                code: Bad Code
                name: {zh: ""}
                timeZone: Nowhere/City
                colour: red
                administrators:
                  - username: ok-admin
                  - username: ok-admin
                  - displayName: no username
                """));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400)
                .body("errors.field", hasItems("tenant.yaml#/code", "tenant.yaml#/name/zh", "tenant.yaml#/name/en",
                        "tenant.yaml#/timeZone", "tenant.yaml#/colour", "tenant.yaml#/administrators/1/username",
                        "tenant.yaml#/administrators/2/username"));
        byte[] notYaml = zip(Map.of("tenant.yaml", "code: [unclosed"));
        as(Api.operatorToken()).contentType("application/zip").body(notYaml).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400).body("errors[0].field", equalTo("tenant.yaml#")).body("errors[0].message", containsString("YAML"));
        as(Api.operatorToken()).contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/platform/tenants/packs").then().statusCode(400);
        byte[] escaping = zip(Map.of("../tenant.yaml", "code: x"));
        as(Api.operatorToken()).contentType("application/zip").body(escaping).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400).body("errors[0].message", containsString("unsafe"));
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void an_operator_restores_a_citys_administrator_with_a_one_time_password() {
        Api.City city = Api.aCity();
        String op = Api.operatorToken();
        String password = as(op).body(Map.of("username", "admin")).post("/api/v1/platform/tenants/" + city.code()
                + "/administrators").then().statusCode(200).body("username", equalTo("admin")).extract()
                .path("initialPassword");
        // the old session ends, the new password works
        as(city.adminToken()).get("/api/v1/auth/me").then().statusCode(401);
        as(Api.token(city.code(), "admin", password)).get("/api/v1/users").then().statusCode(200);
        String second = as(op).body(Map.of("username", "rescuer", "displayName", "救援管理员"))
                .post("/api/v1/platform/tenants/" + city.code() + "/administrators").then().statusCode(200).extract()
                .path("initialPassword");
        as(Api.token(city.code(), "rescuer", second)).get("/api/v1/auth/me").then().body("roles", hasItem("city-admin"));
        as(op).body(Map.of("username", "x")).post("/api/v1/platform/tenants/nowhere/administrators").then().statusCode(404);
    }

    @jakarta.inject.Inject
    TenantProvisioning provisioning;

    @Test
    void a_city_whose_provisioning_fails_midway_is_removed_with_nothing_left() {
        String code = "failcity" + System.nanoTime() % 10_000;
        var pack = new city.gridcity.platform.pack.TenantPack(code, "失败市", "Fail City", null, null,
                java.util.List.of(new city.gridcity.platform.pack.TenantPack.Administrator("boss", null, null)),
                java.util.List.of(new city.gridcity.platform.pack.TenantPack.DemoAccount("weakling", "弱", "weak",
                        java.util.EnumSet.of(city.gridcity.identity.Role.RESIDENT), null)), null, null);
        city.gridcity.shared.problem.ProblemException refused = org.junit.jupiter.api.Assertions.assertThrows(
                city.gridcity.shared.problem.ProblemException.class, () -> provisioning.provision(pack));
        assertEquals("demoAccounts[0].password", refused.errors().get(0).field());
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);
        Api.login(code, "boss", "anything1").statusCode(400);
    }

    @Test
    void a_pack_with_a_bad_administrator_phone_is_refused_before_anything_is_created() throws Exception {
        String code = "phonecity" + System.nanoTime() % 10_000;
        byte[] zip = zip(Map.of("tenant.yaml", """
                code: %s
                name: {zh: 电话市, en: Phone City}
                administrators:
                  - username: first
                  - username: second
                    phone: "12345"
                """.formatted(code)));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400).body("errors[0].field", equalTo("tenant.yaml#/administrators/1/phone"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);
    }

    @Test
    void a_pack_with_a_broken_grid_is_refused_naming_the_file_and_feature_and_nothing_is_created() throws Exception {
        String code = "gridcity" + System.nanoTime() % 10_000;
        var layout = city.gridcity.grid.GridGenerator.generate(new city.gridcity.grid.GridGenerator.Spec("9801", 7L, 118.0, 32.0, 1, 2, 3, 6, 40, 200, 1, 1));
        var features = (com.fasterxml.jackson.databind.node.ArrayNode) layout.get("features");
        ((com.fasterxml.jackson.databind.node.ObjectNode) features.get(3).get("properties")).put("code", "1");
        byte[] zip = zip(Map.of("tenant.yaml", """
                code: %s
                name: {zh: 网格市, en: Grid City}
                administrators:
                  - username: boss
                grid:
                  effectiveFrom: 2026-13-45
                """.formatted(code), "grid/layout.geojson", layout.toString()));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400)
                .body("errors.field", hasItems("tenant.yaml#/grid/effectiveFrom"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(containsString("grid/layout.geojson#features[3]")));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);
    }

    @Test
    void a_pack_whose_catalog_edits_or_departments_are_wrong_is_refused_by_path() throws Exception {
        String code = "catcity" + System.nanoTime() % 10_000;
        byte[] zip = zip(Map.of("tenant.yaml", """
                code: %s
                name: {zh: 分类市, en: Catalog City}
                administrators:
                  - username: boss
                departments:
                  - {code: Bad Code, name: x, kind: STREET_OFFICE}
                  - {code: good-office, name: 好街道, kind: SPACESHIP}
                catalog:
                  overrides:
                    - {kind: event, code: "9999"}
                    - {kind: event, code: "0506", departmentCode: nobody,
                       routing: [{area: "12", department: good-office}]}
                """.formatted(code)));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400).body("errors.field", hasItems("tenant.yaml#/departments/0/code",
                        "tenant.yaml#/departments/1/kind", "tenant.yaml#/catalog/overrides/0",
                        "tenant.yaml#/catalog/overrides/1/departmentCode",
                        "tenant.yaml#/catalog/overrides/1/routing/0/area"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);
    }

    @Test
    void the_pack_schema_refuses_wrong_types_and_unknown_keys_in_any_section() throws Exception {
        byte[] zip = zip(Map.of("tenant.yaml", """
                code: schemacity
                name: {zh: 模式市, en: Schema City}
                administrators:
                  - username: boss
                calendar:
                  weekend: [FUNDAY]
                  lunch: "12:00-13:30"
                catalog:
                  overrides:
                    - {kind: event, code: "0506", minor: "yes"}
                """));
        as(Api.operatorToken()).contentType("application/zip").body(zip).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400)
                .body("errors.field", hasItems("tenant.yaml#/calendar/weekend/0", "tenant.yaml#/catalog/overrides/0/minor"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(containsString("tenant.yaml#/calendar")))
                .body("errors[0].message", containsString("schema"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/schemacity").then().statusCode(404);
    }

    @Test
    void a_pack_whose_workflow_section_is_wrong_is_refused_by_path_and_a_good_one_sets_the_city_up() throws Exception {
        String code = "flowcity" + System.nanoTime() % 10_000;
        byte[] bad = zip(Map.of("tenant.yaml", """
                code: %s
                name: {zh: 流程市, en: Flow City}
                administrators:
                  - username: boss
                workflow:
                  numberPrefix: lower
                  filingMinutes: 0
                  sources:
                    - {code: pigeon-post}
                """.formatted(code)));
        as(Api.operatorToken()).contentType("application/zip").body(bad).post("/api/v1/platform/tenants/packs").then()
                .statusCode(400).body("errors.field", hasItems("tenant.yaml#/workflow/numberPrefix",
                        "tenant.yaml#/workflow/filingMinutes"));
        as(Api.operatorToken()).get("/api/v1/platform/tenants/" + code).then().statusCode(404);

        byte[] good = zip(Map.of("tenant.yaml", """
                code: %s
                name: {zh: 流程市, en: Flow City}
                administrators:
                  - username: boss
                workflow:
                  numberPrefix: FC
                  dispatchMinutes: 15
                  sources:
                    - {code: pigeon-post, nameZh: 飞鸽传书, nameEn: Pigeon post, channel: STAFF}
                    - {code: microblog, active: false}
                """.formatted(code)));
        String password = as(Api.operatorToken()).contentType("application/zip").body(good)
                .post("/api/v1/platform/tenants/packs").then().statusCode(201).extract().path("administrators[0].initialPassword");
        String admin = Api.token(code, "boss", password);
        as(admin).get("/api/v1/workflow/settings").then().statusCode(200).body("numberPrefix", org.hamcrest.Matchers.equalTo("FC"))
                .body("dispatchMinutes", org.hamcrest.Matchers.equalTo(15));
        as(admin).get("/api/v1/workflow/sources").then().body("code", hasItems("pigeon-post", "hotline-12345"))
                .body("find { it.code == 'microblog' }.active", org.hamcrest.Matchers.equalTo(false));
    }
}
