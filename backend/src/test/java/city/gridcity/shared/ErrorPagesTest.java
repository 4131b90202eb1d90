package city.gridcity.shared;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Browsers get error pages people can read; API clients keep their problem details. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ErrorPagesTest {

    @Test
    void a_browser_asking_for_a_page_that_does_not_exist_gets_a_localized_page_with_the_site_header() {
        given().accept("text/html,application/xhtml+xml").get("/nosuchpage").then().statusCode(404)
                .contentType(startsWith("text/html")).body(containsString("name=\"viewport\""))
                .body(containsString("<header class=\"bar\">")).body(containsString("页面不存在"))
                .body(containsString("lang=\"zh-CN\""));
        given().accept("text/html").header("Accept-Language", "en-GB,en;q=0.8").get("/nosuchpage").then().statusCode(404)
                .body(containsString("Page not found")).body(containsString("lang=\"en\""));
        given().accept("text/html").queryParam("lang", "en").get("/console/nosuchpage").then().statusCode(404)
                .body(containsString("Page not found")).body(containsString("href=\"/console\""));
    }

    @Test
    void a_form_address_opened_in_the_browser_is_a_readable_405_page_and_a_wrong_city_a_403_page() {
        given().accept("text/html").get("/console/cases/KC-1/actions").then().statusCode(405)
                .contentType(startsWith("text/html")).body(containsString("不能这样打开此页面"))
                .body(containsString("name=\"viewport\""));
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        given().accept("text/html").cookie("gc_access", a.adminToken()).get("/c/" + b.code()).then().statusCode(403)
                .contentType(startsWith("text/html")).body(containsString("无权访问"));
    }

    @Test
    void a_portal_address_of_a_city_that_does_not_exist_says_so_in_chinese_and_links_to_the_list_of_cities() {
        String page = given().accept("text/html").get("/c/nosuchcity/report").then().statusCode(404)
                .contentType(startsWith("text/html")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("没有代码为“nosuchcity”的城市"), page);
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("was not found"), "no English on the Chinese page");
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("href=\"/c/nosuchcity\""), "no link to the missing portal");
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("<a href=\"/\" id=\"home\">"), page);
        given().accept("text/html").queryParam("lang", "en").get("/c/nosuchcity").then().statusCode(404)
                .body(containsString("There is no city with the code 'nosuchcity'"));
    }

    @Test
    void api_clients_keep_problem_details() {
        given().accept("text/html").get("/api/v1/nosuch").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        given().accept("application/json").get("/nosuchpage").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("code", equalTo("http-404"));
    }
}
