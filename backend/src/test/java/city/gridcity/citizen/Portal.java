package city.gridcity.citizen;

import static city.gridcity.support.Api.as;
import static io.restassured.RestAssured.given;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A city for the residents' portal, as prose: a small grid, staff for the loop, and residents signed in
 * to the portal as a browser is (the page cookie, forms with their CSRF token). {@code Portal.aCity()}.
 */
final class Portal {

    static final GridGenerator.Spec GRID = new GridGenerator.Spec("9802", 11L, 118.60, 31.80, 2, 3, 6, 12, 90, 200, 1, 0);
    /** 公共厕所, a component residents may report. */
    static final String TOILET = "component:0301";
    /** 重大危险源: hidden from residents in the baseline. */
    static final String HIDDEN = "component:0603";

    final Api.City city;
    final String acceptor;
    final String dispatcher;
    final String handler;
    final String supervisor;
    final List<double[]> spots;

    private Portal(Api.City city, List<double[]> spots) {
        this.city = city;
        this.spots = spots;
        this.acceptor = city.userWith("acceptor", "acceptor");
        this.dispatcher = city.userWith("dispatcher", "dispatcher");
        this.handler = city.userWith("handler", "department-handler");
        this.supervisor = city.userWith("dsup", "district-supervisor");
    }

    static Portal aCity() {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(GRID);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        List<double[]> spots = GridGenerator.unitCentres(layout);
        // After-photos are tested where they are added; the loop needs none.
        as(city.adminToken()).body(Map.of("evidenceAfter", false)).patch("/api/v1/catalog/component/0301")
                .then().statusCode(200);
        return new Portal(city, spots);
    }

    String code() {
        return city.code();
    }

    /** Registers a resident with a phone and a display name and signs them in to the portal. */
    Resident resident(String phone, String displayName) {
        Api.json().body(Map.of("phone", phone, "password", Api.PASSWORD, "displayName", displayName))
                .post("/api/v1/cities/" + code() + "/residents").then().statusCode(201);
        return Resident.signIn(code(), phone, Api.token(code(), phone, Api.PASSWORD));
    }

    /** A resident of the portal: the page cookies, and an API token for checking what was stored. */
    record Resident(String city, String access, String csrf, String token) {

        static Resident signIn(String city, String login, String token) {
            Response form = given().get("/c/" + city + "/login");
            String csrf = form.getCookie("gc_csrf");
            Response signedIn = given().redirects().follow(false).cookie("gc_csrf", csrf).formParam("username", login)
                    .formParam("password", Api.PASSWORD).formParam("_csrf", csrf).post("/c/" + city + "/login");
            signedIn.then().statusCode(303);
            return new Resident(city, signedIn.getDetailedCookie("gc_access").getValue(), csrf, token);
        }

        RequestSpecification session() {
            return given().redirects().follow(false).cookie("gc_access", access).cookie("gc_csrf", csrf);
        }

        Response get(String path) {
            return session().get(path);
        }

        /** The report form sent as a browser without the page's script sends it. */
        RequestSpecification reportForm(Map<String, String> fields) {
            RequestSpecification spec = session().multiPart("_csrf", csrf);
            // As browsers send them: UTF-8 (RestAssured's own default for text parts is ISO-8859-1).
            fields.forEach((k, v) -> spec.multiPart(new MultiPartSpecBuilder(v).controlName(k).charset("UTF-8").build()));
            return spec;
        }

        Response report(Map<String, String> fields) {
            return reportForm(fields).post("/c/" + city + "/report");
        }

        /**
         * A form's answer as the browser ends up seeing it: a refusal redirects (post-redirect-get) with a note the
         * page it names shows once; that page is returned. Any other answer is returned as it is.
         */
        Response followed(Response post) {
            String flash = post.getCookie("gc_flash");
            if (post.statusCode() != 303 || flash == null || flash.isEmpty()) {
                return post;
            }
            return session().cookie("gc_flash", flash).get(post.getHeader("Location"));
        }

        Response form(String path, Map<String, String> fields) {
            RequestSpecification spec = session().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("_csrf", csrf);
            fields.forEach(spec::formParam);
            return spec.post(path);
        }
    }

    /** The form fields of a report of a broken toilet at spot {@code i}. */
    Map<String, String> toiletAt(int i, String description) {
        Map<String, String> fields = new HashMap<>();
        fields.put("category", TOILET);
        fields.put("lon", String.valueOf(spots.get(i)[0]));
        fields.put("lat", String.valueOf(spots.get(i)[1]));
        fields.put("crs", "wgs84");
        fields.put("description", description);
        fields.put("confirm", "1");
        return fields;
    }

    /** Sends a report through the portal and answers the new case's number (from the redirect). */
    String reported(Resident r, int spot, String description) {
        Response sent = r.report(toiletAt(spot, description));
        sent.then().statusCode(303);
        String location = sent.getHeader("Location");
        return location.substring(location.indexOf("/my/cases/") + "/my/cases/".length(), location.indexOf('?'));
    }

    void act(String token, String number, String action, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("action", action);
        as(token).body(body).post("/api/v1/cases/" + number + "/actions").then().statusCode(200);
    }

    /** File, dispatch, accept, report back and verify: the case is closed. */
    void close(String number) {
        act(acceptor, number, "file", Map.of("conditionCode", "A"));
        act(dispatcher, number, "dispatch", Map.of());
        act(handler, number, "accept", Map.of());
        act(handler, number, "report-back", Map.of("reason", "内部备注：保洁班组王师傅已修好门锁"));
        act(supervisor, number, "verify-pass", Map.of());
    }

    static byte[] jpeg() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
