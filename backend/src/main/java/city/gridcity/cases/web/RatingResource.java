package city.gridcity.cases.web;

import city.gridcity.cases.CaseRatings;
import city.gridcity.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A resident's satisfaction rating (满意度评价) of a closed case they reported or follow. */
@Path("/api/v1/cases/{number}/rating")
@Tag(name = "Cases")
public class RatingResource {

    private final CaseRatings ratings;
    private final Actors actors;

    RatingResource(CaseRatings ratings, Actors actors) {
        this.ratings = ratings;
        this.actors = actors;
    }

    /** The rating: solved, the satisfaction word (wire name) and its Chinese label, comment, photo, when. */
    public record RatingView(boolean solved, String rating, String ratingZh, String comment, String photoUrl,
                             Instant ratedAt) {
    }

    /** A reopen request: PENDING, ACCEPTED or DECLINED; the acceptor's reason once decided. */
    public record ReopenView(String status, Instant requestedAt, Instant decidedAt, String reason) {
    }

    /** The case as its resident rates it: closed and rateable until when, whether they may now, their rating. */
    public record MyRatingView(String number, String state, String stateZh, Instant closedAt, Instant rateUntil,
                               boolean canRate, RatingView rating, ReopenView reopen) {
        static MyRatingView of(CaseRatings.MyRating m) {
            CaseRatings.RatingView r = m.rating();
            CaseRatings.ReopenView o = m.reopen();
            return new MyRatingView(m.number(), m.state().name(), m.state().labelZh(), m.closedAt(), m.rateUntil(),
                    m.canRate(), r == null ? null : new RatingView(r.solved(), r.satisfaction().wireName(),
                    r.satisfaction().labelZh(), r.comment(), r.photoId() == null ? null
                    : "/api/v1/cases/" + m.number() + "/photos/" + r.photoId(), r.ratedAt()),
                    o == null ? null : new ReopenView(o.status(), o.requestedAt(), o.decidedAt(), o.reason()));
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.RESIDENT)
    @Operation(summary = "Rate a closed case you reported or follow, once, within the city's window: form fields "
            + "'solved' (true/false), 'rating' (satisfied, basically-satisfied, dissatisfied), 'comment' (optional, "
            + "at most 500 characters), 'photo' (optional JPEG, PNG or WebP). Not solved with a comment asks the "
            + "acceptor to reopen the case. 409: not closed (action-not-allowed), rated already (already-rated), "
            + "window passed (rating-window-closed); 403: you neither reported nor follow it")
    @APIResponseSchema(value = MyRatingView.class, responseCode = "201", responseDescription = "Your rating, recorded")
    public Response rate(@PathParam("number") String number, @RestForm("solved") String solved,
                         @RestForm("rating") String rating, @RestForm("comment") String comment,
                         @RestForm("photo") FileUpload photo) {
        byte[] bytes = null;
        if (photo != null && photo.size() > 0) {
            try {
                bytes = Files.readAllBytes(photo.uploadedFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        CaseRatings.MyRating m = ratings.rate(number, new CaseRatings.RatingForm(solved, rating, comment, bytes,
                photo == null ? null : photo.fileName()), actors.current());
        return Response.created(URI.create("/api/v1/cases/" + number + "/rating")).type(MediaType.APPLICATION_JSON)
                .entity(MyRatingView.of(m)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.RESIDENT)
    @Operation(summary = "Your rating of a case you reported or follow (null until you rate it), whether you may rate "
            + "it now and until when, and where your reopen request stands")
    public MyRatingView mine(@PathParam("number") String number) {
        return MyRatingView.of(ratings.mine(number, actors.current()));
    }
}
