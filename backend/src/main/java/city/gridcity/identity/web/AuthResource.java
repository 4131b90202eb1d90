package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.TokenPair;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in", description = "登录与令牌 · Sign-in and tokens")
public class AuthResource {

    private final AuthService auth;
    private final CurrentPrincipal current;

    AuthResource(AuthService auth, CurrentPrincipal current) {
        this.auth = auth;
        this.current = current;
    }

    /** A sign-in. {@code city} is the city's code; leave it out to sign in as a platform operator. */
    public record LoginRequest(@Size(max = 32) String city,
                               @NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 128) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 4096) String refreshToken) {
    }

    public record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
                                 @NotBlank @Size(max = 128) String newPassword) {
    }

    public record Me(String kind, Long id, String username, String displayName, List<String> roles, String city,
                     String cityNameZh, String cityNameEn) {
        static Me of(Principal p) {
            return new Me(p.kind().name().toLowerCase(), p.id(), p.username(), p.displayName(),
                    p.roles().stream().map(Role::wireName).sorted().toList(),
                    p.tenant() == null ? null : p.tenant().code(),
                    p.tenant() == null ? null : p.tenant().nameZh(),
                    p.tenant() == null ? null : p.tenant().nameEn());
        }
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with username (or phone) and password; returns an access and a refresh token")
    @APIResponseSchema(value = TokenPair.class, responseCode = "200", responseDescription = "Signed in")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this account or address; wait and try again")
    public TokenPair login(@NotNull @Valid LoginRequest body, @Context HttpServerRequest http) {
        return auth.login(body.city(), body.username(), body.password(), clientAddress(http)).tokens();
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token (usable once) for a new token pair")
    public TokenPair refresh(@NotNull @Valid RefreshRequest body, @Context HttpServerRequest http) {
        return auth.refresh(body.refreshToken(), clientAddress(http)).tokens();
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End this session: its access and refresh tokens stop working at once")
    public void logout() {
        auth.logout(current.require());
    }

    @POST
    @Path("/password")
    @Authenticated
    @Operation(summary = "Change your own password; every session of yours ends, sign in again")
    @APIResponse(responseCode = "204", description = "Changed; every session has ended")
    @APIResponse(responseCode = "429", description = "Too many wrong current passwords; wait and try again")
    public void changePassword(@NotNull @Valid PasswordChange body) {
        auth.changePassword(current.require(), body.currentPassword(), body.newPassword());
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who is signed in: user, city and roles")
    public Me me() {
        return Me.of(current.require());
    }

    static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
