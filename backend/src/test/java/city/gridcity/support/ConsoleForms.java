package city.gridcity.support;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/** Console pages as a browser uses them, signed in with an access token as the page cookie. */
public final class ConsoleForms {

    private ConsoleForms() {
    }

    /** A GET of a page, redirects not followed. */
    public static RequestSpecification page(String token) {
        return RestAssured.given().redirects().follow(false).cookie("gc_access", token);
    }

    /** A form post as a browser sends it: UTF-8, with the CSRF cookie and field. */
    public static RequestSpecification form(String token) {
        return page(token).cookie("gc_csrf", "t0ken").formParam("_csrf", "t0ken")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    /** What the browser shows after a form: the page its redirect names, with the note it left. */
    public static Response followed(String token, Response post) {
        post.then().statusCode(303);
        URI to = URI.create(post.getHeader("Location"));
        RequestSpecification next = page(token);
        if (post.getCookie("gc_flash") != null) {
            next = next.cookie("gc_flash", post.getCookie("gc_flash"));
        }
        return next.get(to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery()));
    }
}
