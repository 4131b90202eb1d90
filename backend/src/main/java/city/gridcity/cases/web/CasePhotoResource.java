package city.gridcity.cases.web;

import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CasePhotos;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Before and after photos of a case; served only to those who may see the case. */
@Path("/api/v1/cases/{number}/photos")
@Tag(name = "Cases")
public class CasePhotoResource {

    private final CasePhotos photos;
    private final Actors actors;

    CasePhotoResource(CasePhotos photos, Actors actors) {
        this.photos = photos;
        this.actors = actors;
    }

    public record PhotoView(long id, String stage, String mediaType, int sizeBytes, int width, int height, String sha256,
                            Instant uploadedAt, String url, String thumbnailUrl) {
        static PhotoView of(String number, CasePhoto p) {
            String url = "/api/v1/cases/" + number + "/photos/" + p.id;
            return new PhotoView(p.id, p.stage.name(), p.mediaType, p.sizeBytes, p.width, p.height, p.sha256, p.uploadedAt,
                    url, url + "/thumbnail");
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Add a photo (form field 'file'; JPEG, PNG or WebP): ?stage=BEFORE (处置前) or AFTER (处置后). "
            + "Location and device data are removed before it is stored")
    @APIResponseSchema(value = PhotoView.class, responseCode = "201", responseDescription = "The photo, as stored")
    public Response upload(@PathParam("number") String number, @QueryParam("stage") String stage,
                           @RestForm("file") FileUpload file) {
        CasePhoto.Stage s;
        try {
            s = CasePhoto.Stage.valueOf(stage == null ? "" : stage);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("stage", "must be BEFORE or AFTER");
        }
        if (file == null) {
            throw ProblemException.invalid("file", "send the photo as the multipart form field 'file'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CasePhoto p = photos.upload(number, s, bytes, file.fileName(), actors.current());
        return Response.created(URI.create("/api/v1/cases/" + number + "/photos/" + p.id))
                .type(MediaType.APPLICATION_JSON).entity(PhotoView.of(number, p)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "The photos of a case")
    public List<PhotoView> list(@PathParam("number") String number) {
        return photos.list(number, actors.current()).stream().map(p -> PhotoView.of(number, p)).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "A photo, as stored (metadata removed)")
    @APIResponse(responseCode = "200", description = "The photo", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response photo(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, false, actors.current()));
    }

    @GET
    @Path("/{id}/thumbnail")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "A photo's thumbnail (JPEG)")
    @APIResponse(responseCode = "200", description = "The thumbnail", content = @Content(mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response thumbnail(@PathParam("number") String number, @PathParam("id") long id) {
        return serve(photos.read(number, id, true, actors.current()));
    }

    private static Response serve(CasePhotos.Content c) {
        // Private: a shared cache must never hand one user's case photo to another.
        return Response.ok(c.bytes(), c.mediaType()).header("Cache-Control", "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
