package city.gridcity.assessment.web;

import city.gridcity.assessment.AppealAttachments;
import city.gridcity.assessment.TargetUsers;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
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
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Files an appeal carries (申诉附件): the appeal's target users add photos or PDF documents while it is pending; they
 * and the city's assessors and administrator read them.
 */
@Path("/api/v1/assessment/appeals/{id}/attachments")
@Tag(name = "Assessment", description = "考评 · Schemes, overlays, runs and score cards")
public class AppealAttachmentsResource {

    private final AppealAttachments attachments;
    private final TargetUsers targetUsers;
    private final CurrentPrincipal current;

    AppealAttachmentsResource(AppealAttachments attachments, TargetUsers targetUsers, CurrentPrincipal current) {
        this.attachments = attachments;
        this.targetUsers = targetUsers;
        this.current = current;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.DEPARTMENT_HANDLER, Role.Names.DISTRICT_SUPERVISOR, Role.Names.CITY_SUPERVISOR})
    @Operation(summary = "Add a file to a pending appeal (form field 'file'): a photo (JPEG, PNG or WebP, cleaned as case "
            + "photos are) or a PDF of at most 5 MiB; at most 5 per appeal. Only the appeal's target users (403 otherwise); "
            + "a decided appeal or a sixth file: 409; an empty, too large or other file: 400 naming file")
    @APIResponseSchema(value = AppealAttachments.View.class, responseCode = "201", responseDescription = "The file, as stored")
    public Response add(@PathParam("id") long id, @RestForm("file") FileUpload file) {
        Principal p = current.require();
        if (!targetUsers.speaksFor(p, attachments.target(id))) {
            throw ProblemException.forbidden("not-your-target", "Only the appeal's target users add its files.");
        }
        if (file == null) {
            throw ProblemException.invalid("file", "send the file as the multipart form field 'file'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.status(201).entity(attachments.add(id, bytes, file.fileName(), p.username())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The appeal's files, oldest first (assessors, the city administrator, the appeal's target users)")
    public List<AppealAttachments.View> list(@PathParam("id") long id) {
        mayRead(id);
        return attachments.list(id);
    }

    @GET
    @Path("/{file}")
    @Produces({"image/jpeg", "image/png", "image/webp", "application/pdf"})
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "One file of the appeal, as stored")
    public Response read(@PathParam("id") long id, @PathParam("file") long file) {
        mayRead(id);
        AppealAttachments.Content c = attachments.read(id, file);
        return Response.ok(c.bytes(), c.mediaType()).header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"appeal-" + id + "-" + file + "\"").build();
    }

    private void mayRead(long id) {
        Principal p = current.require();
        String target = attachments.target(id);
        if (!TargetUsers.assessor(p) && !targetUsers.speaksFor(p, target)) {
            throw ProblemException.forbidden("not-your-target", "Only assessors, the city administrator and the appeal's "
                    + "target users read its files.");
        }
    }
}
