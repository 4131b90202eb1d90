package city.gridcity.demo;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseActions;
import city.gridcity.cases.CaseIntake;
import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CasePhotos;
import city.gridcity.cases.CaseRatings;
import city.gridcity.cases.ReportCommand;
import city.gridcity.cases.ResidentCases;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.GridQueries;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.PacksConfig;
import city.gridcity.rewards.Redemptions;
import city.gridcity.rewards.RewardCatalog;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Demo mode: the demo resident ({@code resident}) of each demo city gets a history, so the portal's pages are
 * not empty — three reports (one closed and rated, one being fixed, one just sent), the points the rules give
 * for them, and a reward held with its pickup code. All through the product's own services, as the demo staff
 * (acceptor, dispatcher, handler, district supervisor) would do it, so the ledger, case facts and messages are
 * what they would be. Once: a resident with any report is left alone, so a restart adds nothing. Runs after the
 * demo cities and their points ({@code DemoPoints}) are loaded.
 */
@ApplicationScoped
public class DemoResidentHistory {

    private static final Logger LOG = Logger.getLogger(DemoResidentHistory.class);
    static final String DEMO_RESIDENT = "resident";
    /** The cheapest demo reward, within reach of the history's points. */
    static final String REWARD = "city-badge";

    private final PacksConfig config;
    private final TenantRunner runner;
    private final UserService users;
    private final CaseIntake intake;
    private final CaseActions actions;
    private final CasePhotos photos;
    private final CaseRatings ratings;
    private final ResidentCases residentCases;
    private final GridQueries grids;
    private final GridLocator locator;
    private final RewardCatalog rewards;
    private final Redemptions redemptions;

    DemoResidentHistory(PacksConfig config, TenantRunner runner, UserService users, CaseIntake intake, CaseActions actions,
                        CasePhotos photos, CaseRatings ratings, ResidentCases residentCases, GridQueries grids,
                        GridLocator locator, RewardCatalog rewards, Redemptions redemptions) {
        this.config = config;
        this.runner = runner;
        this.users = users;
        this.intake = intake;
        this.actions = actions;
        this.photos = photos;
        this.ratings = ratings;
        this.residentCases = residentCases;
        this.grids = grids;
        this.locator = locator;
        this.rewards = rewards;
        this.redemptions = redemptions;
    }

    void onStart(@Observes @Priority(40) StartupEvent event) {
        if (!config.loadDemo()) {
            return;
        }
        runner.forEachActiveTenant("demo-resident-history", this::seed);
    }

    /**
     * Gives the current city's demo resident their history, unless they have reports already. Needs the demo
     * accounts (a resident named {@code resident}, an acceptor, a dispatcher, a sanitation handler and a district
     * supervisor) and a grid in force; a city without them is left as it is.
     *
     * <p>All or nothing: every step joins the caller's transaction (the runner's, one per city), so a step that fails
     * midway rolls back the reports, events, points, messages and hold made before it, and the next start, finding no
     * report of the resident's, tries again. Only the after-photo's file may stay behind, unreferenced, as with any
     * failed upload.
     *
     * @return whether a history was written
     * @throws RuntimeException whatever a step refused; nothing of the history stays
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean seed(TenantRef city) {
        Optional<Actor> resident = holder(Role.RESIDENT, DEMO_RESIDENT);
        if (resident.isEmpty() || !residentCases.mine(resident.get()).isEmpty()) {
            return false;
        }
        Optional<Actor> acceptor = holder(Role.ACCEPTOR, null);
        Optional<Actor> dispatcher = holder(Role.DISPATCHER, null);
        Optional<Actor> handler = holder(Role.DEPARTMENT_HANDLER, null).filter(h -> "sanitation".equals(h.departmentCode()));
        Optional<Actor> supervisor = holder(Role.DISTRICT_SUPERVISOR, null);
        List<String> units = grids.codesInForce(GridLevel.UNIT).codes();
        if (acceptor.isEmpty() || dispatcher.isEmpty() || handler.isEmpty() || supervisor.isEmpty() || units.size() < 3) {
            LOG.infof("City %s lacks the demo staff or a grid: its demo resident has no history", city.code());
            return false;
        }
        Actor r = resident.get();
        // Closed and rated: the whole loop, as the demo staff work it.
        String toilet = report(r, "0301", units.get(0), "人民公园东门", "公园东门公厕的门锁坏了，关不上");
        act(toilet, "file", "A", null, acceptor.get());
        act(toilet, "dispatch", null, null, dispatcher.get());
        act(toilet, "accept", null, null, handler.get());
        photos.upload(toilet, CasePhoto.Stage.AFTER, png(), "fixed.png", handler.get());
        act(toilet, "report-back", null, "门锁已更换", handler.get());
        act(toilet, "verify-pass", null, null, supervisor.get());
        ratings.rate(toilet, new CaseRatings.RatingForm("true", "satisfied", "修得很快，谢谢！", null, null), r);
        // Being fixed: filed and with its department.
        String bin = report(r, "0302", units.get(units.size() / 2), "菜市场北侧", "垃圾间的门脱落了，垃圾散到路边");
        act(bin, "file", "A", null, acceptor.get());
        act(bin, "dispatch", null, null, dispatcher.get());
        // Just sent: waiting for the acceptor.
        report(r, "0303", units.get(units.size() - 1), "公交站旁", "果皮箱满了，好几天没人清");
        rewards.list(false).stream().filter(w -> REWARD.equals(w.code())).findFirst()
                .ifPresent(w -> redemptions.hold(w.id(), r.id()));
        LOG.infof("City %s: demo resident history written (reports %s, %s and one just sent)", city.code(), toilet, bin);
        return true;
    }

    private String report(Actor resident, String componentCode, String unit, String address, String description) {
        double[] at = locator.pointInUnit("unit", unit);
        return intake.report(new ReportCommand(null, CatalogClass.Kind.COMPONENT, componentCode, at[0], at[1],
                CoordinateSystem.WGS84, address, description, null, false, null), resident).summary().number();
    }

    private void act(String number, String action, String condition, String reason, Actor actor) {
        actions.act(number, new ActionCommand(action, null, reason, condition, null, null, null, null, null, null, null,
                null, null), actor);
    }

    /** The first active holder of the role (with that username, if given), as the workflow sees them. */
    private Optional<Actor> holder(Role role, String username) {
        return users.activeHolders(role).stream().sorted()
                .flatMap(id -> users.summary(id).stream())
                .filter(u -> username == null || username.equals(u.username()))
                .findFirst()
                .map(u -> new Actor(u.id(), u.username(), u.roles(), u.roles().contains(Role.DEPARTMENT_HANDLER)
                        ? users.departmentOf(u.id()).orElse(null) : null));
    }

    /** An after-photo made here: a clean door in a grey wall. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xb0, 0xb0, 0xb0));
        g.fillRect(0, 0, 160, 120);
        g.setColor(new Color(0x2e, 0x7d, 0x32));
        g.fillRect(60, 30, 40, 90);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
