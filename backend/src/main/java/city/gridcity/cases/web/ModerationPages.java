package city.gridcity.cases.web;

import city.gridcity.cases.PhotoModeration;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.shared.web.Paging;
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
import java.net.URI;
import java.util.Optional;

/**
 * 照片审核 in the console: residents' photos waiting for a decision, each with approve and refuse (with a
 * reason the resident reads). For acceptors and city administrators; a refusal's problem is shown next to
 * that photo's reason field.
 */
@Path("/console/moderation")
@Produces(MediaType.TEXT_HTML)
public class ModerationPages {

    static final int PAGE_SIZE = 24;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance moderation(Messages.Msg msg, PageFormat fmt, PhotoModeration.Queue queue,
                                                  String csrf, Long errorPhoto, String error, String reason,
                                                  boolean more);
    }

    private final Viewers viewers;
    private final PhotoModeration moderation;

    ModerationPages(Viewers viewers, PhotoModeration moderation) {
        this.viewers = viewers;
        this.moderation = moderation;
    }

    @GET
    public Response queue(@QueryParam("page") String page, @QueryParam("lang") String lang,
                          @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                          @Context HttpHeaders headers) {
        Optional<Viewers.Viewer> v = moderator(lang, headers);
        if (v.isEmpty()) {
            return PageParams.toSignIn();
        }
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException e = note.map(Flash.Note::refusal).orElse(null);
        Long photo = note.map(n -> n.value("photoId")).map(Long::valueOf).orElse(null);
        // The workflow's generic reason text speaks of filing and dispatch; a refusal of a photo has its own.
        String text = e == null ? null : e.status() == 400 ? v.get().msg().t("moderation.reasonMissing")
                : PageErrors.text(v.get().msg(), e);
        return render(v.get(), Paging.of(page, null, PAGE_SIZE, PAGE_SIZE), csrf, photo, text,
                note.map(n -> n.value("reason")).orElse(null), e == null ? 200 : e.status(), Language.remember(lang),
                Flash.clear(flash, "/console/moderation"));
    }

    @POST
    @Path("/{photoId}/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("photoId") long photoId, @FormParam(Csrf.FIELD) String csrfField,
                            @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewers.Viewer> v = moderator(null, headers);
        if (v.isEmpty()) {
            return PageParams.toSignIn();
        }
        try {
            moderation.approve(photoId, v.get().actor());
            return Response.seeOther(URI.create("/console/moderation")).build();
        } catch (ProblemException e) {
            return refused(v.get(), csrfCookie, photoId, e, null);
        }
    }

    @POST
    @Path("/{photoId}/refusal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refuse(@PathParam("photoId") long photoId, @FormParam("reason") String reason,
                           @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Viewers.Viewer> v = moderator(null, headers);
        if (v.isEmpty()) {
            return PageParams.toSignIn();
        }
        try {
            moderation.refuse(photoId, reason, v.get().actor());
            return Response.seeOther(URI.create("/console/moderation")).build();
        } catch (ProblemException e) {
            return refused(v.get(), csrfCookie, photoId, e, reason);
        }
    }

    private Response refused(Viewers.Viewer v, String csrf, long photoId, ProblemException e, String reason) {
        if (e.status() == 404 || e.status() == 401 || e.status() == 403) {
            throw e;
        }
        java.util.Map<String, String> typed = new java.util.HashMap<>();
        typed.put("photoId", String.valueOf(photoId));
        typed.put("reason", reason);
        return Flash.refused("/console/moderation", e, typed);
    }

    private Response render(Viewers.Viewer v, Paging p, String csrf, Long errorPhoto, String error, String reason,
                            int status, jakarta.ws.rs.core.NewCookie... cookies) {
        PhotoModeration.Queue q = moderation.pending(p.page(), p.size());
        boolean more = (long) (p.page() + 1) * p.size() < q.total();
        jakarta.ws.rs.core.NewCookie[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(Csrf.cookie(csrf)),
                java.util.Arrays.stream(cookies)).toArray(jakarta.ws.rs.core.NewCookie[]::new);
        return PageSupport.page(Templates.moderation(v.msg(), v.fmt(), q, csrf, errorPhoto, error, reason, more), status, all);
    }

    /** The signed-in moderator; others are refused (403), visitors sent to sign in. */
    private Optional<Viewers.Viewer> moderator(String lang, HttpHeaders headers) {
        Optional<Viewers.Viewer> v = viewers.viewer(lang, headers);
        if (v.isPresent() && v.get().actor().roles().stream().noneMatch(r -> r == Role.ACCEPTOR || r == Role.CITY_ADMIN)) {
            throw ProblemException.forbidden("role-not-allowed", "Photo moderation is for acceptors and city administrators.");
        }
        return v;
    }
}
