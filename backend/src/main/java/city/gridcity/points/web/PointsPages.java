package city.gridcity.points.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.points.Bilingual;
import city.gridcity.points.PointsAccounts;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.shared.web.Paging;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The portal's points page (我的积分): balance, level, and every award and spend with its reason and case. */
@Path("/c/{city}/points")
@Produces(MediaType.TEXT_HTML)
public class PointsPages {

    static final int PAGE_SIZE = 30;

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance points(Messages.Msg msg, TenantRef city, Principal user, String csrf, Standing standing,
                                              List<Line> lines, String nextUrl, String previousUrl);
    }

    /** The resident's standing in the page's language. */
    public record Standing(long balance, long lifetime, String level, String nextLevel, long toNext, String suspendedUntil,
                           boolean programme) {
    }

    /** One line of the history, ready to print. */
    public record Line(String at, String kind, long points, boolean in, String reason, String caseNumber) {
    }

    private final TenantDirectory tenants;
    private final CurrentPrincipal current;
    private final PointsAccounts accounts;
    private final Messages messages;

    PointsPages(TenantDirectory tenants, CurrentPrincipal current, PointsAccounts accounts, Messages messages) {
        this.tenants = tenants;
        this.current = current;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GET
    public Response page(@PathParam("city") String code, @QueryParam("page") String page, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        TenantRef city = tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/c/" + code + "/login")).build();
        }
        Principal user = current.get().get();
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        int p = Paging.bounded("page", page, 0, 0, Paging.MAX_PAGE);
        PointsAccounts.Standing s = accounts.standing(user.id());
        boolean en = msg.english();
        ZoneId zone = ZoneId.of(city.timeZone());
        Standing standing = new Standing(s.balance(), s.earned(),
                s.level().map(l -> en ? l.nameEn() : l.nameZh()).orElse(null),
                s.next().map(l -> en ? l.nameEn() : l.nameZh()).orElse(null), s.toNext(), time(s.suspendedUntil(), zone),
                s.level().isPresent());
        PointsAccounts.History h = accounts.history(user.id(), p, PAGE_SIZE);
        long account = accounts.accountOf(user.id()).orElse(-1L);
        List<Line> lines = h.items().stream().map(t -> PointsViews.TransferView.of(t, account))
                .map(t -> new Line(time(t.at(), zone), en ? t.kindEn() : t.kindZh(), Math.abs(t.points()), t.points() > 0,
                        Bilingual.in(t.reason(), en), t.caseNumber())).toList();
        String base = "/c/" + code + "/points";
        String next = (long) (p + 1) * PAGE_SIZE < h.total() ? base + "?page=" + (p + 1) : null;
        String previous = p > 0 ? base + "?page=" + (p - 1) : null;
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.points(msg, city, user, csrf, standing, lines, next, previous), 200,
                Csrf.cookie(csrf), Language.remember(lang));
    }

    /** A moment as the pages print it, in the city's time zone. */
    public static String time(Instant at, ZoneId zone) {
        return at == null ? null : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(zone));
    }
}
