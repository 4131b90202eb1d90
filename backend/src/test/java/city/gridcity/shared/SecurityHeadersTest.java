package city.gridcity.shared;

import static city.gridcity.support.Api.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SecurityHeadersTest {

    static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Test
    void pages_may_load_only_from_the_service_and_may_not_be_framed() {
        Api.City city = Api.aCity();
        for (String page : List.of("/", "/c/" + city.code(), "/c/" + city.code() + "/login", "/console/login")) {
            walls(given().get(page).then().statusCode(200).contentType(startsWith("text/html")))
                    .header("Content-Security-Policy", PAGE_POLICY);
        }
    }

    @Test
    void an_error_page_carries_the_page_policy_too() {
        walls(given().get("/c/no-such-city").then().statusCode(404).contentType(startsWith("text/html")))
                .header("Content-Security-Policy", PAGE_POLICY);
    }

    @Test
    void api_answers_and_files_may_load_nothing_and_are_not_sniffed() {
        walls(json().get("/api/v1/auth/me").then().statusCode(401).contentType(startsWith("application/problem+json")))
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        walls(Api.as(Api.operatorToken()).get("/api/v1/auth/me").then().statusCode(200))
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        walls(given().get("/css/base.css").then().statusCode(200).contentType(startsWith("text/css")));
    }

    @Test
    void swagger_ui_keeps_its_inline_start_up_script_but_may_not_be_framed() {
        walls(given().get("/q/swagger-ui/").then().statusCode(200))
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("default-src")));
    }

    /** The page policy holds only while no template runs or styles anything inline. */
    @Test
    void no_template_carries_inline_script_style_or_event_handlers() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|<style|\\sstyle\\s*=|\\son[a-z]+\\s*=|javascript:",
                Pattern.CASE_INSENSITIVE);
        List<Path> roots = List.of(Path.of("../citizen-portal/src/main/resources/templates"),
                Path.of("../admin-console/src/main/resources/templates"));
        int checked = 0;
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                    var match = inline.matcher(Files.readString(file));
                    assertEquals(false, match.find(), () -> file + " has inline code: " + match.group());
                    checked++;
                }
            }
        }
        assertEquals(true, checked >= 10, "templates found: " + checked);
    }

    private static ValidatableResponse walls(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin");
    }
}
