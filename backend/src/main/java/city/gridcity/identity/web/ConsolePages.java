package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
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
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff console: sign-in (back to the page that sent the visitor there), the own password, and a home
 * page showing who is signed in, to which city, with which roles. Forms answer with a redirect
 * (post-redirect-get); a refusal travels to the form page in a {@link Flash} note.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    static final String COOKIE_PATH = "/console";
    /** Roles that have no work in the staff console: their people are sent to their city's portal. */
    private static final Set<Role> PORTAL_ROLES = EnumSet.of(Role.RESIDENT, Role.VOLUNTEER, Role.HOTLINE);

    /** A role as the console lists it: its label in the page's language and its wire name. */
    public record RoleLabel(String name, String label) {
    }

    /** The password form: whether the change is required (a one-time password), problems by field. */
    public record PasswordForm(boolean required, String done, Map<String, String> errors, String error) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(Messages.Msg msg, String csrf, String error, String city, String username,
                                             String next);

        static native TemplateInstance home(Messages.Msg msg, Principal user, List<RoleLabel> roles, String csrf,
                                            String done, boolean cityAdmin, boolean reviewer);

        static native TemplateInstance password(Messages.Msg msg, Principal user, String csrf, PasswordForm form);
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
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Principal user = current.require();
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers,
                user.tenant() == null ? null : user.tenant().defaultLocale()));
        List<RoleLabel> roles = user.roles().stream()
                .map(r -> new RoleLabel(r.wireName(), msg.t("role." + r.wireName()))).toList();
        String csrf = Csrf.tokenOrNew(csrfCookie);
        String done = Flash.read(flash).map(Flash.Note::done).orElse(null);
        boolean cityAdmin = user.tenant() != null && user.roles().contains(Role.CITY_ADMIN);
        // The sampled reports are judged by city supervisors and assessors only; others are not shown the link.
        boolean reviewer = user.tenant() != null && (user.roles().contains(Role.CITY_SUPERVISOR)
                || user.roles().contains(Role.ASSESSOR));
        return PageSupport.page(Templates.home(msg, user, roles, csrf, done == null ? null : msg.t(done), cityAdmin,
                reviewer), 200,
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, COOKIE_PATH));
    }

    @GET
    @Path("/login")
    public Response loginForm(@QueryParam("lang") String lang, @QueryParam("city") String city,
                              @QueryParam("next") String next, @CookieParam(Csrf.COOKIE) String csrfCookie,
                              @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, null));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        String error = note.map(Flash.Note::refusal).map(e -> PageErrors.text(msg, e)).orElse(null);
        return PageSupport.page(Templates.login(msg, csrf, error, city, note.map(n -> n.value("username")).orElse(null),
                        PageSupport.localTarget(next, "/console")), error == null ? 200 : note.get().status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/console/login"));
    }

    @POST
    @Path("/login")
    public Response login(@FormParam("city") String city, @FormParam("username") String username,
                          @FormParam("password") String password, @FormParam("next") String next,
                          @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                          @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        String target = PageSupport.localTarget(next, "/console");
        try {
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                throw new ProblemException(400, "missing-credentials", "Invalid request", "Enter your username and password",
                        null, null);
            }
            AuthService.SignIn signIn = auth.login(city == null ? null : city.trim(), username.trim(), password,
                    http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
            Principal who = signIn.principal();
            if (who.tenant() != null && PORTAL_ROLES.containsAll(who.roles())) {
                // Residents and volunteers work in their city's portal; a console session would show them nothing.
                auth.logout(who);
                return Response.seeOther(URI.create("/c/" + who.tenant().code() + "/login?from=console")).build();
            }
            String to = signIn.mustChangePassword() ? "/console/password" : target == null ? "/console" : target;
            return Response.seeOther(URI.create(to))
                    .cookie(PageSessions.sessionCookies(signIn, COOKIE_PATH).toArray(NewCookie[]::new)).build();
        } catch (ProblemException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("username", username);
            return Flash.refused(loginUrl(city, target), e, values);
        }
    }

    private static String loginUrl(String city, String next) {
        StringBuilder url = new StringBuilder("/console/login");
        String sep = "?";
        if (city != null && !city.isBlank()) {
            url.append(sep).append("city=").append(URLEncoder.encode(city.trim(), StandardCharsets.UTF_8));
            sep = "&";
        }
        if (next != null) {
            url.append(sep).append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    @POST
    @Path("/logout")
    public Response logout(@FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        current.get().ifPresent(auth::logout);
        return Response.seeOther(URI.create("/console/login"))
                .cookie(PageSessions.clearedCookies(COOKIE_PATH).toArray(NewCookie[]::new)).build();
    }

    @GET
    @Path("/password")
    public Response passwordForm(@QueryParam("lang") String lang, @QueryParam("required") String required,
                                 @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                                 @Context HttpHeaders headers) {
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Principal user = current.require();
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers,
                user.tenant() == null ? null : user.tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        PasswordForm form = PasswordPages.form(msg, Flash.read(flash), auth.mustChangePassword(user));
        return PageSupport.page(Templates.password(msg, user, csrf, form), form.error() == null ? 200 : 400,
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/console/password"));
    }

    @POST
    @Path("/password")
    public Response changePassword(@FormParam("currentPassword") String currentPassword,
                                   @FormParam("newPassword") String newPassword,
                                   @FormParam("confirmPassword") String confirmPassword,
                                   @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                                   @Context HttpServerRequest http) {
        Csrf.verify(csrfField, csrfCookie);
        if (current.get().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Principal user = current.require();
        try {
            AuthService.SignIn again = PasswordPages.change(auth, user, currentPassword, newPassword, confirmPassword,
                    http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
            return withSession(Flash.done("/console", "password.changed"), again);
        } catch (ProblemException e) {
            return Flash.refused("/console/password", e, Map.of());
        }
    }

    private static Response withSession(Response redirect, AuthService.SignIn signIn) {
        Response.ResponseBuilder b = Response.fromResponse(redirect);
        PageSessions.sessionCookies(signIn, COOKIE_PATH).forEach(b::cookie);
        return b.build();
    }
}
