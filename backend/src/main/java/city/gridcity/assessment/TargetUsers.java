package city.gridcity.assessment;

import city.gridcity.department.DepartmentService;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;

/**
 * Who speaks for a target of a run (reads its own score card before publication, appeals its deductions): a
 * department's handlers for the department; for an area (district, street, community) the handlers of a
 * department answering for that area (a district's government office, a street office); a supervisor for their
 * own post (the user id). Assessors and city administrators are not target users: they see everything and decide.
 */
@ApplicationScoped
public class TargetUsers {

    private final UserService users;
    private final DepartmentService departments;

    TargetUsers(UserService users, DepartmentService departments) {
        this.users = users;
        this.departments = departments;
    }

    /** Whether the user may see every card and decide (an assessor or the city administrator). */
    public static boolean assessor(Principal p) {
        return p.roles().contains(Role.ASSESSOR) || p.roles().contains(Role.CITY_ADMIN);
    }

    /** Whether the user speaks for the target {@code code} (of any kind: codes of areas, departments and posts differ). */
    public boolean speaksFor(Principal p, String code) {
        if (p.id() == null || code == null) {
            return false;
        }
        if (p.roles().contains(Role.DEPARTMENT_HANDLER)) {
            Optional<String> department = users.departmentOf(p.id());
            if (department.filter(d -> Objects.equals(d, code)).isPresent()
                    || department.map(departments::areasOf).filter(areas -> areas.contains(code)).isPresent()) {
                return true;
            }
        }
        return (p.roles().contains(Role.DISTRICT_SUPERVISOR) || p.roles().contains(Role.CITY_SUPERVISOR))
                && p.id().toString().equals(code);
    }
}
