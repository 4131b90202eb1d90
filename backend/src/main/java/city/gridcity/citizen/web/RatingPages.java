package city.gridcity.citizen.web;

import city.gridcity.cases.CaseRatings;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.Satisfaction;
import city.gridcity.cases.web.Actors;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The portal's rating page of a resident's closed case (满意度评价, {@code /c/{city}/cases/{number}/rating}):
 * "is it solved?", the satisfaction, an optional comment and photo; afterwards the rating and where a
 * reopen request stands, with the acceptor's reason when it was declined. Errors show next to their field.
 */
@Path("/c/{city}/cases/{number}/rating")
@Produces(MediaType.TEXT_HTML)
public class RatingPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @CheckedTemplate(basePath = "portal/rating")
    static class Templates {
        static native TemplateInstance form(Messages.Msg msg, TenantRef city, RatingPage page);
    }

    /** One choice of a radio group: value, label, chosen. */
    public record Choice(String value, String label, boolean checked) {
    }

    /** The message shown next to each field, or null. */
    public record FieldErrors(String solved, String rating, String comment, String photo) {
    }

    /** What the page shows. Times are in the city's zone. */
    public record RatingPage(String number, String className, String address, String state, String closedAt,
                             String rateUntil, boolean canRate, boolean closed, List<Choice> solved,
                             List<Choice> ratings, String comment, FieldErrors errors, String error, String csrf,
                             String ratedSolved, String ratedWord, String ratedComment, String ratedAt,
                             String reopenStatus, String reopenReason, boolean saved) {
    }

    private final TenantDirectory tenants;
    private final CurrentPrincipal current;
    private final Actors actors;
    private final CaseRatings ratings;
    private final Messages messages;

    RatingPages(TenantDirectory tenants, CurrentPrincipal current, Actors actors, CaseRatings ratings, Messages messages) {
        this.tenants = tenants;
        this.current = current;
        this.actors = actors;
        this.ratings = ratings;
        this.messages = messages;
    }

    @GET
    public Response form(@PathParam("city") String code, @PathParam("number") String number,
                         @QueryParam("saved") String saved, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        TenantRef city = city(code);
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        Optional<Response> away = signIn(city);
        if (away.isPresent()) {
            return away.get();
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        CaseRatings.MyRating mine = ratings.mine(number, actors.current());
        // A refused rating comes back here (post-redirect-get) with its problems and the answers given.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        RatingPage shown = refusal == null ? page(msg, city, mine, null, null, null, null, csrf, saved != null)
                : page(msg, city, mine, note.get().value("solved"), note.get().value("rating"), note.get().value("comment"),
                refusal, csrf, false);
        return PageSupport.page(Templates.form(msg, city, shown), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang),
                Flash.clear(flash, "/c/" + city.code() + "/cases/" + number + "/rating"));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response rate(@PathParam("city") String code, @PathParam("number") String number,
                         @RestForm("solved") String solved, @RestForm("rating") String rating,
                         @RestForm("comment") String comment, @RestForm("photo") FileUpload photo,
                         @RestForm(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        TenantRef city = city(code);
        Optional<Response> away = signIn(city);
        if (away.isPresent()) {
            return away.get();
        }
        try {
            ratings.rate(number, new CaseRatings.RatingForm(solved, rating, comment, bytes(photo),
                    photo == null ? null : photo.fileName()), actors.current());
            return Response.seeOther(URI.create("/c/" + city.code() + "/cases/" + number + "/rating?saved=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 404 || e.status() == 401) {
                throw e;
            }
            Map<String, String> typed = new HashMap<>();
            typed.put("solved", solved);
            typed.put("rating", rating);
            typed.put("comment", comment);
            typed.values().removeIf(java.util.Objects::isNull);
            return Flash.refused("/c/" + city.code() + "/cases/" + number + "/rating", e, typed);
        }
    }

    private RatingPage page(Messages.Msg msg, TenantRef city, CaseRatings.MyRating m, String solved, String rating,
                            String comment, ProblemException refusal, String csrf, boolean saved) {
        ZoneId zone = ZoneId.of(city.timeZone());
        Map<String, String> byField = new HashMap<>();
        String error = null;
        if (refusal != null) {
            for (Problem.FieldError fe : refusal.errors()) {
                String key = "rating.error." + fe.field();
                String text = msg.t(key);
                byField.putIfAbsent(fe.field(), text.equals(key) ? fe.message() : text);
            }
            if (byField.isEmpty()) {
                error = PageErrors.text(msg, refusal);
            }
        }
        List<Choice> solvedChoices = List.of(new Choice("true", msg.t("rating.solved.yes"), "true".equals(solved)),
                new Choice("false", msg.t("rating.solved.no"), "false".equals(solved)));
        List<Choice> words = Arrays.stream(Satisfaction.values())
                .map(s -> new Choice(s.wireName(), msg.t("rating.word." + s.wireName()), s.wireName().equals(rating)))
                .toList();
        CaseRatings.RatingView r = m.rating();
        CaseRatings.ReopenView o = m.reopen();
        return new RatingPage(m.number(), m.className(), m.address(), msg.t("rating.state." + (m.state() == CaseState.CLOSED
                || m.state() == CaseState.REOPEN_PENDING ? m.state().name() : "OTHER")),
                time(m.closedAt(), zone), time(m.rateUntil(), zone), m.canRate(),
                m.state() == CaseState.CLOSED || m.state() == CaseState.REOPEN_PENDING, solvedChoices, words,
                comment, new FieldErrors(byField.get("solved"), byField.get("rating"), byField.get("comment"),
                byField.get("photo")), error, csrf,
                r == null ? null : msg.t(r.solved() ? "rating.solved.yes" : "rating.solved.no"),
                r == null ? null : msg.t("rating.word." + r.satisfaction().wireName()), r == null ? null : r.comment(),
                r == null ? null : time(r.ratedAt(), zone), o == null ? null : msg.t("rating.reopen." + o.status()),
                o == null ? null : o.reason(), saved);
    }

    /** A signed-in resident of this city stays; anyone else is sent to sign in. */
    private Optional<Response> signIn(TenantRef city) {
        Optional<Principal> p = current.get();
        if (p.isEmpty() || !p.get().roles().contains(Role.RESIDENT)) {
            return Optional.of(Response.seeOther(URI.create("/c/" + city.code() + "/login")).build());
        }
        return Optional.empty();
    }

    private TenantRef city(String code) {
        return tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? null : TIME.format(at.atZone(zone));
    }

    private static byte[] bytes(FileUpload photo) {
        if (photo == null || photo.size() == 0) {
            return null;
        }
        try {
            return Files.readAllBytes(photo.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
