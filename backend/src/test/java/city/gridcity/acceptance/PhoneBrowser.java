package city.gridcity.acceptance;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by Playwright at a phone's size (390 × 844), each person in a browser
 * context of their own (their own cookies), every page kept as a numbered screenshot. Playwright never
 * downloads a browser here: the system one is named, and a missing one fails with how to install it.
 */
final class PhoneBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("gridcity.test.chromium", "/usr/bin/chromium"));
    static final Path ROOT = Path.of("target", "acceptance-screenshots");
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;

    private final Playwright playwright;
    private final Browser browser;
    private final String base;
    private final Path screenshots;
    private int shots;

    private PhoneBrowser(Playwright playwright, Browser browser, String base, Path screenshots) {
        this.playwright = playwright;
        this.browser = browser;
        this.base = base;
        this.screenshots = screenshots;
    }

    /** Starts the browser for pages under {@code base} (e.g. {@code http://localhost:8081}); clears old screenshots. */
    static PhoneBrowser start(String base) {
        return start(base, ROOT);
    }

    /** The same, keeping this run's screenshots in their own folder (another test's stay). */
    static PhoneBrowser start(String base, Path screenshots) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("The browser acceptance test needs Debian's chromium at " + CHROMIUM
                    + ": install it with `apt-get install -y chromium` (.ci/run does so when it is absent), or name another "
                    + "Chromium with -Dgridcity.test.chromium=/path/to/chromium");
        }
        clearScreenshots(screenshots);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                    .setHeadless(true).setArgs(List.of("--disable-gpu", "--disable-dev-shm-usage")));
            return new PhoneBrowser(playwright, browser, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                    screenshots);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new person at the phone: an empty cookie jar, Chinese first as the portal's visitors are. */
    Page person() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT)
                .setDeviceScaleFactor(1).setIsMobile(true).setHasTouch(true).setLocale("zh-CN").setBaseURL(base));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** A person at a laptop (1280 × 800), for the console's desk pages. */
    Page atDesk() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)
                .setDeviceScaleFactor(1).setLocale("zh-CN").setBaseURL(base));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** Keeps the whole page as {@code NN-name.png}. */
    void shoot(Page page, String name) {
        shots++;
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshots.resolve(String.format("%02d-%s.png", shots, name))));
    }

    int screenshots() {
        return shots;
    }

    private static void clearScreenshots(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> old = Files.walk(folder)) {
                    // Only this run's pictures: a folder of another test inside is left alone.
                    old.filter(Files::isRegularFile).filter(p -> p.getParent().equals(folder)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
