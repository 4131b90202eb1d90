package city.gridcity.acceptance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue #11's browser acceptance point, at a phone's size: the demo volunteer of a demo city signs in on the
 * portal, finds two residents' reports of their community in the triage queue, confirms one with a photo taken
 * on site and fixes the other (a minor problem) on the spot with before and after photos; the pages hold at
 * 390 px without sideways scrolling. Screenshots under {@code target/acceptance-screenshots/volunteer}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class VolunteerTriageInBrowserTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    PackLibrary packs;
    @Inject
    TenantProvisioning provisioning;

    @Test
    void a_volunteer_confirms_one_report_with_a_photo_and_fixes_another_on_the_spot_in_a_phone_browser() {
        DemoCity demo = DemoCity.from("bcity", packs, provisioning);
        String city = demo.code();
        String admin = Api.token(city, "admin", demo.staffPassword());
        String resident = Api.token(city, "resident", demo.staffPassword());
        // two reports of the same unit grid by the demo resident: a broken toilet and a litter bin knocked over
        JsonPath unit = Api.as(admin).get("/api/v1/grid/units?level=unit&size=1").then().statusCode(200).extract().jsonPath();
        List<Float> bbox = unit.getList("items[0].bbox");
        double lon = (bbox.get(0) + bbox.get(2)) / 2;
        double lat = (bbox.get(1) + bbox.get(3)) / 2;
        String toilet = report(resident, "0301", lon, lat, "公厕门锁坏了");
        String bin = report(resident, "0303", lon + 0.0003, lat, "果皮箱被撞倒");
        String community = Api.as(admin).get("/api/v1/cases/" + toilet).then().extract().path("grid.community");
        int volunteerId = Api.as(admin).get("/api/v1/users?role=volunteer").then().statusCode(200).extract()
                .path("items.find { it.username == 'volunteer' }.id");
        Api.as(admin).body(Map.of("userId", volunteerId, "communityCode", community))
                .post("/api/v1/volunteers/memberships").then().statusCode(201);

        try (PhoneBrowser browser = PhoneBrowser.start(base.toString(), PhoneBrowser.ROOT.resolve("volunteer"))) {
            Page v = browser.person();
            v.navigate("/c/" + city + "/volunteer");
            v.waitForURL("**/login**");
            v.fill("input[name=username]", "volunteer");
            v.fill("input[name=password]", demo.staffPassword());
            v.click("form.form button[type=submit]");
            v.waitForURL("**/volunteer");
            assertThat(v.locator("#queue a[href$='" + toilet + "']")).isVisible();
            assertThat(v.locator("#queue a[href$='" + bin + "']")).isVisible();
            fits(v);
            browser.shoot(v, "triage-queue");

            // confirm the toilet with a photo taken on site; first without the photo: the page says so by the field
            v.click("#queue a[href$='" + toilet + "']");
            v.waitForURL("**/volunteer/cases/" + toilet);
            fits(v);
            browser.shoot(v, "report-to-confirm");
            v.click("#confirm button[type=submit]");
            assertThat(v.locator("#error-confirm-photo")).isVisible();
            browser.shoot(v, "confirm-without-photo");
            v.setInputFiles("#confirm-photo", new FilePayload("site.png", "image/png", png(new Color(0x8b, 0x5a, 0x2b))));
            v.fill("#confirm-reason", "门锁确实坏了");
            v.click("#confirm button[type=submit]");
            v.waitForURL("**/volunteer?done=confirm");
            assertThat(v.locator("#done")).isVisible();
            assertThat(v.locator("#queue a[href$='" + toilet + "']")).isVisible();
            browser.shoot(v, "confirmed");

            // fix the litter bin on the spot with before and after photos
            v.click("#queue a[href$='" + bin + "']");
            v.waitForURL("**/volunteer/cases/" + bin);
            assertThat(v.locator("#persuade-fix")).isVisible();
            v.setInputFiles("#fix-before", new FilePayload("before.png", "image/png", png(new Color(0x8b, 0x5a, 0x2b))));
            v.setInputFiles("#fix-after", new FilePayload("after.png", "image/png", png(new Color(0x2e, 0x8b, 0x57))));
            v.fill("#fix-reason", "已扶正果皮箱并清理地面");
            fits(v);
            browser.shoot(v, "fix-on-the-spot");
            v.click("#persuade-fix button[type=submit]");
            v.waitForURL("**/volunteer?done=persuade-fix");
            assertThat(v.locator("#queue a[href$='" + bin + "']")).hasCount(0);
            assertThat(v.locator("#total-hours")).hasText("0.8");
            browser.shoot(v, "fixed");

            v.navigate("/c/" + city + "/volunteer?lang=en");
            assertThat(v.locator("h1")).hasText("Volunteer · community check");
            fits(v);
            browser.shoot(v, "english");

            // the same page at a desk, and the console's page of where problems were solved, on the phone and at a desk
            Page desk = browser.atDesk();
            desk.navigate("/c/" + city + "/login?next=/c/" + city + "/volunteer");
            desk.fill("input[name=username]", "volunteer");
            desk.fill("input[name=password]", demo.staffPassword());
            desk.click("form.form button[type=submit]");
            desk.waitForURL("**/volunteer");
            browser.shoot(desk, "desk-volunteer");
            for (Page p : List.of(browser.person(), browser.atDesk())) {
                p.navigate("/console/login?next=/console/solved-levels");
                p.fill("input[name=city]", city);
                p.fill("input[name=username]", "assessor");
                p.fill("input[name=password]", demo.staffPassword());
                p.click("form.form button[type=submit]");
                p.waitForURL("**/console/solved-levels");
                assertThat(p.locator("#by-district td.level-COMMUNITY strong")).hasText("100%");
                if (p.viewportSize().width == 390) {
                    fits(p);
                }
                browser.shoot(p, "solved-levels-" + p.viewportSize().width);
            }
        }
        Api.as(admin).get("/api/v1/cases/" + toilet).then().statusCode(200).body("triage", org.hamcrest.Matchers.equalTo("CONFIRMED"));
        Api.as(admin).get("/api/v1/cases/" + bin).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("CLOSED"))
                .body("solvedLevel", org.hamcrest.Matchers.equalTo("COMMUNITY"));
    }

    /** The page is no wider than the phone: nothing scrolls sideways. */
    private static void fits(Page page) {
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        assertTrue(width <= 390, "the page is " + width + " px wide on a 390 px screen: " + page.url());
    }

    private static String report(String token, String cls, double lon, double lat, String text) {
        return Api.as(token).body(Map.of("kind", "component", "classCode", cls, "lon", lon, "lat", lat, "description", text))
                .post("/api/v1/cases").then().statusCode(201).extract().path("number");
    }

    private static byte[] png(Color colour) {
        BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            for (int y = 0; y < 90; y++) {
                image.setRGB(x, y, y < 40 ? 0x87ceeb : colour.getRGB());
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
