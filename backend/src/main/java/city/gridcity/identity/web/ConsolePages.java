package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The staff console: sign-in, and a home page showing who is signed in, to which city, with which roles. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    static final String COOKIE_PATH = "/console";

    /** A role as the console lists it: its label in the page's language and its wire name. */
    public record RoleLabel(String name, String label) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(Messages.Msg msg, String csrf, String error, String city, String username);

        static native TemplateInstance home(Messages.Msg msg, Principal user, List<RoleLabel> roles, String csrf);
    }

    private final CurrentPrincipal current;
    private final AuthService auth;
    private final Messages messages;

    ConsolePages(CurrentPrincipal current, AuthService auth, Messages messages) {
        this.current = current;
        this.auth = auth;
        this.messages = messages;
    }

    @GET
    public Response home(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers) {
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Principal user = current.require();
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers,
                user.tenant() == null ? null : user.tenant().defaultLocale()));
        List<RoleLabel> roles = user.roles().stream()
                .map(r -> new RoleLabel(r.wireName(), msg.t("role." + r.wireName()))).toList();
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.home(msg, user, roles, csrf), 200, Csrf.cookie(csrf), Language.remember(lang));
    }

    @GET
    @Path("/login")
    public Response loginForm(@QueryParam("lang") String lang, @QueryParam("city") String city,
                              @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, null));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.login(msg, csrf, null, city, null), 200, Csrf.cookie(csrf), Language.remember(lang));
    }

    @POST
    @Path("/login")
    public Response login(@FormParam("city") String city, @FormParam("username") String username,
                          @FormParam("password") String password, @FormParam(Csrf.FIELD) String csrfField,
                          @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers,
                          @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        Messages.Msg msg = messages.bundle("console", Language.choose(null, headers, null));
        try {
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                throw new ProblemException(400, "missing-credentials", "Invalid request", msg.t("login.missing"), null, null);
            }
            AuthService.SignIn signIn = auth.login(city == null ? null : city.trim(), username.trim(), password,
                    http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
            return Response.seeOther(URI.create("/console"))
                    .cookie(PageSupport.accessCookie(signIn.tokens().accessToken(), COOKIE_PATH, signIn.tokens().expiresIn()))
                    .build();
        } catch (ProblemException e) {
            return PageSupport.page(Templates.login(msg, csrfCookie, PageErrors.text(msg, e), city, username), e.status());
        }
    }

    @POST
    @Path("/logout")
    public Response logout(@FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        current.get().ifPresent(auth::logout);
        return Response.seeOther(URI.create("/console/login")).cookie(PageSupport.clearAccessCookie(COOKIE_PATH)).build();
    }
}
