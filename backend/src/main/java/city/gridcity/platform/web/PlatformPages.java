package city.gridcity.platform.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.CityFigures;
import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import city.gridcity.tenancy.TenantService;
import city.gridcity.tenancy.TenantStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.inject.Instance;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The platform operator's cities page (平台运营 · 城市): every hosted city with its status, size and activity;
 * create a city (blank, from a shipped pack or from an uploaded one), suspend and resume it, and restore its
 * administrator. The provisioning's one-time passwords are shown on the answer itself, never in a cookie, and
 * that answer is not stored by the browser; every other form posts, redirects and gets.
 */
@Path("/console/platform")
@Produces(MediaType.TEXT_HTML)
public class PlatformPages {

    static final String PAGE = "/console/platform";
    private static final List<String> KEPT = List.of("code", "nameZh", "nameEn", "timeZone", "username", "reason", "city");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance platform(Messages.Msg msg, View view);
    }

    public record View(String csrf, List<City> cities, List<String> packs, Map<String, String> typed,
                       Map<String, String> errors, String form, String done, String error, Answer answer) {
        public String v(String field) {
            return typed.getOrDefault(field, "");
        }

        /** The field's problem, only on the form that was sent. */
        public String error(String formName, String field) {
            return formName.equals(form) ? errors.get(field) : null;
        }
    }

    public record City(String code, String name, String otherName, String timeZone, String status, String statusLabel,
                       String reason, List<Shown> figures, List<Action> actions) {
    }

    /** One of the operator's recent actions on a city, from the city's change log. */
    public record Action(String at, String by, String what, String value) {
    }

    public record Shown(String label, String value) {
    }

    /** What a provisioning answered: the city and each administrator's one-time password. */
    public record Answer(String city, String name, List<TenantProvisioning.Credential> credentials) {
    }

    private final CurrentPrincipal current;
    private final TenantDirectory directory;
    private final TenantService tenants;
    private final TenantProvisioning provisioning;
    private final PackLibrary packs;
    private final TenantRunner runner;
    private final UserService users;
    private final Instance<CityFigures> figures;
    private final Messages messages;
    private final city.gridcity.platform.PlatformActions actions;

    PlatformPages(CurrentPrincipal current, TenantDirectory directory, TenantService tenants,
                  TenantProvisioning provisioning, PackLibrary packs, TenantRunner runner, UserService users,
                  Instance<CityFigures> figures, Messages messages, city.gridcity.platform.PlatformActions actions) {
        this.actions = actions;
        this.current = current;
        this.directory = directory;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.packs = packs;
        this.runner = runner;
        this.users = users;
        this.figures = figures;
        this.messages = messages;
    }

    static final int RECENT_ACTIONS = 5;
    private static final java.time.format.DateTimeFormatter ACTION_MOMENT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, null));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Map<String, String> typed = note.map(Flash.Note::values).orElse(Map.of());
        View view = view(msg, csrf, typed, refusal, note.map(Flash.Note::done).map(msg::t).orElse(null), null);
        return PageSupport.page(Templates.platform(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/cities")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Map<String, String> typed = kept(form, "create");
        try {
            TenantPack pack = new TenantPack(trim(typed.get("code")), trim(typed.get("nameZh")), trim(typed.get("nameEn")),
                    blankAsNull(typed.get("timeZone")), null, List.of(new TenantPack.Administrator(
                    trim(typed.get("username")), null, null)), List.of(), null, null);
            return answered(headers, csrfCookie, provisioning.provision(pack));
        } catch (ProblemException e) {
            return Flash.refused(PAGE, renamed(e), typed);
        }
    }

    @POST
    @Path("/packs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fromPack(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie,
                             @Context HttpHeaders headers) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String pack = form.getFirst("pack");
        try {
            if (pack == null || !packs.names().contains(pack)) {
                throw ProblemException.invalid("pack", "choose one of the packs shipped under tenants/");
            }
            return answered(headers, csrfCookie, provisioning.provision(packs.read(pack, false)));
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of("form", "pack"));
        }
    }

    @POST
    @Path("/uploads")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            if (file == null || file.size() == 0) {
                throw ProblemException.invalid("file", "choose a pack: a zip file holding tenant.yaml");
            }
            if (file.size() > PlatformTenantResource.MAX_UPLOAD_BYTES) {
                throw ProblemException.invalid("file", "is larger than " + PlatformTenantResource.MAX_UPLOAD_BYTES / 1024 / 1024 + " MiB");
            }
            byte[] zip;
            try {
                zip = Files.readAllBytes(file.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return answered(headers, csrfCookie, provisioning.provision(packs.readUpload(zip)));
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of("form", "upload"));
        }
    }

    @POST
    @Path("/cities/{code}/suspension")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response suspend(@PathParam("code") String code, MultivaluedMap<String, String> form,
                            @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Map<String, String> typed = kept(form, "suspend");
        typed.put("city", code);
        try {
            String reason = trim(typed.get("reason"));
            if (reason == null || reason.isEmpty()) {
                throw ProblemException.invalid("reason", "say why the city is suspended: its users and portal will read it");
            }
            if (reason.length() > 500) {
                throw ProblemException.invalid("reason", "must have at most 500 characters");
            }
            actions.suspend(code, reason);
            return Flash.done(PAGE, "platform.done.suspended");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, typed);
        }
    }

    @POST
    @Path("/cities/{code}/resumption")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("code") String code, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            actions.resume(code);
            return Flash.done(PAGE, "platform.done.resumed");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of("form", "resume", "city", code));
        }
    }

    @POST
    @Path("/cities/{code}/administrators")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restoreAdministrator(@PathParam("code") String code, MultivaluedMap<String, String> form,
                                         @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (operator().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Map<String, String> typed = kept(form, "administrator");
        typed.put("city", code);
        try {
            String username = trim(typed.get("username"));
            if (username == null || username.isEmpty()) {
                throw ProblemException.invalid("username", "give the administrator's username (an existing one is reset)");
            }
            TenantProvisioning.Credential credential = provisioning.grantAdministrator(code, username, null);
            TenantRef city = directory.all().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
            return answer(headers, csrfCookie, new Answer(city.code(), city.nameZh(), List.of(credential)));
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, typed);
        }
    }

    private Response answered(HttpHeaders headers, String csrfCookie, TenantProvisioning.Provisioned p) {
        return answer(headers, csrfCookie, new Answer(p.tenant().code(), p.tenant().nameZh(), p.administrators()));
    }

    /** The one-time passwords on the answer itself, which the browser is told not to keep. */
    private Response answer(HttpHeaders headers, String csrfCookie, Answer answer) {
        Messages.Msg msg = messages.bundle("console", Language.choose(null, headers, null));
        View view = view(msg, Csrf.tokenOrNew(csrfCookie), Map.of(), null, null, answer);
        return Response.fromResponse(PageSupport.page(Templates.platform(msg, view), 201))
                .header("Cache-Control", "no-store").build();
    }

    private View view(Messages.Msg msg, String csrf, Map<String, String> typed, ProblemException refusal, String done,
                      Answer answer) {
        Instant now = Instant.now();
        List<City> cities = new ArrayList<>();
        for (TenantRef t : directory.all()) {
            List<Shown> shown = new ArrayList<>();
            List<Action> recent = new ArrayList<>();
            if (t.status() != TenantStatus.PROVISIONING) {
                java.time.ZoneId zone = java.time.ZoneId.of(t.timeZone());
                // Each city's figures under its own row-level security: the operator belongs to no city.
                runner.run(t, () -> {
                    actions.recent(RECENT_ACTIONS).forEach(e -> recent.add(new Action(
                            ACTION_MOMENT.format(e.at().atZone(zone)), e.by(), msg.t("audit.field." + e.field()),
                            e.newValue() == null ? "" : e.newValue())));
                    long[] accounts = users.activeAccountsAndAdministrators();
                    shown.add(new Shown(msg.t("platform.figure.accounts"), String.valueOf(accounts[0])));
                    shown.add(new Shown(msg.t("platform.figure.administrators"), String.valueOf(accounts[1])));
                    for (CityFigures f : figures) {
                        f.figures(now).forEach(x -> shown.add(new Shown(msg.t("platform.figure." + x.key()), x.value())));
                    }
                });
            }
            cities.add(new City(t.code(), msg.english() ? t.nameEn() : t.nameZh(), msg.english() ? t.nameZh() : t.nameEn(),
                    t.timeZone(), t.status().name().toLowerCase(), msg.t("platform.status." + t.status().name()),
                    t.statusReason(), shown, recent));
        }
        return new View(csrf, cities, packs.names(), typed, refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "platform"),
                typed.getOrDefault("form", ""), done,
                refusal == null ? null : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("platform.problems"),
                answer);
    }

    /** The signed-in platform operator; a city's user is refused. */
    private Optional<Principal> operator() {
        Optional<Principal> p = current.get();
        if (p.isPresent() && (!p.get().operator() || !p.get().roles().contains(Role.PLATFORM_ADMIN))) {
            throw ProblemException.forbidden("role-not-allowed", "The cities page is the platform operator's.");
        }
        return p;
    }

    /** The provisioning names the first administrator as {@code administrators[0].username}; the form has one field. */
    private static ProblemException renamed(ProblemException e) {
        var errors = e.errors().stream().map(err -> new city.gridcity.shared.problem.Problem.FieldError(
                err.field().replaceFirst("^administrators\\[0]\\.", ""), err.message())).toList();
        return new ProblemException(e.status(), e.code(), e.title(), e.getMessage(), errors, e.headers());
    }

    private static Map<String, String> kept(MultivaluedMap<String, String> form, String formName) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("form", formName);
        for (String field : KEPT) {
            String v = form.getFirst(field);
            if (v != null) {
                typed.put(field, v);
            }
        }
        return typed;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
