package city.gridcity.acceptance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.grid.GridGenerator;
import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console as a new member of staff meets it, in Debian's Chromium: a report placed by clicking the map
 * (the grid levels named before sending), the case page's map, a queue filtered by the grid under a click on its map, the session renewed silently after the access
 * cookie has gone, a deep link through sign-in, and every console page at 390 px without horizontal scrolling
 * (the document's width is measured). One scenario in one browser, so the slow part runs once. Screenshots at
 * 390 px and 1280 px under {@code target/acceptance-screenshots/console}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleInBrowserTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    PackLibrary packs;
    @Inject
    TenantProvisioning provisioning;

    @Test
    void a_new_member_of_staff_reports_on_the_map_keeps_their_session_follows_a_deep_link_and_reads_every_page_on_a_phone()
            throws Exception {
        DemoCity demo = DemoCity.from("kcity", packs, provisioning);
        String city = demo.code();
        String password = demo.staffPassword();
        try (PhoneBrowser browser = PhoneBrowser.start(base.toString(), PhoneBrowser.ROOT.resolve("console"))) {
            // a district supervisor reports a broken toilet: the point clicked on the map, named before sending
            Page dsup = signIn(browser.person(), city, "dsup", password);
            dsup.navigate("/console/cases/new");
            dsup.waitForSelector("#report-map path.leaflet-interactive");
            dsup.selectOption("select[name=subclass]", "COMPONENT:0301");
            Locator map = dsup.locator("#report-map");
            BoundingBox box = map.boundingBox();
            map.click(new Locator.ClickOptions().setPosition(box.width / 2, box.height / 2));
            dsup.waitForSelector("#located-places li[data-level=unit]");
            assertThat(dsup.locator("#located-places li[data-level=district] strong")).not().isEmpty();
            assertTrue(!dsup.inputValue("#lon").isEmpty() && !dsup.inputValue("#lat").isEmpty(), "the click fills the point");
            dsup.fill("textarea[name=description]", "公共厕所门损坏，无法关闭");
            browser.shoot(dsup, "report-on-the-map");
            dsup.click("#report button[type=submit]");
            dsup.waitForURL("**/console/cases/**?reported=1");
            String number = dsup.locator("#number").textContent().trim();

            // the case page's map shows the case and its unit grid
            dsup.waitForSelector("#case-map path.leaflet-interactive");
            assertThat(dsup.locator("#case-map")).hasAttribute("data-features", java.util.regex.Pattern.compile("[1-9][0-9]*"));
            browser.shoot(dsup, "case-page-map");

            // the access cookie expires (the browser drops it): the next page renews the session silently
            BrowserContext jar = dsup.context();
            jar.clearCookies(new BrowserContext.ClearCookiesOptions().setName("gc_access"));
            dsup.navigate("/console/work");
            assertTrue(dsup.url().endsWith("/console/work"), "still signed in: " + dsup.url());
            assertTrue(jar.cookies().stream().anyMatch(c -> c.name.equals("gc_access")), "a new access cookie");
            browser.shoot(dsup, "renewed-work");

            // a colleague follows a link to the case: sign-in, then that case
            Page acceptor = browser.person();
            acceptor.navigate("/console/cases/" + number);
            assertTrue(acceptor.url().contains("/console/login?next="), acceptor.url());
            browser.shoot(acceptor, "deep-link-sign-in");
            acceptor.fill("input[name=city]", city);
            acceptor.fill("input[name=username]", "acceptor");
            acceptor.fill("input[name=password]", password);
            acceptor.click("form.form button[type=submit]");
            acceptor.waitForURL("**/console/cases/" + number);
            assertThat(acceptor.locator("#number")).hasText(number);
            // at 390 px the history's actor column reads as words, not one character per line
            Number actorWidth = (Number) acceptor.evaluate(
                    "() => document.querySelector('#history tbody tr td:nth-child(5)').getBoundingClientRect().width");
            assertTrue(actorWidth.doubleValue() > 120, "the history's actor cell is " + actorWidth + " px wide");

            // the acceptor narrows the acceptance queue to the management grid under a click on the queue's map
            acceptor.navigate("/console/queues/acceptance");
            acceptor.click("#grid-map-picker summary");
            acceptor.waitForSelector("#queue-map path.leaflet-interactive");
            String districtFeatures = acceptor.getAttribute("#queue-map", "data-features");
            acceptor.selectOption("#map-level", "management");
            // the click goes to the map once it shows the management grids (the level's layer is fetched anew)
            // (polled from here: the page's CSP refuses the string a wait-for-function would evaluate)
            for (int i = 0; i < 150 && districtFeatures.equals(acceptor.getAttribute("#queue-map", "data-features")); i++) {
                acceptor.waitForTimeout(100);
            }
            Locator queueMap = acceptor.locator("#queue-map");
            BoundingBox queueBox = queueMap.boundingBox();
            queueMap.click(new Locator.ClickOptions().setPosition(queueBox.width / 2, queueBox.height / 2));
            acceptor.waitForURL("**/console/queues/acceptance?grid=*");
            String picked = acceptor.inputValue("#grid-filter");
            assertTrue(picked.matches("[0-9]{6,17}"), "a grid code is the filter: " + picked);
            assertThat(acceptor.locator("#grid-filter option:checked")).containsText(picked);
            assertThat(acceptor.locator("#grid-filter option:checked")).not().hasText(picked);
            assertThat(acceptor.locator("#queue")).containsText(number);
            browser.shoot(acceptor, "queue-filtered-on-the-map");

            // every console page fits a 390 px phone
            List<String> tooWide = new ArrayList<>();
            Page admin = signIn(browser.person(), city, "admin", password);
            Page handler = signIn(browser.person(), city, "handler", password);
            Page anonymous = browser.person();
            measure(browser, anonymous, "/console/login", tooWide);
            measure(browser, anonymous, "/nosuchpage", tooWide);
            for (String page : List.of("/console", "/console/work", "/console/queues/acceptance", "/console/queues/reopen",
                    "/console/queues/acceptance?grid=" + picked,
                    "/console/cases/" + number, "/console/cases/new", "/console/moderation", "/console/password")) {
                measure(browser, acceptor, page, tooWide);
            }
            for (String page : List.of("/console/work", "/console/queues/verification", "/console/cases/new",
                    "/console/cases/" + number)) {
                measure(browser, dsup, page, tooWide);
            }
            measure(browser, handler, "/console/queues/disposal", tooWide);
            for (String page : List.of("/console", "/console/admin/users", "/console/admin/departments",
                    "/console/admin/webhooks", "/console/admin/calendar", "/console/admin/catalog", "/console/admin/grid", "/console/admin/supervision",
                    "/console/admin/workflow",
                    "/console/admin/catalog/event/0101", "/console/satisfaction", "/console/rewards", "/console/points/rules",
                    "/console/pickup", "/console/moderation")) {
                measure(browser, admin, page, tooWide);
            }
            // the administrator gives a subclass a new limit from the first day of next year, on the phone
            admin.navigate("/console/admin/catalog/event/0101");
            admin.fill("#effectiveFrom", java.time.LocalDate.now().plusYears(1).withDayOfYear(1) + "T00:00");
            admin.fill("#amount0", "6");
            admin.click("#add-rule");
            admin.waitForSelector("#done");
            assertThat(admin.locator("#rule-versions")).containsText("6 ");
            browser.shoot(admin, "catalog-new-rule");

            // the administrator creates a department handler bound to the street-light department, who then signs in
            admin.navigate("/console/admin/users");
            admin.fill("#username", "lamps");
            admin.fill("#displayName", "路灯处置员");
            admin.check("input[name=roles][value=department-handler]");
            admin.selectOption("#departmentCode", new com.microsoft.playwright.options.SelectOption().setIndex(1));
            String department = admin.locator("#departmentCode option:checked").textContent().trim();
            admin.fill("#password", "Lamps2026ok");
            admin.click("#create-user");
            admin.waitForURL("**/console/admin/users/*");
            assertThat(admin.locator("#done")).isVisible();
            assertThat(admin.locator("#departmentCode option:checked")).hasText(department);
            browser.shoot(admin, "handler-created");
            Page lamps = signIn(browser.person(), city, "lamps", "Lamps2026ok");
            assertTrue(lamps.url().contains("/console"), lamps.url());

            // the administrator checks a layout with a wrong code, sees it marked on the map, and imports it fixed
            admin.navigate("/console/admin/grid");
            admin.waitForSelector("#grid-map path.leaflet-interactive");
            ObjectNode layout = GridGenerator.generate(
                    new GridGenerator.Spec("9701", 11L, 118.50, 31.50, 2, 3, 6, 12, 90, 200, 1, 1));
            ObjectNode broken = layout.deepCopy();
            for (JsonNode f : broken.get("features")) {
                if ("unit".equals(f.get("properties").get("level").asText())) {
                    ((ObjectNode) f.get("properties")).put("code", "123");
                    break;
                }
            }
            java.nio.file.Path files = java.nio.file.Files.createTempDirectory("grid-upload");
            java.nio.file.Path brokenFile = java.nio.file.Files.writeString(files.resolve("broken.geojson"), broken.toString());
            java.nio.file.Path goodFile = java.nio.file.Files.writeString(files.resolve("fixed.geojson"), layout.toString());
            String nextYear = java.time.LocalDate.now().plusYears(1).withDayOfYear(1).toString();
            admin.setInputFiles("#file", brokenFile);
            admin.fill("#effectiveFrom", nextYear);
            admin.click("#check-layout");
            admin.waitForURL("**/console/admin/grid/drafts/*");
            admin.waitForSelector("#draft-map path.leaflet-interactive");
            assertThat(admin.locator("#problems")).containsText("123");
            assertThat(admin.locator("#draft-map")).not().hasAttribute("data-faulty", "0");
            assertEquals(0, admin.locator("#import-layout").count(), "a faulty layout cannot be imported");
            browser.shoot(admin, "grid-draft-with-problems");
            measure(browser, admin, admin.url().replaceFirst("^https?://[^/]+", ""), tooWide);
            admin.navigate("/console/admin/grid");
            admin.setInputFiles("#file", goodFile);
            admin.fill("#effectiveFrom", nextYear);
            admin.click("#check-layout");
            admin.waitForURL("**/console/admin/grid/drafts/*");
            admin.waitForSelector("#import-layout");
            assertThat(admin.locator("#draft-map")).hasAttribute("data-faulty", "0");
            admin.click("#import-layout");
            admin.waitForURL("**/console/admin/grid");
            assertThat(admin.locator("#done")).isVisible();
            assertThat(admin.locator("#layouts")).containsText(nextYear);
            browser.shoot(admin, "grid-imported");

            // assessment: a run started from the console, its ranking with the ECharts chart, a score card, the appeals
            admin.navigate("/console/assessment");
            admin.click("#start-form button[type=submit]");
            admin.waitForURL("**/console/assessment/runs/**");
            admin.waitForSelector("#ranking-chart svg");
            String runPage = java.net.URI.create(admin.url()).getPath();
            String cardPage = admin.locator(".ranking a").first().getAttribute("href");
            for (String page : List.of("/console/assessment", runPage, cardPage, "/console/assessment/appeals")) {
                measure(browser, admin, page, tooWide);
            }
            // the scheme editor: the list, a baseline with its item form (the chosen rule's fields only), an overlay
            admin.navigate("/console/assessment/schemes");
            String baseline = admin.locator("#baselines a").first().getAttribute("href");
            List<String> editor = new ArrayList<>(List.of("/console/assessment/schemes", baseline));
            if (admin.locator("#overlays a").count() > 0) {
                editor.add(admin.locator("#overlays a").first().getAttribute("href"));
            }
            admin.navigate(baseline);
            admin.selectOption("#item-rule", "bands");
            assertThat(admin.locator("#item-threshold")).isHidden();
            assertThat(admin.locator("#item-at1")).isVisible();
            admin.selectOption("#item-rule", "threshold-linear");
            assertThat(admin.locator("#item-threshold")).isVisible();
            browser.shoot(admin, "scheme-editor");
            for (String page : editor) {
                measure(browser, admin, page, tooWide);
            }
            // and the portal's pages, for a resident of the same city
            Page resident = browser.person();
            resident.navigate("/c/" + city + "/login");
            resident.fill("input[name=username]", "resident");
            resident.fill("input[name=password]", password);
            resident.click("form.form button[type=submit]");
            resident.waitForURL(u -> !u.contains("/login"));
            for (String page : List.of("", "/report", "/my/cases", "/cases", "/messages", "/points", "/rewards",
                    "/password", "/assessment")) {
                measure(browser, resident, "/c/" + city + page, tooWide);
            }
            measure(browser, anonymous, "/c/" + city + "/register", tooWide);
            assertEquals(List.of(), tooWide, "pages wider than the phone");

            // and at a laptop, for the eye
            Page desk = signIn(browser.atDesk(), city, "acceptor", password);
            for (String page : List.of("/console/work", "/console/queues/acceptance", "/console/cases/" + number,
                    "/console/cases/new")) {
                desk.navigate(page);
                desk.waitForLoadState();
                if (desk.locator("#grid-map-picker").count() > 0) {
                    desk.click("#grid-map-picker summary");
                }
                if (desk.locator(".map").count() > 0) {
                    desk.waitForSelector(".map path.leaflet-interactive");
                }
                browser.shoot(desk, "desk" + page.replace('/', '-'));
            }
            Page adminDesk = signIn(browser.atDesk(), city, "admin", password);
            for (String page : List.of("/console/admin/users", "/console/admin/departments", "/console/admin/webhooks",
                    "/console/admin/calendar", "/console/admin/catalog", "/console/admin/catalog/event/0101",
                    "/console/admin/grid", "/console/admin/supervision", "/console/admin/workflow")) {
                adminDesk.navigate(page);
                adminDesk.waitForLoadState();
                browser.shoot(adminDesk, "desk" + page.replace('/', '-'));
            }
        }
    }

    private static Page signIn(Page page, String city, String username, String password) {
        page.navigate("/console/login");
        page.fill("input[name=city]", city);
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("form.form button[type=submit]");
        page.waitForURL(u -> !u.contains("/console/login"));
        return page;
    }

    /** Opens the page and notes it when the document is wider than the viewport (a horizontal scroll). */
    private static void measure(PhoneBrowser browser, Page page, String path, List<String> tooWide) {
        page.navigate(path);
        page.waitForLoadState();
        if (page.locator(".map").count() > 0) {
            page.waitForTimeout(500);
        }
        Number width = (Number) page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        Number viewport = (Number) page.evaluate("() => window.innerWidth");
        browser.shoot(page, "phone" + path.replace('/', '-'));
        if (width.intValue() > viewport.intValue()) {
            tooWide.add(path + " is " + width + " px wide at " + viewport + " px");
        }
        // no word of the header breaks inside (at 390 px "考评" came out as 考 / 评): each link's text on one line
        Object broken = page.evaluate("() => [...document.querySelectorAll('header a')].filter(a => {"
                + " const r = document.createRange(); r.selectNodeContents(a);"
                + " return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1;"
                + " }).map(a => a.textContent.trim()).join(' | ')");
        if (broken != null && !broken.toString().isEmpty()) {
            tooWide.add(path + ": the header's " + broken + " breaks onto two lines at " + viewport + " px");
        }
    }

}
