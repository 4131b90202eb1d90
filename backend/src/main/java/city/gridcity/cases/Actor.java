package city.gridcity.cases;

import city.gridcity.identity.Role;
import java.util.Set;

/**
 * Who acts on a case: a user of the city with their roles and, for a department handler, their
 * department; or the system itself (jobs, automatic follow-ups), which has no id.
 */
public record Actor(Long id, String name, Set<Role> roles, String departmentCode) {

    public static final String SYSTEM_ROLE = "system";

    public static Actor system(String what) {
        return new Actor(null, what, Set.of(), null);
    }

    public boolean isSystem() {
        return id == null;
    }
}
