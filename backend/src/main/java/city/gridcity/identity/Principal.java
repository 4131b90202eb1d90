package city.gridcity.identity;

import city.gridcity.tenancy.TenantRef;
import java.util.Set;
import java.util.UUID;

/**
 * Who is signed in, as carried by an access token.
 *
 * @param tenant the user's city; {@code null} for a platform operator
 */
public record Principal(Kind kind, Long id, String username, String displayName, Set<Role> roles,
                        TenantRef tenant, UUID sessionId) {

    /** City users and platform operators live in different tables and sessions. */
    public enum Kind {
        USER, OPERATOR
    }

    public boolean operator() {
        return kind == Kind.OPERATOR;
    }
}
