package city.gridcity.platform.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.platform.PackExporter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A city administrator exports their city's configuration as a pack: the zip a platform operator provisions a city
 * from, so that the city made from it is configured the same (grids, catalog, departments, calendar, workflow,
 * assessment, sampling, points, rewards). No cases, residents, staff accounts or secrets.
 */
@Path("/api/v1/pack/export")
@Tag(name = "Pack", description = "城市配置包 · The city's configuration as a tenant pack")
public class PackExportResource {

    private final CurrentPrincipal current;
    private final PackExporter exporter;

    PackExportResource(CurrentPrincipal current, PackExporter exporter) {
        this.current = current;
        this.exporter = exporter;
    }

    @GET
    @Produces("application/zip")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "The city's configuration as a tenant pack (a zip holding tenant.yaml and the grid files)")
    public Response export() {
        return download(exporter.export(current.require().tenant()));
    }

    static Response download(PackExporter.Exported pack) {
        return Response.ok(pack.zip(), "application/zip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pack.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
