package city.gridcity.supervision.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.supervision.StaffingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Supervisors' posts and the staffing rule (at least one district supervisor per two management grids). */
@Path("/api/v1/supervision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision", description = "监督员定岗与配置检查 · Supervisors' posts and staffing")
public class StaffingResource {

    private final StaffingService staffing;
    private final CurrentPrincipal current;

    StaffingResource(StaffingService staffing, CurrentPrincipal current) {
        this.staffing = staffing;
        this.current = current;
    }

    public record Posts(@NotNull @Size(max = 200) List<@NotNull String> managementGrids) {
    }

    @PUT
    @Path("/supervisors/{userId}/grids")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Set the management grids a supervisor patrols (replaces the previous posts)")
    public Posts assign(@PathParam("userId") long userId, @NotNull @Valid Posts body) {
        return new Posts(staffing.assign(userId, body.managementGrids(), current.require().username()));
    }

    @GET
    @Path("/supervisors/{userId}/grids")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "The management grids a supervisor patrols")
    public Posts posts(@PathParam("userId") long userId) {
        return new Posts(staffing.assignments(userId));
    }

    @GET
    @Path("/staffing")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.CITY_SUPERVISOR, Role.Names.ASSESSOR})
    @Operation(summary = "The staffing rule checked city-wide and per district, with the grids nobody patrols")
    public StaffingService.StaffingReport report() {
        return staffing.report();
    }
}
