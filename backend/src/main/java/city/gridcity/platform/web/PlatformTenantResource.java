package city.gridcity.platform.web;

import city.gridcity.identity.Role;
import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantService;
import city.gridcity.tenancy.TenantStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platform operators create, change, suspend and resume cities. */
@Path("/api/v1/platform/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.PLATFORM_ADMIN)
@Tag(name = "Platform", description = "平台运营：城市租户 · Cities hosted on the platform")
public class PlatformTenantResource {

    static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

    private final TenantService tenants;
    private final TenantDirectory directory;
    private final TenantProvisioning provisioning;
    private final PackLibrary packs;
    private final city.gridcity.platform.PlatformActions actions;

    PlatformTenantResource(TenantService tenants, TenantDirectory directory, TenantProvisioning provisioning,
                           PackLibrary packs, city.gridcity.platform.PlatformActions actions) {
        this.actions = actions;
        this.tenants = tenants;
        this.directory = directory;
        this.provisioning = provisioning;
        this.packs = packs;
    }

    public record AdminSpec(@NotBlank @Size(max = 64) String username, @Size(max = 100) String displayName,
                            @Size(max = 20) String phone) {
    }

    public record CreateTenant(@NotBlank @Size(max = 32) String code, @NotBlank @Size(max = 100) String nameZh,
                               @NotBlank @Size(max = 100) String nameEn, @Size(max = 64) String timeZone,
                               @Size(max = 16) String defaultLocale, @NotNull @Valid AdminSpec administrator) {
    }

    public record UpdateTenant(@Size(max = 100) String nameZh, @Size(max = 100) String nameEn,
                               @Size(max = 64) String timeZone, @Size(max = 16) String defaultLocale, Long version) {
    }

    public record Suspension(@NotBlank @Size(max = 500) String reason) {
    }

    public record TenantView(Long id, String code, String nameZh, String nameEn, String timeZone, String defaultLocale,
                             TenantStatus status, String statusReason, long version) {
        static TenantView of(TenantRef t) {
            return new TenantView(t.id(), t.code(), t.nameZh(), t.nameEn(), t.timeZone(), t.defaultLocale(), t.status(),
                    t.statusReason(), t.version());
        }
    }

    public record Created(TenantView tenant, List<TenantProvisioning.Credential> administrators) {
        static Created of(TenantProvisioning.Provisioned p) {
            return new Created(TenantView.of(p.tenant()), p.administrators());
        }
    }

    @GET
    @Operation(summary = "All cities")
    public List<TenantView> list() {
        return directory.all().stream().map(TenantView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One city")
    public TenantView get(@PathParam("code") String code) {
        return directory.all().stream().filter(t -> t.code().equals(code)).findFirst().map(TenantView::of)
                .orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }

    @POST
    @Operation(summary = "Create a city with its first administrator; the administrator's first password is returned once")
    @APIResponseSchema(value = Created.class, responseCode = "201", responseDescription = "The city and its administrators")
    public Response create(@NotNull @Valid CreateTenant body) {
        AdminSpec a = body.administrator();
        TenantPack pack = new TenantPack(body.code(), body.nameZh(), body.nameEn(), body.timeZone(), body.defaultLocale(),
                List.of(new TenantPack.Administrator(a.username(), a.displayName(), a.phone())), List.of(), null, null);
        try {
            return created(provisioning.provision(pack));
        } catch (ProblemException e) {
            // In this request the administrator is one object, not a list: name its fields so.
            throw renamed(e, "administrators[0].", "administrator.");
        }
    }

    @GET
    @Path("/packs")
    @Operation(summary = "The packs shipped under tenants/")
    public List<String> packNames() {
        return packs.names();
    }

    @POST
    @Path("/packs/{pack}")
    @Operation(summary = "Create a city from a pack shipped under tenants/")
    @APIResponseSchema(value = Created.class, responseCode = "201", responseDescription = "The city and its administrators")
    public Response createFromPack(@PathParam("pack") String pack) {
        return created(provisioning.provision(packs.read(pack, false)));
    }

    @POST
    @Path("/packs")
    @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Create a city from an uploaded pack (a zip holding tenant.yaml)")
    @APIResponseSchema(value = Created.class, responseCode = "201", responseDescription = "The city and its administrators")
    public Response upload(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw ProblemException.invalid("body", "upload a zip file holding tenant.yaml");
        }
        if (zip.length > MAX_UPLOAD_BYTES) {
            throw ProblemException.invalid("body", "is larger than " + MAX_UPLOAD_BYTES / 1024 / 1024 + " MiB");
        }
        return created(provisioning.provision(packs.readUpload(zip)));
    }

    @POST
    @Path("/{code}/administrators")
    @Operation(summary = "Give a city an administrator with a one-time password (creates the account, or re-enables "
            + "and resets it); for a city that lost access to its console")
    public TenantProvisioning.Credential grantAdministrator(@PathParam("code") String code, @NotNull @Valid AdminSpec body) {
        return provisioning.grantAdministrator(code, body.username(), body.displayName());
    }

    @PATCH
    @Path("/{code}")
    @Operation(summary = "Change a city's names, time zone or default language")
    public TenantView update(@PathParam("code") String code, @NotNull @Valid UpdateTenant body) {
        return TenantView.of(tenants.update(code, new TenantService.TenantChange(body.nameZh(), body.nameEn(),
                body.timeZone(), body.defaultLocale(), body.version())));
    }

    @POST
    @Path("/{code}/suspend")
    @Operation(summary = "Suspend a city: its users are refused and its portal says so; data is kept")
    public TenantView suspend(@PathParam("code") String code, @NotNull @Valid Suspension body) {
        return TenantView.of(actions.suspend(code, body.reason()));
    }

    @POST
    @Path("/{code}/resume")
    @Operation(summary = "Resume a suspended city")
    public TenantView resume(@PathParam("code") String code) {
        return TenantView.of(actions.resume(code));
    }

    private static ProblemException renamed(ProblemException e, String from, String to) {
        var errors = e.errors().stream().map(err -> new city.gridcity.shared.problem.Problem.FieldError(
                err.field().replace(from, to), err.message())).toList();
        return new ProblemException(e.status(), e.code(), e.title(), e.getMessage().replace(from, to), errors, e.headers());
    }

    private static Response created(TenantProvisioning.Provisioned p) {
        return Response.created(URI.create("/api/v1/platform/tenants/" + p.tenant().code())).entity(Created.of(p)).build();
    }
}
