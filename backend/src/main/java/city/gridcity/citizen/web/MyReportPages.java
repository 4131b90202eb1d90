package city.gridcity.citizen.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.ResidentCases;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
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
import java.util.List;
import java.util.Optional;

/**
 * 我的上报: a resident's reports and the cases they follow, each in residents' words, with its public
 * timeline (no staff names, no internal reasons), their own photos with the moderator's decision, and the
 * after-photos once solved. The page of a report just sent says its number and what happens next.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MyReportPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance mine(Messages.Msg msg, PortalFormat fmt, String city,
                                            List<ResidentCases.Summary> cases);

        static native TemplateInstance own(Messages.Msg msg, PortalFormat fmt, String city, String csrf,
                                           ResidentCases.OwnCase own, boolean reported, boolean meToo);
    }

    private final PortalRequest request;
    private final ResidentCases cases;

    MyReportPages(PortalRequest request, ResidentCases cases) {
        this.request = request;
        this.cases = cases;
    }

    @GET
    @Path("c/{city}/my/cases")
    public Response mine(@PathParam("city") String code, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        Optional<Actor> resident = request.resident();
        if (resident.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/my/cases");
        }
        return PageSupport.page(Templates.mine(page.msg(), page.fmt(), code, cases.mine(resident.get())), 200,
                Language.remember(lang));
    }

    @GET
    @Path("c/{city}/my/cases/{number}")
    public Response own(@PathParam("city") String code, @PathParam("number") String number,
                        @QueryParam("reported") String reported, @QueryParam("metoo") String meToo,
                        @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                        @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        Optional<Actor> resident = request.resident();
        if (resident.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/my/cases/" + number);
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.own(page.msg(), page.fmt(), code, csrf, cases.own(number, resident.get()),
                reported != null, meToo != null), 200, Csrf.cookie(csrf), Language.remember(lang));
    }
}
