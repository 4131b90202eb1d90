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

    /**
     * For a page of a city's administrator: empty when nobody is signed in (the page sends them to sign in),
     * the user when they administer a city, and a 403 naming {@code whose} otherwise.
     */
    public Optional<Principal> cityAdministrator(String whose) {
        if (principal != null && (principal.tenant() == null || !principal.roles().contains(Role.CITY_ADMIN))) {
            throw ProblemException.forbidden("role-not-allowed", whose + " are the city administrator's.");
        }
        return get();
    }

    public void set(Principal principal) {
        this.principal = principal;
    }
}
