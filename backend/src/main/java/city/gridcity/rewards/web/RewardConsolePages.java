package city.gridcity.rewards.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.points.web.PointsPages;
import city.gridcity.rewards.Redemptions;
import city.gridcity.rewards.RewardCatalog;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's rewards pages: the administrator's list with stock and a form for a new reward, and the pickup
 * counter where staff look up a pickup code and confirm it (核销).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class RewardConsolePages {

    @CheckedTemplate(basePath = "console/rewards")
    static class Templates {
        static native TemplateInstance rewards(Messages.Msg msg, List<RewardCatalog.RewardInfo> rewards, String csrf,
                                               String error, Long errorFor);

        static native TemplateInstance pickup(Messages.Msg msg, String csrf, String code, Found found, String error,
                                              boolean confirmed);
    }

    /** A redemption found by its code, for the counter. */
    public record Found(String code, String reward, int price, String status, String statusText, String heldAt,
                        String expiresAt, boolean held) {
    }

    private final CurrentPrincipal current;
    private final RewardCatalog catalog;
    private final Redemptions redemptions;
    private final Messages messages;

    RewardConsolePages(CurrentPrincipal current, RewardCatalog catalog, Redemptions redemptions, Messages messages) {
        this.current = current;
        this.catalog = catalog;
        this.redemptions = redemptions;
        this.messages = messages;
    }

    @GET
    @Path("/rewards")
    public Response rewards(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                            @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = staff(Role.CITY_ADMIN);
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Messages.Msg msg = msg(lang, headers, user.get());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused change came back here by redirect: its problem shows once, next to the reward it was about.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException e = note.map(Flash.Note::refusal).orElse(null);
        Long rewardId = note.map(n -> n.value("rewardId")).map(Long::valueOf).orElse(null);
        return PageSupport.page(Templates.rewards(msg, catalog.list(true), csrf, e == null ? null : PageErrors.text(msg, e),
                rewardId), e == null ? 200 : e.status(), Csrf.cookie(csrf), Language.remember(lang),
                Flash.clear(flash, "/console/rewards"));
    }

    @POST
    @Path("/rewards")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("code") String code, @FormParam("nameZh") String nameZh, @FormParam("nameEn") String nameEn,
                           @FormParam("price") String price, @FormParam("stock") String stock,
                           @FormParam("perResidentLimit") String limit, @FormParam("minLevel") String minLevel,
                           @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        return change(csrfField, csrfCookie, headers, null, by -> catalog.create(new RewardCatalog.Spec(blank(code),
                blank(nameZh), blank(nameEn), null, null, number("price", price), number("stock", stock),
                number("perResidentLimit", limit), number("minLevel", minLevel), null, null, null), by));
    }

    @POST
    @Path("/rewards/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @FormParam("price") String price, @FormParam("stock") String stock,
                           @FormParam("active") String active, @FormParam(Csrf.FIELD) String csrfField,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return change(csrfField, csrfCookie, headers, id, by -> catalog.update(id, new RewardCatalog.Spec(null, null, null,
                null, null, number("price", price), number("stock", stock), null, null, null, null,
                active == null ? null : "true".equals(active)), false, false, false, by));
    }

    @POST
    @Path("/rewards/{id}/picture")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response picture(@PathParam("id") long id, @RestForm("file") FileUpload file, @RestForm(Csrf.FIELD) String csrfField,
                            @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        return change(csrfField, csrfCookie, headers, id, by -> {
            if (file == null) {
                throw ProblemException.invalid("file", "choose a picture");
            }
            try {
                return catalog.setPicture(id, Files.readAllBytes(file.uploadedFile()), file.fileName(), by);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * An administrator's change from the rewards page: back to the list when it is made, the list with the
     * refusal next to the reward (or above the form) when not.
     */
    private Response change(String csrfField, String csrfCookie, HttpHeaders headers, Long rewardId,
                            java.util.function.Function<String, RewardCatalog.RewardInfo> work) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = staff(Role.CITY_ADMIN);
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            work.apply(user.get().username());
            return Response.seeOther(URI.create("/console/rewards")).build();
        } catch (ProblemException e) {
            java.util.Map<String, String> about = new java.util.HashMap<>();
            about.put("rewardId", rewardId == null ? null : rewardId.toString());
            return Flash.refused("/console/rewards", e, about);
        }
    }

    @GET
    @Path("/rewards/{id}/picture")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    public Response pictureOf(@PathParam("id") long id) {
        if (staff(Role.CITY_ADMIN).isEmpty()) {
            throw ProblemException.unauthorized("unauthenticated", "Sign in to the console first.");
        }
        RewardCatalog.Picture p = catalog.picture(id);
        return Response.ok(p.bytes(), p.mediaType()).header("Cache-Control", "private, max-age=300").build();
    }

    @GET
    @Path("/pickup")
    public Response pickup(@QueryParam("code") String code, @QueryParam("lang") String lang,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                           @Context HttpHeaders headers) {
        Optional<Principal> user = staff(Role.CITY_ADMIN, Role.VOLUNTEER);
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Messages.Msg msg = msg(lang, headers, user.get());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Found found = null;
        String error = null;
        if (code != null && !code.isBlank()) {
            found = redemptions.byCode(code).map(r -> found(msg, user.get(), r)).orElse(null);
            error = found == null ? msg.t("pickup.unknown") : null;
        }
        // The confirmation's answer came here by redirect: what it did, or why it was refused, shows once.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        boolean done = note.map(Flash.Note::done).isPresent();
        if (refusal != null) {
            error = PageErrors.text(msg, refusal);
        }
        int status = refusal != null ? refusal.status() : found == null && error != null ? 404 : 200;
        return PageSupport.page(Templates.pickup(msg, csrf, code, found, error, done), status,
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/console/pickup"));
    }

    @POST
    @Path("/pickup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("code") String code, @FormParam(Csrf.FIELD) String csrfField,
                            @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = staff(Role.CITY_ADMIN, Role.VOLUNTEER);
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String back = "/console/pickup?code=" + java.net.URLEncoder.encode(code == null ? "" : code,
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            Redemptions.RedemptionInfo r = redemptions.fulfil(code, user.get().id());
            return Flash.done("/console/pickup?code=" + java.net.URLEncoder.encode(r.code(),
                    java.nio.charset.StandardCharsets.UTF_8), "pickup.done");
        } catch (ProblemException e) {
            return Flash.refused(back, e, java.util.Map.of());
        }
    }

    private Found found(Messages.Msg msg, Principal user, Redemptions.RedemptionInfo r) {
        ZoneId zone = ZoneId.of(user.tenant().timeZone());
        return new Found(r.code(), msg.english() ? r.rewardNameEn() : r.rewardNameZh(), r.price(), r.status().name(),
                msg.t("pickup.status." + r.status().name()), PointsPages.time(r.heldAt(), zone),
                PointsPages.time(r.expiresAt(), zone), r.status() == Redemptions.Status.HELD);
    }

    /** The signed-in city user if they hold one of the roles; a wrong role is refused, a visitor sent to sign in. */
    private Optional<Principal> staff(Role... roles) {
        Optional<Principal> user = current.get();
        if (user.isEmpty()) {
            return user;
        }
        if (user.get().tenant() == null || java.util.Arrays.stream(roles).noneMatch(user.get().roles()::contains)) {
            throw ProblemException.forbidden("role-not-allowed", "This page is for "
                    + java.util.Arrays.stream(roles).map(Role::wireName).toList() + ".");
        }
        return user;
    }

    private Messages.Msg msg(String lang, HttpHeaders headers, Principal user) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer number(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }
}
