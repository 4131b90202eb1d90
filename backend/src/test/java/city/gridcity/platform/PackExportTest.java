package city.gridcity.platform;

import static city.gridcity.support.Api.as;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** A city's configuration exported as a pack provisions a city configured the same. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PackExportTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    PackLibrary packs;

    @Inject
    TenantProvisioning provisioning;

    @Test
    void a_city_provisioned_from_an_exported_pack_exports_the_same_pack_section_by_section() throws Exception {
        // given B City as the demo loads it (every section of a pack, a small grid), with edits a pack of its own never had
        DemoCity demo = DemoCity.from("bcity", packs, provisioning);
        String admin = Api.token(demo.code(), "admin", demo.staffPassword());
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        as(admin).body(Map.of("effectiveFrom", tomorrow.toString(), "baseCaseWeight", 2.5, "conditions", List.of(Map.of(
                "code", "A", "text", "共享单车乱停放超过8辆", "limit", Map.of("amount", 3, "unit", "WORKING_DAYS"),
                "closing", "车辆清走"))))
                .post("/api/v1/catalog/event/0506/rules").then().statusCode(201);
        as(admin).body(Map.of("name", "朝阳街道综合执法队")).patch("/api/v1/departments/street-930101001").then()
                .statusCode(200);

        // when it is exported
        Response first = zipOf(admin);
        first.then().statusCode(200).contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + demo.code() + "-pack.zip\"");
        Map<String, byte[]> exported = unzip(first.asByteArray());
        JsonNode settings = YAML.readTree(exported.get("tenant.yaml"));
        assertEquals(demo.code(), settings.path("code").asText());
        assertTrue(exported.containsKey("grid/layout.geojson"));
        assertFalse(new String(exported.get("tenant.yaml"), StandardCharsets.UTF_8).contains(demo.staffPassword()),
                "no password leaves the city");

        // then a city provisioned from it under another code...
        String copy = "copy" + System.nanoTime() % 100_000;
        ObjectNode renamed = ((ObjectNode) settings.deepCopy()).put("code", copy);
        ((ObjectNode) renamed.get("name")).put("zh", "B市副本").put("en", "B City copy");
        Map<String, byte[]> upload = new TreeMap<>(exported);
        upload.put("tenant.yaml", YAML.writeValueAsBytes(renamed));
        String password = as(Api.operatorToken()).contentType("application/zip").body(zip(upload))
                .post("/api/v1/platform/tenants/packs").then().statusCode(201)
                .body("administrators.username", org.hamcrest.Matchers.hasItems("cityadmin", "admin"))
                .extract().path("administrators.find { it.username == 'admin' }.initialPassword");
        String copyAdmin = Api.token(copy, "admin", password);

        // ...has the edits, and exports the same pack, section by section, but for its code and name
        as(copyAdmin).get("/api/v1/departments/street-930101001").then()
                .body("name", equalTo("朝阳街道综合执法队"));
        as(copyAdmin).get("/api/v1/catalog/event/0506/rules").then().body("size()", equalTo(2))
                .body("[1].baseCaseWeight", equalTo(2.5f));
        Map<String, byte[]> again = unzip(zipOf(copyAdmin).then().statusCode(200)
                .extract().asByteArray());
        JsonNode second = YAML.readTree(again.get("tenant.yaml"));
        assertEquals(copy, second.path("code").asText());
        List<String> sections = new java.util.ArrayList<>();
        settings.fieldNames().forEachRemaining(sections::add);
        assertEquals(sections, iterate(second), "the same sections in the same order");
        for (String section : sections) {
            if (!List.of("code", "name").contains(section)) {
                assertEquals(settings.get(section), second.get(section), "section " + section);
            }
        }
        for (String section : List.of("grid", "calendar", "departments", "catalog", "workflow", "points", "rewards",
                "assessment", "sampling")) {
            assertTrue(settings.has(section), "the export carries " + section);
        }
        assertEquals(exported.keySet(), again.keySet());
        for (String file : exported.keySet()) {
            if (!file.equals("tenant.yaml")) {
                assertArrayEquals(exported.get(file), again.get(file), file);
            }
        }
        // the export is in the city's change log
        page(admin).get("/console/admin/audit").then().statusCode(200).body(containsString("配置包 · export · 导出配置包"))
                .body(containsString("/console/admin/pack/export"));
    }

    @Test
    void only_a_city_administrator_exports_and_only_their_own_city() throws Exception {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        String dispatcher = a.userWith("disp", "dispatcher");
        zipOf(dispatcher).then().statusCode(403);
        zipOf(Api.operatorToken()).then().statusCode(403);
        Api.json().accept("application/zip").get("/api/v1/pack/export").then().statusCode(401);
        page(dispatcher).get("/console/admin/pack/export").then().statusCode(403);
        // B's administrator gets B's pack, never A's
        JsonNode exportedB = YAML.readTree(unzip(zipOf(b.adminToken()).then().statusCode(200)
                .extract().asByteArray()).get("tenant.yaml"));
        assertEquals(b.code(), exportedB.path("code").asText());
        assertEquals(b.code() + "-pack.zip", zipOf(b.adminToken()).then().extract()
                .header("Content-Disposition").replaceAll(".*filename=\"(.*)\"", "$1"));
        // the console's download is the same zip
        assertTrue(unzip(page(a.userWith("boss", "city-admin")).get("/console/admin/pack/export").then().statusCode(200).extract()
                .asByteArray()).containsKey("tenant.yaml"));
    }

    /** The export as a download client asks for it. */
    private static Response zipOf(String token) {
        return as(token).accept("application/zip").get("/api/v1/pack/export");
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName().substring(e.getName().indexOf('/') + 1), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                out.putNextEntry(new ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
