package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** Who this request is from, set once by the edge filter after the token and session checked out. */
@RequestScoped
public class CurrentPrincipal {

    private Principal principal;

    public Optional<Principal> get() {
        return Optional.ofNullable(principal);
    }

    public Principal require() {
        if (principal == null) {
            throw ProblemException.unauthorized("unauthenticated",
                    "Sign in and send the access token as 'Authorization: Bearer <token>'.");
        }
        return principal;
    }

    public void set(Principal principal) {
        this.principal = principal;
    }
}
