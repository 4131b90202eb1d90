package city.gridcity.acceptance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The first acceptance point, in a real browser at a phone's size: a new resident of a demo city
 * registers, reports a broken public toilet with a point clicked on the map and a photo, finds it in 我的上报;
 * the demo staff file, dispatch, dispose and verify it on the console's case page; the resident rates it, sees
 * the points arrive, redeems a reward and sees the pickup code; staff confirm the code on the console's pickup
 * page. Every page is kept as a screenshot under {@code target/acceptance-screenshots}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ResidentLoopInBrowserTest {

    /** 公共厕所: a component residents may report, the demo handler's department (sanitation) disposes of it. */
    private static final String TOILET = "component:0301";

    @TestHTTPResource("/")
    URL base;
    @Inject
    PackLibrary packs;
    @Inject
    TenantProvisioning provisioning;

    @Test
    void a_new_resident_reports_on_the_map_follows_rates_earns_points_and_collects_a_reward_in_a_phone_browser() {
        // given a demo city (the bcity pack with its demo staff, under a code of this test's own)
        DemoCity demo = DemoCity.from("bcity", packs, provisioning);
        String city = demo.code();
        String staffPassword = demo.staffPassword();
        String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000);

        try (PhoneBrowser browser = PhoneBrowser.start(base.toString())) {
            Page resident = browser.person();

            // when a new resident registers on the city's portal
            resident.navigate("/c/" + city);
            browser.shoot(resident, "portal-home");
            resident.navigate("/c/" + city + "/register");
            resident.fill("input[name=phone]", phone);
            resident.fill("input[name=displayName]", "陈小玲");
            resident.fill("input[name=password]", "Xiaoling2026");
            browser.shoot(resident, "register");
            resident.click("form.form button[type=submit]");
            resident.waitForURL("**/c/" + city);
            assertThat(resident.locator("#nav-mine")).isVisible();
            browser.shoot(resident, "registered-home");

            // and reports a broken toilet: category, a point clicked on the map, a description and a photo
            resident.click("#nav-report");
            resident.waitForSelector("#map path.leaflet-interactive");
            Locator toilet = resident.locator("input[name=category][value='" + TOILET + "']");
            resident.locator("details:has(input[value='" + TOILET + "']) > summary").click();
            toilet.check();
            Locator map = resident.locator("#map");
            map.scrollIntoViewIfNeeded();
            BoundingBox box = map.boundingBox();
            map.click(new Locator.ClickOptions().setPosition(box.width / 2, box.height / 2));
            resident.waitForSelector("#nearby-result", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
            assertTrue(!resident.inputValue("#lon").isEmpty() && !resident.inputValue("#lat").isEmpty(),
                    "the click on the map fills the point");
            resident.fill("input[name=address]", "人民公园东门");
            resident.fill("textarea[name=description]", "公园东门公厕的门锁坏了，关不上");
            resident.setInputFiles("#photos", new FilePayload("toilet.png", "image/png", png(new Color(0x8b, 0x45, 0x13))));
            resident.waitForSelector("#thumbs canvas");
            browser.shoot(resident, "report-form");
            resident.click("#send");
            resident.waitForURL(Pattern.compile(".*/c/" + city + "/my/cases/[A-Z]+-\\d{8}-\\d{6}.*"));
            String number = caseNumber(resident.url());
            browser.shoot(resident, "reported");

            // then it is in 我的上报, in residents' words
            resident.click("#nav-mine");
            assertThat(resident.locator("#mine")).containsText(number);
            browser.shoot(resident, "my-reports");

            // when the demo staff work it on the console's case page, each at their phone
            staffAct(browser, city, "acceptor", staffPassword, number, "file");
            staffAct(browser, city, "dispatcher", staffPassword, number, "dispatch");
            staffAct(browser, city, "handler", staffPassword, number, "accept");
            Page handler = consoleSignIn(browser, city, "handler", staffPassword);
            handler.navigate("/console/cases/" + number);
            handler.selectOption("#upload select[name=stage]", "AFTER");
            handler.setInputFiles("#upload input[name=file]",
                    new FilePayload("fixed.png", "image/png", png(new Color(0x2e, 0x7d, 0x32))));
            handler.click("#upload button[type=submit]");
            handler.waitForSelector("#photos .thumbs li");
            act(browser, handler, number, "report-back", "门锁已更换");
            handler.context().close();
            staffAct(browser, city, "dsup", staffPassword, number, "verify-pass");

            // then the resident sees it solved and rates it
            resident.navigate("/c/" + city + "/my/cases/" + number);
            browser.shoot(resident, "my-case-solved");
            resident.click("#rate-link");
            resident.check("input[name=solved][value=true]");
            resident.check("input[name=rating][value=satisfied]");
            resident.fill("textarea[name=comment]", "修得很快，谢谢！");
            browser.shoot(resident, "rating-form");
            resident.click("#rate button[type=submit]");
            assertThat(resident.locator("#saved")).isVisible();
            browser.shoot(resident, "rated");

            // and the points arrive: 10 for the filed report (weight 1.0), 3 for the rating
            resident.click("#nav-points");
            assertThat(resident.locator("#balance")).hasText("13");
            browser.shoot(resident, "points");

            // when they redeem the badge within their reach, they see the pickup code
            resident.click("#nav-rewards");
            browser.shoot(resident, "rewards");
            Locator badge = resident.locator("li.reward:has-text('文明城市徽章')");
            badge.locator("button[type=submit]").click();
            Locator code = resident.locator("p.pickup").first();
            assertThat(code).hasText(Pattern.compile("[A-Z0-9]{8}"));
            String pickup = code.textContent().trim();
            browser.shoot(resident, "pickup-code");

            // then staff at the pickup point find the code and confirm it
            Page desk = consoleSignIn(browser, city, "admin", staffPassword);
            desk.navigate("/console/pickup");
            desk.fill("input[name=code]", pickup);
            desk.click("form[method=get] button[type=submit]");
            assertThat(desk.locator("#found")).containsText("文明城市徽章");
            browser.shoot(desk, "console-pickup-found");
            desk.click("#confirm");
            assertThat(desk.locator("#confirmed")).isVisible();
            browser.shoot(desk, "console-pickup-confirmed");

            // and the resident's points show the spend
            resident.navigate("/c/" + city + "/points");
            assertThat(resident.locator("#balance")).hasText("3");
            browser.shoot(resident, "points-after");
            resident.navigate("/c/" + city + "/rewards");
            browser.shoot(resident, "rewards-after");
            assertTrue(browser.screenshots() >= 20, "every page is kept");
        }
    }

    /** A staff member signs in to the console in a browser of their own, takes one action, and leaves. */
    private static void staffAct(PhoneBrowser browser, String city, String username, String password, String number,
                                 String action) {
        Page staff = consoleSignIn(browser, city, username, password);
        staff.navigate("/console/cases/" + number);
        act(browser, staff, number, action, null);
        staff.context().close();
    }

    private static void act(PhoneBrowser browser, Page staff, String number, String action, String reason) {
        Locator form = staff.locator("#form-" + action);
        assertThat(form).isVisible();
        if (reason != null) {
            form.locator("textarea[name=reason]").fill(reason);
        }
        browser.shoot(staff, "console-" + action);
        String before = staff.locator("#state").textContent();
        form.locator("button[type=submit]").click();
        staff.waitForLoadState();
        assertThat(staff.locator("#refusal")).hasCount(0);
        assertThat(staff.locator("#number")).hasText(number);
        assertTrue(!before.equals(staff.locator("#state").textContent()) || "accept".equals(action),
                action + " moves the case on");
        browser.shoot(staff, "console-" + action + "-done");
    }

    private static Page consoleSignIn(PhoneBrowser browser, String city, String username, String password) {
        Page staff = browser.person();
        staff.navigate("/console/login");
        staff.fill("input[name=city]", city);
        staff.fill("input[name=username]", username);
        staff.fill("input[name=password]", password);
        staff.click("form.form button[type=submit]");
        staff.waitForURL(u -> !u.contains("/console/login"));
        return staff;
    }

    private static String caseNumber(String url) {
        Matcher m = Pattern.compile("/my/cases/([A-Z]+-\\d{8}-\\d{6})").matcher(url);
        assertTrue(m.find(), url);
        return m.group(1);
    }

    /** A small photo made here: a blue sky over a grey wall with a door (brown when broken, green when fixed). */
    private static byte[] png(Color door) {
        BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x87, 0xce, 0xeb));
        g.fillRect(0, 0, 120, 40);
        g.setColor(Color.GRAY);
        g.fillRect(0, 40, 120, 50);
        g.setColor(door);
        g.fillRect(50, 50, 20, 40);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
