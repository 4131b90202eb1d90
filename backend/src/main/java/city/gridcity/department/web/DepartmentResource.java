package city.gridcity.department.web;

import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

/** The city's disposal units (处置部门). */
@Path("/api/v1/departments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Departments", description = "处置部门 · Disposal units")
public class DepartmentResource {

    private final DepartmentService departments;

    DepartmentResource(DepartmentService departments) {
        this.departments = departments;
    }

    public record DepartmentBody(@Size(max = 64) String code, @Size(max = 100) String name, Department.Kind kind,
                                 @Size(max = 500) List<String> areaCodes, Boolean active) {
    }

    public record DepartmentView(String code, String name, String kind, List<String> areaCodes, boolean active,
                                 long version) {
        static DepartmentView of(Department d) {
            return new DepartmentView(d.code, d.name, d.kind.name(), List.of(d.areaCodes), d.active, d.version);
        }
    }

    @GET
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The city's disposal units")
    public List<DepartmentView> list() {
        return departments.list().stream().map(DepartmentView::of).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "One disposal unit")
    public DepartmentView get(@PathParam("code") String code) {
        return departments.find(code).map(DepartmentView::of)
                .orElseThrow(() -> ProblemException.notFound("Department '" + code + "'"));
    }

    @POST
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a disposal unit: a city or district department, street office, community committee or platform company")
    @APIResponseSchema(value = DepartmentView.class, responseCode = "201", responseDescription = "The new department")
    public Response create(@NotNull @Valid DepartmentBody b) {
        Department d = departments.create(new DepartmentService.DepartmentSpec(b.code(), b.name(), b.kind(), b.areaCodes(),
                b.active()));
        return Response.created(URI.create("/api/v1/departments/" + d.code)).entity(DepartmentView.of(d)).build();
    }

    @PATCH
    @Path("/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Rename a unit, change its kind or area of responsibility, or deactivate it")
    public DepartmentView update(@PathParam("code") String code, @NotNull @Valid DepartmentBody b) {
        return DepartmentView.of(departments.update(code, new DepartmentService.DepartmentSpec(null, b.name(), b.kind(),
                b.areaCodes(), b.active())));
    }
}
