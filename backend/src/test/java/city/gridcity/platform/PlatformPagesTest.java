package city.gridcity.platform;

import static city.gridcity.support.ConsoleForms.followed;
import static city.gridcity.support.ConsoleForms.form;
import static city.gridcity.support.ConsoleForms.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The platform operator's cities page, as a browser uses it. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PlatformPagesTest {

    private static final Pattern SECRET = Pattern.compile("<code class=\"secret\">([^<]+)</code>");

    @Test
    void the_operator_creates_suspends_resumes_a_city_and_restores_its_administrator_each_wrong_field_named() {
        String operator = Api.operatorToken();
        Api.City existing = Api.aCity();
        page(operator).get("/console").then().statusCode(200).body(containsString("/console/platform"));
        page(operator).get("/console/platform").then().statusCode(200).body(containsString("测试市" + existing.code()))
                .body(containsString("在用账号"));

        // a malformed code: named at its field, the names typed kept, nothing created
        String code = "p" + System.nanoTime() % 1_000_000;
        followed(operator, form(operator).formParams(Map.of("code", "Bad Code", "nameZh", "新城市", "nameEn", "New City",
                "username", "admin")).post("/console/platform/cities")).then().statusCode(400)
                .body(containsString("id=\"code-error\"")).body(containsString("value=\"新城市\""));

        // created: the one-time password is on the answer itself, which the browser must not keep
        String answer = form(operator).formParams(Map.of("code", code, "nameZh", "新城市", "nameEn", "New City",
                "timeZone", "Asia/Shanghai", "username", "chief")).post("/console/platform/cities").then().statusCode(201)
                .header("Cache-Control", "no-store").body(containsString("只显示这一次")).extract().asString();
        Matcher m = SECRET.matcher(answer);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the password is shown");
        Api.token(code, "chief", m.group(1));
        Api.as(operator).get("/api/v1/platform/tenants/" + code).then().body("nameZh", equalTo("新城市"));

        // suspension needs a reason
        followed(operator, form(operator).formParam("reason", " ").post("/console/platform/cities/" + code + "/suspension"))
                .then().statusCode(400).body(containsString("id=\"reason-error\""))
                .body(containsString("id=\"city-" + code + "\" open"));
        Api.as(operator).get("/api/v1/platform/tenants/" + code).then().body("status", equalTo("ACTIVE"));
        followed(operator, form(operator).formParam("reason", "欠费").post("/console/platform/cities/" + code + "/suspension"))
                .then().statusCode(200).body(containsString("城市已暂停")).body(containsString("欠费"));
        Api.as(operator).get("/api/v1/platform/tenants/" + code).then().body("status", equalTo("SUSPENDED"));
        followed(operator, form(operator).post("/console/platform/cities/" + code + "/resumption")).then().statusCode(200)
                .body(containsString("城市已恢复"));

        // the administrator lost the password: a new one-time password, shown once
        String restored = form(operator).formParam("username", "chief").post("/console/platform/cities/" + code
                + "/administrators").then().statusCode(201).header("Cache-Control", "no-store").extract().asString();
        Matcher again = SECRET.matcher(restored);
        org.junit.jupiter.api.Assertions.assertTrue(again.find(), "the new password is shown");
        Api.token(code, "chief", again.group(1));

        // an unknown pack is named
        followed(operator, form(operator).formParam("pack", "no-such-pack").post("/console/platform/packs")).then()
                .statusCode(400).body(containsString("id=\"pack-error\""));
        // an empty upload and one over 10 MiB: named at the file field, no city created
        int cities = Api.as(operator).get("/api/v1/platform/tenants").then().extract().path("size()");
        followed(operator, page(operator).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken")
                .multiPart("file", "big.zip", new byte[10 * 1024 * 1024 + 1], "application/zip")
                .post("/console/platform/uploads")).then().statusCode(400).body(containsString("id=\"file-error\""));
        followed(operator, page(operator).cookie("gc_csrf", "t0ken").multiPart("_csrf", "t0ken")
                .multiPart("file", "empty.zip", new byte[0], "application/zip")
                .post("/console/platform/uploads")).then().statusCode(400).body(containsString("id=\"file-error\""));
        Api.as(operator).get("/api/v1/platform/tenants").then().body("size()", equalTo(cities));
        page(operator).get("/console/platform?lang=en").then().body(containsString("Active accounts"));
    }

    @Test
    void a_citys_administrator_is_refused_the_cities_page() {
        Api.City a = Api.aCity();
        a.createUser("boss", "city-admin");
        String boss = Api.token(a.code(), "boss", Api.PASSWORD);
        page(boss).get("/console/platform").then().statusCode(403).body(not(containsString(a.code() + "\"")));
        form(boss).formParam("reason", "x").post("/console/platform/cities/" + a.code() + "/suspension").then().statusCode(403);
        form(boss).formParam("username", "boss").post("/console/platform/cities/" + a.code() + "/administrators").then()
                .statusCode(403);
        Api.as(Api.operatorToken()).get("/api/v1/platform/tenants/" + a.code()).then().body("status", equalTo("ACTIVE"));
        page(boss).get("/console").then().body(not(containsString("/console/platform")));
    }
}
