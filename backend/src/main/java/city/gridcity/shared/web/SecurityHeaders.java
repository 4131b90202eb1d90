package city.gridcity.shared.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The browser-side walls on every answer of the main port, set in this one place.
 *
 * <p>Pages (any {@code text/html} answer: portal, console, their error pages) may load scripts,
 * styles, images, fonts and form targets from the service itself only: the templates carry no inline
 * script, no {@code style="..."} and no handler attribute, so neither {@code 'unsafe-inline'} nor a
 * third-party origin is needed, and injected markup cannot run. Every other answer (JSON, problem
 * details, photos, CSS) gets {@code default-src 'none'}: were one ever shown as a document, it could
 * load nothing. No answer may be framed (click-jacking), none is sniffed into another type, and no
 * address of a page (case numbers in it) travels to another site in a {@code Referer}.
 *
 * <p>Swagger UI ({@code /q/swagger-ui}) is Quarkus's own page and initialises itself with an inline
 * script: it keeps every header but the content policy, which would break it.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'";
    private static final String SWAGGER_UI = "/q/swagger-ui";

    void install(@Observes Router router) {
        // Before every other route, so that static files and answers refused early carry the headers too.
        router.route().order(Integer.MIN_VALUE).handler(this::onRequest);
    }

    private void onRequest(RoutingContext rc) {
        String path = rc.normalizedPath();
        rc.addHeadersEndHandler(v -> apply(rc.response().headers(), path));
        rc.next();
    }

    static void apply(MultiMap headers, String path) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        if (path != null && path.startsWith(SWAGGER_UI)) {
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
            return;
        }
        String type = headers.get("Content-Type");
        boolean page = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
        headers.set("Content-Security-Policy", page ? PAGE_POLICY : OTHER_POLICY);
    }
}
