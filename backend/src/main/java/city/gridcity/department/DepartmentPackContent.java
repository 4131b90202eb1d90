package city.gridcity.department;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Every new city starts with the baseline departments that its baseline catalog routes to. */
@ApplicationScoped
public class DepartmentPackContent implements PackContent {

    private final DepartmentService departments;

    DepartmentPackContent(DepartmentService departments) {
        this.departments = departments;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        return List.of();
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        departments.createBaseline();
    }

    @Override
    public int order() {
        return 1;
    }
}
