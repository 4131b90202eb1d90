package city.gridcity.identity.web;

import city.gridcity.identity.AppUser;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.identity.UserStatus;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A city administrator manages the accounts of their own city. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_ADMIN)
@Tag(name = "Users", description = "用户与角色 · Users and roles of your city")
public class UserResource {

    private final UserService users;

    UserResource(UserService users) {
        this.users = users;
    }

    public record CreateUser(@Size(max = 64) String username,
                             @Size(max = 20) String phone,
                             @Size(max = 100) String displayName,
                             @NotNull @Size(max = 128) String password,
                             @NotEmpty @Size(max = 10) Set<@NotNull Role> roles,
                             @Size(max = 64) String departmentCode) {
    }

    public record UpdateUser(@Size(max = 100) String displayName,
                             @Size(max = 20) String phone,
                             @Size(min = 1, max = 10) Set<@NotNull Role> roles,
                             @Size(max = 64) String departmentCode,
                             UserStatus status,
                             Long version) {
    }

    public record PasswordReset(@NotNull @Size(max = 128) String newPassword) {
    }

    public record UserView(Long id, String username, String phone, String displayName, List<String> roles,
                           String departmentCode, UserStatus status, Instant createdAt, Instant updatedAt,
                           long version) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.username, u.phone, u.displayName, Arrays.stream(u.roles).sorted().toList(),
                    u.departmentCode, u.status, u.createdAt, u.updatedAt, u.version);
        }
    }

    public record UserList(List<UserView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "List your city's users, optionally by role or text")
    public UserList list(@QueryParam("role") String role, @QueryParam("q") @Size(max = 64) String q,
                         @BeanParam PageParams paging) {
        Paging p = paging.resolve(50, 200);
        Role filter = role == null || role.isBlank() ? null : Role.fromWireName(role).orElseThrow(
                () -> ProblemException.invalid("role", "unknown role '" + role + "'; use one of "
                        + Arrays.stream(Role.values()).map(Role::wireName).toList()));
        UserService.UserPage result = users.list(filter, q, p.page(), p.size());
        return new UserList(result.items().stream().map(UserView::of).toList(), result.total(), p.page(), p.size());
    }

    @POST
    @Operation(summary = "Create a staff, volunteer or resident account in your city")
    @APIResponseSchema(value = UserView.class, responseCode = "201", responseDescription = "The new account")
    public Response create(@NotNull @Valid CreateUser body) {
        AppUser user = users.create(new UserService.NewUser(body.username(), body.phone(), body.displayName(),
                body.password(), body.roles(), body.departmentCode()));
        return Response.created(URI.create("/api/v1/users/" + user.id)).entity(UserView.of(user)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user of your city")
    public UserView get(@PathParam("id") long id) {
        return users.find(id).map(UserView::of).orElseThrow(() -> ProblemException.notFound("User " + id));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a user's name, phone, roles, department or status (fields left out stay)")
    public UserView update(@PathParam("id") long id, @NotNull @Valid UpdateUser body) {
        return UserView.of(users.update(id, new UserService.UserChange(body.displayName(), body.phone(), body.roles(),
                body.departmentCode(), body.status()), body.version()));
    }

    @POST
    @Path("/{id}/password")
    @Operation(summary = "Reset a user's password; their sessions end")
    public void resetPassword(@PathParam("id") long id, @NotNull @Valid PasswordReset body) {
        users.resetPassword(id, body.newPassword());
    }
}
