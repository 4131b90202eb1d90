package city.gridcity.identity.web;

import city.gridcity.identity.ActiveDepartments;
import city.gridcity.identity.AppUser;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.identity.UserStatus;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The city administrator's users and roles pages (用户与角色): the city's accounts found by name or role, a form
 * to create one, and per account its name, phone, roles, department (for a handler), status and a new password.
 * Each form is checked by {@link UserService} as the API is, every problem shown next to its field in the
 * reader's language, and answered with a redirect (post, redirect, get). Passwords are never put back into a
 * form or a cookie.
 */
@Path("/console/admin/users")
@Produces(MediaType.TEXT_HTML)
public class UserPages {

    static final String PAGE = "/console/admin/users";
    private static final int PAGE_SIZE = 25;
    /** Fields a refused form brings back as typed (never the password). */
    private static final List<String> KEPT = List.of("username", "displayName", "phone", "departmentCode", "roles", "status");

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance users(Messages.Msg msg, ListView view);

        static native TemplateInstance user(Messages.Msg msg, EditView view);
    }

    public record ListView(String csrf, String q, String role, List<Choice> roleChoices, List<Line> users, long total,
                           int page, int pages, String previous, String next, Form form, List<Choice> departments,
                           String done, String error) {
    }

    public record EditView(String csrf, long id, String username, long version, Form form, List<Choice> roleChoices,
                           List<Choice> departments, Map<String, String> passwordErrors, String done, String error) {
    }

    /** An account in the list: names, not codes. */
    public record Line(long id, String username, String displayName, String phone, String roles, String department,
                       boolean active) {
    }

    public record Choice(String value, String label) {
    }

    /** A form's values as shown (typed, or the account's), with each field's problem. */
    public record Form(String username, String displayName, String phone, Set<String> roles, String departmentCode,
                       String status, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }

        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    private final CurrentPrincipal current;
    private final UserService users;
    private final ActiveDepartments departments;
    private final Messages messages;

    UserPages(CurrentPrincipal current, UserService users, ActiveDepartments departments, Messages messages) {
        this.current = current;
        this.users = users;
        this.departments = departments;
        this.messages = messages;
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("role") String role, @QueryParam("page") String page,
                         @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = msg(user.get(), lang, headers);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Form form = refusal == null ? new Form("", "", "", Set.of(), "", "ACTIVE", Map.of())
                : typed(note.get(), errors(msg, refusal));
        String error = refusal == null ? null : topError(msg, refusal);
        Role filter = role == null || role.isBlank() ? null : Role.fromWireName(role).orElse(null);
        int at = parsePage(page);
        UserService.UserPage found = users.list(filter, q == null ? null : q.trim(), at, PAGE_SIZE);
        if (found.items().isEmpty() && at > 0 && found.total() > 0) {
            // A page past the end (an old link, or accounts removed meanwhile): the last page instead.
            at = (int) ((found.total() - 1) / PAGE_SIZE);
            found = users.list(filter, q == null ? null : q.trim(), at, PAGE_SIZE);
        }
        Map<String, String> departmentNames = departmentNames();
        List<Line> lines = found.items().stream().map(u -> new Line(u.id, u.username, u.displayName, u.phone,
                roleLabels(msg, u), u.departmentCode == null ? "" : departmentNames.getOrDefault(u.departmentCode,
                        u.departmentCode), u.status == UserStatus.ACTIVE)).toList();
        int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String base = PAGE + "?q=" + enc(q) + "&role=" + enc(role) + "&page=";
        ListView view = new ListView(csrf, q == null ? "" : q, filter == null ? "" : filter.wireName(), roleChoices(msg),
                lines, found.total(), at + 1, pages, at > 0 ? base + (at - 1) : null, at + 1 < pages ? base + (at + 1) : null,
                form, departmentChoices(), note.map(Flash.Note::done).map(msg::t).orElse(null), error);
        return PageSupport.page(Templates.users(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (admin().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            AppUser made = users.create(new UserService.NewUser(form.getFirst("username"), form.getFirst("phone"),
                    form.getFirst("displayName"), nullToEmpty(form.getFirst("password")), roles(form),
                    form.getFirst("departmentCode")));
            return Flash.done(PAGE + "/" + made.id, "users.done.created");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, kept(form));
        }
    }

    @GET
    @Path("/{id}")
    public Response edit(@PathParam("id") long id, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE + "/" + id)).build();
        }
        AppUser account = users.find(id).orElseThrow(() -> ProblemException.notFound("User " + id));
        Messages.Msg msg = msg(user.get(), lang, headers);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        boolean passwordRefused = note.map(n -> "password".equals(n.value("form"))).orElse(false);
        Map<String, String> passwordErrors = Map.of();
        Form form = new Form(account.username, account.displayName, account.phone == null ? "" : account.phone,
                Arrays.stream(account.roles).collect(Collectors.toSet()),
                account.departmentCode == null ? "" : account.departmentCode, account.status.name(), Map.of());
        if (refusal != null && passwordRefused) {
            passwordErrors = errors(msg, refusal);
        } else if (refusal != null) {
            form = typed(note.get(), errors(msg, refusal));
        }
        EditView view = new EditView(csrf, account.id, account.username, account.version, form, roleChoices(msg),
                departmentChoices(), passwordErrors, note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : topError(msg, refusal));
        return PageSupport.page(Templates.user(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE + "/" + id));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (admin().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String here = PAGE + "/" + id;
        try {
            UserStatus status = "DISABLED".equals(form.getFirst("status")) ? UserStatus.DISABLED : UserStatus.ACTIVE;
            Long version = parseVersion(form.getFirst("version"));
            users.update(id, new UserService.UserChange(nullToEmpty(form.getFirst("displayName")),
                    nullToEmpty(form.getFirst("phone")), roles(form), nullToEmpty(form.getFirst("departmentCode")), status),
                    version);
            return Flash.done(here, "users.done.saved");
        } catch (ProblemException e) {
            return e.status() == 404 ? Flash.refused(PAGE, e, Map.of()) : Flash.refused(here, e, kept(form));
        }
    }

    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@PathParam("id") long id, MultivaluedMap<String, String> form,
                             @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (admin().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String here = PAGE + "/" + id;
        try {
            users.resetPassword(id, nullToEmpty(form.getFirst("newPassword")));
            return Flash.done(here, "users.done.password");
        } catch (ProblemException e) {
            return e.status() == 404 ? Flash.refused(PAGE, e, Map.of()) : Flash.refused(here, e, Map.of("form", "password"));
        }
    }

    private static Set<Role> roles(MultivaluedMap<String, String> form) {
        List<String> named = form.get("roles");
        if (named == null) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : named) {
            // A name no role has cannot come from the page's boxes; it is left out, and "no role" is then named.
            Role.fromWireName(name).ifPresent(roles::add);
        }
        return roles;
    }

    private static Map<String, String> kept(MultivaluedMap<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : KEPT) {
            List<String> values = form.get(field);
            if (values != null && !values.isEmpty()) {
                typed.put(field, String.join(",", values));
            }
        }
        return typed;
    }

    private static Form typed(Flash.Note note, Map<String, String> errors) {
        String roles = note.value("roles");
        return new Form(nullToEmpty(note.value("username")), nullToEmpty(note.value("displayName")),
                nullToEmpty(note.value("phone")), roles == null || roles.isBlank() ? Set.of() : Set.of(roles.split(",")),
                nullToEmpty(note.value("departmentCode")), note.value("status") == null ? "ACTIVE" : note.value("status"),
                errors);
    }

    private static Map<String, String> errors(Messages.Msg msg, ProblemException e) {
        return PageErrors.byField(msg, e, "users");
    }

    private static String topError(Messages.Msg msg, ProblemException e) {
        return e.errors().isEmpty() ? PageErrors.text(msg, e) : msg.t("users.problems");
    }

    private List<Choice> roleChoices(Messages.Msg msg) {
        return Arrays.stream(Role.values()).filter(r -> r != Role.PLATFORM_ADMIN)
                .map(r -> new Choice(r.wireName(), msg.t("role." + r.wireName()))).toList();
    }

    private List<Choice> departmentChoices() {
        return departments.names(true).entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList();
    }

    private Map<String, String> departmentNames() {
        return departments.names(false);
    }

    private static String roleLabels(Messages.Msg msg, AppUser u) {
        return Arrays.stream(u.roles).sorted().map(r -> msg.t("role." + r)).collect(Collectors.joining("、"));
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 0 : Math.max(0, Math.min(Integer.parseInt(page.trim()), 100_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long parseVersion(String version) {
        try {
            return version == null || version.isBlank() ? null : Long.valueOf(version.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private Messages.Msg msg(Principal user, String lang, HttpHeaders headers) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    private Optional<Principal> admin() {
        return current.cityAdministrator("Users and roles");
    }
}
