package city.gridcity.cases.web;

import city.gridcity.cases.Actor;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in user as the workflow sees them: roles, and the department a handler works for. */
@RequestScoped
public class Actors {

    private final CurrentPrincipal principal;
    private final UserService users;
    private Actor actor;

    Actors(CurrentPrincipal principal, UserService users) {
        this.principal = principal;
        this.users = users;
    }

    public Actor current() {
        if (actor == null) {
            Principal p = principal.require();
            // Only handlers need their department, so only they cost a look-up.
            String department = p.roles().contains(Role.DEPARTMENT_HANDLER)
                    ? users.departmentOf(p.id()).orElse(null) : null;
            actor = new Actor(p.id(), p.displayName(), p.roles(), department);
        }
        return actor;
    }
}
