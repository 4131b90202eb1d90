package city.gridcity.platform.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.platform.PackExporter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/** The console's download of the city's pack (the change log's page links to it), for a signed-in administrator. */
@Path("/console/admin/pack/export")
public class PackExportPages {

    private final CurrentPrincipal current;
    private final PackExporter exporter;

    PackExportPages(CurrentPrincipal current, PackExporter exporter) {
        this.current = current;
        this.exporter = exporter;
    }

    @GET
    public Response download() {
        Optional<Principal> user = current.cityAdministrator("The city's pack export");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=/console/admin/audit")).build();
        }
        return PackExportResource.download(exporter.export(user.get().tenant()));
    }
}
