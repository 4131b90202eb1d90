package city.gridcity.rewards.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointRulesService;
import city.gridcity.points.PointsAccounts;
import city.gridcity.rewards.Eligibility;
import city.gridcity.rewards.Redemptions;
import city.gridcity.rewards.RewardCatalog;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The portal's rewards page (积分兑换): the catalog, redeeming, and one's redemptions with their pickup codes. */
@Path("/")
public class RewardPages {

    /** How long a reward whose window closed stays on the page, saying so. */
    static final Duration ENDED_SHOWN = Duration.ofDays(30);

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance rewards(Messages.Msg msg, TenantRef city, Principal user, String csrf, long balance,
                                               String level, List<RewardLine> rewards, List<RedemptionLine> redemptions,
                                               Long errorFor, String error, Long held);
    }

    /** A reward as the page shows it. */
    public record RewardLine(long id, String name, String description, int price, int stock, String minLevel,
                             String window, boolean picture, boolean redeemable, String why) {
    }

    /** A redemption as the page shows it. */
    public record RedemptionLine(long id, String reward, String code, int price, String status, String statusText,
                                 String heldAt, String expiresAt, String endedAt, boolean held) {
    }

    private final TenantDirectory tenants;
    private final CurrentPrincipal current;
    private final RewardCatalog catalog;
    private final Redemptions redemptions;
    private final PointsAccounts accounts;
    private final PointRulesService rules;
    private final Messages messages;
    private final Clock clock;

    RewardPages(TenantDirectory tenants, CurrentPrincipal current, RewardCatalog catalog, Redemptions redemptions,
                PointsAccounts accounts, PointRulesService rules, Messages messages, Clock clock) {
        this.clock = clock;
        this.tenants = tenants;
        this.current = current;
        this.catalog = catalog;
        this.redemptions = redemptions;
        this.accounts = accounts;
        this.rules = rules;
        this.messages = messages;
    }

    @GET
    @Path("c/{city}/rewards")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("city") String code, @QueryParam("held") Long held, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        TenantRef city = city(code);
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/c/" + code + "/login")).build();
        }
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused redemption or cancellation comes back here (post-redirect-get), next to its reward.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Long errorFor = note.map(n -> n.value("rewardId")).filter(v -> v.matches("[0-9]{1,18}")).map(Long::valueOf)
                .orElse(null);
        return PageSupport.page(render(msg, city, csrf, refusal == null ? null : errorFor,
                        refusal == null ? null : PageErrors.text(msg, refusal), refusal == null ? held : null),
                refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf), Language.remember(lang),
                Flash.clear(flash, "/c/" + code + "/rewards"));
    }

    @POST
    @Path("c/{city}/rewards/{id}/redeem")
    @Produces(MediaType.TEXT_HTML)
    public Response redeem(@PathParam("city") String code, @PathParam("id") long id, @FormParam(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return act(code, csrfField, csrfCookie, headers, id, user -> {
            if (!user.roles().contains(Role.RESIDENT)) {
                throw ProblemException.forbidden("residents-only", "Rewards are for residents' accounts.");
            }
            return "?held=" + redemptions.hold(id, user.id()).id();
        });
    }

    @POST
    @Path("c/{city}/redemptions/{id}/cancel")
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@PathParam("city") String code, @PathParam("id") long id, @FormParam(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return act(code, csrfField, csrfCookie, headers, null, user -> {
            redemptions.cancel(id, user.id());
            return "";
        });
    }

    /**
     * A resident's form on the rewards page: back to the page (with what {@code work} answers as its query) when it
     * is done, the page with the refusal (next to reward {@code rewardId}, or at the top) when not.
     */
    private Response act(String code, String csrfField, String csrfCookie, HttpHeaders headers, Long rewardId,
                         java.util.function.Function<Principal, String> work) {
        Csrf.verify(csrfField, csrfCookie);
        TenantRef city = city(code);
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/c/" + code + "/login")).build();
        }
        try {
            return Response.seeOther(URI.create("/c/" + code + "/rewards" + work.apply(current.get().get()))).build();
        } catch (ProblemException e) {
            return Flash.refused("/c/" + code + "/rewards", e,
                    rewardId == null ? Map.of() : Map.of("rewardId", String.valueOf(rewardId)));
        }
    }

    /** A reward's picture: shown to anyone who sees the city's portal. */
    @GET
    @Path("c/{city}/rewards/{id}/picture")
    public Response picture(@PathParam("city") String code, @PathParam("id") long id) {
        city(code);
        RewardCatalog.Picture p = catalog.picture(id);
        return Response.ok(p.bytes(), p.mediaType()).header("Cache-Control", "public, max-age=300").build();
    }

    private TemplateInstance render(Messages.Msg msg, TenantRef city, String csrf, Long errorFor, String error, Long held) {
        Principal user = current.get().orElseThrow();
        ZoneId zone = ZoneId.of(city.timeZone());
        boolean en = msg.english();
        PointsAccounts.Standing s = accounts.standing(user.id());
        Optional<PointRules> r = rules.inForceNow().map(PointRulesService.Version::rules);
        Map<Long, Long> redeemed = redemptions.redeemedByReward(user.id());
        Instant now = clock.instant();
        List<RewardLine> rewards = catalog.forResidents(ENDED_SHOWN).stream().map(x -> {
            Optional<Eligibility.Refusal> refusal = Eligibility.check(RewardCatalog.terms(x), new Eligibility.Holder(
                    s.balance(), s.earned(), redeemed.getOrDefault(x.id(), 0L)), r, now);
            return new RewardLine(x.id(), en ? x.nameEn() : x.nameZh(), en ? x.descriptionEn() : x.descriptionZh(), x.price(),
                    x.stock(), x.minLevel() == 0 ? null : levelName(r, x.minLevel(), en),
                    x.availableUntil() == null ? null : time(x.availableUntil(), zone), x.hasPicture(), refusal.isEmpty(),
                    refusal.map(f -> why(msg, f, zone)).orElse(null));
        }).toList();
        List<RedemptionLine> mine = redemptions.of(user.id(), 0, 20).stream().map(x -> new RedemptionLine(x.id(),
                en ? x.rewardNameEn() : x.rewardNameZh(), x.code(), x.price(), x.status().name(),
                msg.t("rewards.status." + x.status().name()), time(x.heldAt(), zone), time(x.expiresAt(), zone),
                time(x.endedAt(), zone), x.status() == Redemptions.Status.HELD)).toList();
        String level = s.level().map(l -> en ? l.nameEn() : l.nameZh()).orElse(null);
        return Templates.rewards(msg, city, user, csrf, s.balance(), level, rewards, mine, errorFor, error, held);
    }

    /** Why the resident cannot hold a reward, in their language, with what they need to know. */
    static String why(Messages.Msg msg, Eligibility.Refusal f, ZoneId zone) {
        boolean en = msg.english();
        return switch (f.reason()) {
            case NO_PROGRAMME -> msg.t("rewards.why.noProgramme");
            case NOT_YET_AVAILABLE -> msg.f("rewards.why.notYet", time(f.availableFrom(), zone));
            case NO_LONGER_AVAILABLE -> f.availableUntil() == null ? msg.t("rewards.why.withdrawn")
                    : msg.f("rewards.why.ended", time(f.availableUntil(), zone));
            case LEVEL_TOO_LOW -> msg.f("rewards.why.level", f.levelNeeded() == null ? String.valueOf(f.minLevel())
                    : en ? f.levelNeeded().nameEn() : f.levelNeeded().nameZh())
                    .replace("{1}", f.levelHeld() == null ? "—" : en ? f.levelHeld().nameEn() : f.levelHeld().nameZh());
            case LIMIT_REACHED -> msg.f("rewards.why.limit", f.limit());
            case NOT_ENOUGH_POINTS -> msg.f("rewards.why.points", f.pointsShort());
            case OUT_OF_STOCK -> msg.t("rewards.why.stock");
        };
    }

    private static String levelName(Optional<PointRules> rules, int index, boolean en) {
        return rules.filter(p -> index < p.levels().size())
                .map(p -> en ? p.levels().get(index).nameEn() : p.levels().get(index).nameZh())
                .orElse(String.valueOf(index));
    }

    private TenantRef city(String code) {
        return tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    private static String time(Instant at, ZoneId zone) {
        return city.gridcity.points.web.PointsPages.time(at, zone);
    }
}
