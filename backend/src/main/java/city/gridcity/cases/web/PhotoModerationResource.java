package city.gridcity.cases.web;

import city.gridcity.cases.PhotoModeration;
import city.gridcity.identity.Role;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Moderation of residents' photos (照片审核): a photo a resident or volunteer took is public on the portal's
 * case page only once an acceptor or the city administrator approved it; a refusal's reason is shown to the
 * resident on their report. Staff photos are never public and need no decision.
 */
@Path("/api/v1/photo-moderation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ACCEPTOR, Role.Names.CITY_ADMIN})
@Tag(name = "Photo moderation", description = "照片审核 · Residents' photos before they are public")
public class PhotoModerationResource {

    private final PhotoModeration moderation;
    private final Actors actors;

    PhotoModerationResource(PhotoModeration moderation, Actors actors) {
        this.moderation = moderation;
        this.actors = actors;
    }

    public record PendingView(long photoId, String caseNumber, String stage, String className,
                              String caseState, Instant uploadedAt, int width, int height, String thumbnailUrl) {
        static PendingView of(PhotoModeration.PendingPhoto p) {
            return new PendingView(p.photoId(), p.caseNumber(), p.stage().name(), p.className(),
                    p.caseState().name(), p.uploadedAt(), p.width(), p.height(),
                    "/api/v1/cases/" + p.caseNumber() + "/photos/" + p.photoId() + "/thumbnail");
        }
    }

    public record PendingList(List<PendingView> items, long total, int page, int size) {
    }

    public record DecisionView(long photoId, String caseNumber, String moderation, String reason, Instant moderatedAt) {
        static DecisionView of(PhotoModeration.Decision d) {
            return new DecisionView(d.photoId(), d.caseNumber(), d.moderation().name(), d.reason(), d.moderatedAt());
        }
    }

    public record RefusalBody(String reason) {
    }

    @GET
    @Operation(summary = "Residents' photos waiting for a decision, oldest first")
    public PendingList pending(@BeanParam PageParams paging) {
        Paging p = paging.resolve(50, 200);
        PhotoModeration.Queue q = moderation.pending(p.page(), p.size());
        return new PendingList(q.items().stream().map(PendingView::of).toList(), q.total(), q.page(), q.size());
    }

    @POST
    @Path("/{photoId}/approval")
    @Operation(summary = "Approve a photo: it is shown on the case's public page")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "404", description = "No such photo in this city")
    @APIResponse(responseCode = "409", description = "Decided already, or a staff photo (never public)")
    public DecisionView approve(@PathParam("photoId") long photoId) {
        return DecisionView.of(moderation.approve(photoId, actors.current()));
    }

    @POST
    @Path("/{photoId}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse a photo with a reason ({reason}); the resident reads the reason on their report")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "No reason, or one over 500 characters")
    @APIResponse(responseCode = "404", description = "No such photo in this city")
    @APIResponse(responseCode = "409", description = "Decided already, or a staff photo (never public)")
    public DecisionView refuse(@PathParam("photoId") long photoId, RefusalBody body) {
        return DecisionView.of(moderation.refuse(photoId, body == null ? null : body.reason(), actors.current()));
    }
}
