package city.gridcity.identity.web;

import city.gridcity.identity.AppUser;
import city.gridcity.identity.UserService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Residents register themselves on their city's portal; the city comes from the path. */
@Path("/api/v1/cities/{city}/residents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Residents", description = "市民注册 · Resident self-registration")
public class ResidentResource {

    private final UserService users;

    ResidentResource(UserService users) {
        this.users = users;
    }

    /** Either a username or a mainland mobile number identifies the account; both may be given. */
    public record Registration(@Size(max = 64) String username, @Size(max = 20) String phone,
                               @Size(max = 100) String displayName, @NotNull @Size(max = 128) String password) {
    }

    public record Registered(Long id, String username, String phone, String displayName) {
    }

    @POST
    @Operation(summary = "Register as a resident of the city named in the path")
    @Parameter(name = "city", in = ParameterIn.PATH, required = true, description = "The city's code, e.g. kcity")
    @APIResponseSchema(value = Registered.class, responseCode = "201", responseDescription = "The new resident account")
    public Response register(@NotNull @Valid Registration body) {
        if (isBlank(body.username()) && isBlank(body.phone())) {
            throw ProblemException.invalid("username", "give a username or a phone number");
        }
        AppUser user = users.create(new UserService.NewUser(body.username(), body.phone(), body.displayName(),
                body.password(), UserService.residentRoles(), null));
        return Response.status(201).entity(new Registered(user.id, user.username, user.phone, user.displayName)).build();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
