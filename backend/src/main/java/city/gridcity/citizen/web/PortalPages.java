package city.gridcity.citizen.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.UserService;
import city.gridcity.identity.web.ConsolePages;
import city.gridcity.identity.web.PageSessions;
import city.gridcity.identity.web.PasswordPages;
import city.gridcity.shared.web.Flash;
import jakarta.ws.rs.core.NewCookie;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
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
import java.util.List;

/** The public citizen portal of each city, at {@code /c/{city}}, and the list of cities at {@code /}. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance index(Messages.Msg msg, List<TenantRef> cities);

        static native TemplateInstance home(Messages.Msg msg, TenantRef city, Principal user, String csrf);

        static native TemplateInstance suspended(Messages.Msg msg, TenantRef city);

        static native TemplateInstance login(Messages.Msg msg, TenantRef city, String csrf, String error, String username,
                                             String next, boolean fromConsole);

        static native TemplateInstance password(Messages.Msg msg, TenantRef city, String csrf,
                                                ConsolePages.PasswordForm form);

        static native TemplateInstance register(Messages.Msg msg, TenantRef city, String csrf, String error,
                                                String errorField, String username, String phone, String displayName);
    }

    private final TenantDirectory tenants;
    private final CurrentPrincipal current;
    private final AuthService auth;
    private final UserService users;
    private final Messages messages;

    PortalPages(TenantDirectory tenants, CurrentPrincipal current, AuthService auth, UserService users, Messages messages) {
        this.tenants = tenants;
        this.current = current;
        this.auth = auth;
        this.users = users;
        this.messages = messages;
    }

    @GET
    public Response index(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, null));
        List<TenantRef> cities = tenants.all().stream().filter(TenantRef::active).toList();
        return PageSupport.page(Templates.index(msg, cities), 200, Language.remember(lang));
    }

    @GET
    @Path("c/{city}")
    public Response home(@PathParam("city") String code, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        TenantRef city = city(code);
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        if (!city.active()) {
            return PageSupport.page(Templates.suspended(msg, city), 503, Language.remember(lang));
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(Templates.home(msg, city, current.get().orElse(null), csrf), 200, Csrf.cookie(csrf),
                Language.remember(lang));
    }

    @GET
    @Path("c/{city}/login")
    public Response loginForm(@PathParam("city") String code, @QueryParam("lang") String lang,
                              @QueryParam("next") String next, @QueryParam("from") String from,
                              @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return formPage(code, lang, csrfCookie, headers,
                (msg, city, csrf) -> Templates.login(msg, city, csrf, null, null, next(code, next), "console".equals(from)));
    }

    @POST
    @Path("c/{city}/login")
    public Response login(@PathParam("city") String code, @FormParam("username") String username,
                          @FormParam("password") String password, @FormParam("next") String next,
                          @FormParam(Csrf.FIELD) String csrfField,
                          @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers,
                          @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        TenantRef city = city(code);
        Messages.Msg msg = messages.bundle("portal", Language.choose(null, headers, city.defaultLocale()));
        try {
            return signedIn(city, auth.login(city.code(), username, password, address(http)), next(code, next));
        } catch (ProblemException e) {
            return PageSupport.page(Templates.login(msg, city, csrfCookie, PageErrors.text(msg, e), username,
                    next(code, next), false), e.status());
        }
    }

    @POST
    @Path("c/{city}/logout")
    public Response logout(@PathParam("city") String code, @FormParam(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        current.get().ifPresent(auth::logout);
        return Response.seeOther(URI.create("/c/" + code))
                .cookie(PageSessions.clearedCookies("/c/" + code).toArray(NewCookie[]::new)).build();
    }

    @GET
    @Path("c/{city}/password")
    public Response passwordForm(@PathParam("city") String code, @QueryParam("lang") String lang,
                                 @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                                 @Context HttpHeaders headers) {
        TenantRef city = city(code);
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/c/" + code + "/login")).build();
        }
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        ConsolePages.PasswordForm form = PasswordPages.form(msg, Flash.read(flash), auth.mustChangePassword(current.require()));
        String path = "/c/" + code + "/password";
        return PageSupport.page(Templates.password(msg, city, csrf, form), form.error() == null ? 200 : 400,
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, path));
    }

    @POST
    @Path("c/{city}/password")
    public Response changePassword(@PathParam("city") String code, @FormParam("currentPassword") String currentPassword,
                                   @FormParam("newPassword") String newPassword,
                                   @FormParam("confirmPassword") String confirmPassword,
                                   @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                                   @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        TenantRef city = city(code);
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/c/" + code + "/login")).build();
        }
        try {
            AuthService.SignIn again = PasswordPages.change(auth, current.require(), currentPassword, newPassword,
                    confirmPassword, address(http));
            Response.ResponseBuilder b = Response.fromResponse(Flash.done("/c/" + city.code() + "/password", "password.changed"));
            PageSessions.sessionCookies(again, "/c/" + city.code()).forEach(b::cookie);
            return b.build();
        } catch (ProblemException e) {
            return Flash.refused("/c/" + city.code() + "/password", e, java.util.Map.of());
        }
    }

    @GET
    @Path("c/{city}/register")
    public Response registerForm(@PathParam("city") String code, @QueryParam("lang") String lang,
                                 @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return formPage(code, lang, csrfCookie, headers,
                (msg, city, csrf) -> Templates.register(msg, city, csrf, null, null, null, null, null));
    }

    @POST
    @Path("c/{city}/register")
    public Response register(@PathParam("city") String code, @FormParam("username") String username,
                             @FormParam("phone") String phone, @FormParam("displayName") String displayName,
                             @FormParam("password") String password, @FormParam(Csrf.FIELD) String csrfField,
                             @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers,
                             @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        TenantRef city = city(code);
        Messages.Msg msg = messages.bundle("portal", Language.choose(null, headers, city.defaultLocale()));
        if (!city.active()) {
            return PageSupport.page(Templates.suspended(msg, city), 503);
        }
        try {
            return signedIn(city, users.registerResident(username, phone, displayName, password, city, address(http)), null);
        } catch (ProblemException e) {
            return PageSupport.page(Templates.register(msg, city, csrfCookie, PageErrors.text(msg, e), registerField(e),
                    username, phone, displayName), e.status());
        }
    }

    private static final java.util.Set<String> REGISTER_FIELDS = java.util.Set.of("username", "phone", "displayName", "password");

    /** The registration form's field a refusal is about, so its message shows under that field; null for the form. */
    static String registerField(ProblemException e) {
        String field = !e.errors().isEmpty() ? e.errors().get(0).field()
                : "username-taken".equals(e.code()) ? "username" : "phone-taken".equals(e.code()) ? "phone" : null;
        return field != null && REGISTER_FIELDS.contains(field) ? field : null;
    }

    /** What an empty form page needs from its request. */
    @FunctionalInterface
    interface FormTemplate {
        TemplateInstance render(Messages.Msg msg, TenantRef city, String csrf);
    }

    /** A form page of an active city, with its CSRF cookie; a suspended city's page says so instead. */
    private Response formPage(String code, String lang, String csrfCookie, HttpHeaders headers, FormTemplate form) {
        TenantRef city = city(code);
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        if (!city.active()) {
            return PageSupport.page(Templates.suspended(msg, city), 503);
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(form.render(msg, city, csrf), 200, Csrf.cookie(csrf), Language.remember(lang));
    }

    /** Back to the page that sent the visitor to sign in (or the city's home), with the session cookie confined to that city's pages. */
    private static Response signedIn(TenantRef city, AuthService.SignIn signIn, String next) {
        String to = signIn.mustChangePassword() ? "/c/" + city.code() + "/password"
                : next == null ? "/c/" + city.code() : next;
        return Response.seeOther(URI.create(to))
                .cookie(PageSessions.sessionCookies(signIn, "/c/" + city.code()).toArray(NewCookie[]::new))
                .build();
    }

    private TenantRef city(String code) {
        return tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    /** Where to go after signing in: only a page of the same city's portal, never another site. */
    private static String next(String city, String next) {
        return next != null && next.matches("^/c/" + java.util.regex.Pattern.quote(city) + "/[A-Za-z0-9/_-]*$") ? next : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
