package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signs and reads tokens. Both kinds are signed JWTs; the {@code use} claim keeps a refresh token
 * from being accepted as an access token and the other way round.
 */
@ApplicationScoped
public class Tokens {

    public static final String CLAIM_USE = "use";
    public static final String CLAIM_SESSION = "sid";
    public static final String CLAIM_TENANT = "tid";
    public static final String CLAIM_TENANT_CODE = "tcode";
    public static final String CLAIM_KIND = "kind";
    /** Present (true) in an access token whose user must replace a one-time password before anything else. */
    public static final String CLAIM_PASSWORD_CHANGE = "pwc";
    public static final String USE_ACCESS = "access";
    public static final String USE_REFRESH = "refresh";

    private final AuthConfig config;
    private final JWTParser parser;

    Tokens(AuthConfig config, JWTParser parser) {
        this.config = config;
        this.parser = parser;
    }

    TokenPair issue(Principal who, UUID refreshJti, Instant now) {
        return issue(who, refreshJti, now, false);
    }

    TokenPair issue(Principal who, UUID refreshJti, Instant now, boolean mustChangePassword) {
        Set<String> groups = who.roles().stream().map(Role::wireName).collect(Collectors.toSet());
        // Derived groups let an endpoint admit "any user of the city" without listing every role.
        if (who.tenant() != null) {
            groups.add(Role.Names.CITY_USER);
            if (who.roles().stream().anyMatch(r -> r != Role.RESIDENT && r != Role.HOTLINE)) {
                groups.add(Role.Names.CITY_STAFF);
            }
        }
        var access = Jwt.issuer(config.issuer())
                .subject(String.valueOf(who.id()))
                .upn(who.username())
                .groups(groups)
                .claim("name", who.displayName())
                .claim(CLAIM_KIND, who.kind().name().toLowerCase())
                .claim(CLAIM_SESSION, who.sessionId().toString())
                .claim(CLAIM_USE, USE_ACCESS)
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()));
        if (mustChangePassword) {
            access.claim(CLAIM_PASSWORD_CHANGE, true);
        }
        var refresh = Jwt.issuer(config.issuer())
                .subject(String.valueOf(who.id()))
                .claim(CLAIM_KIND, who.kind().name().toLowerCase())
                .claim(CLAIM_SESSION, who.sessionId().toString())
                .claim(CLAIM_USE, USE_REFRESH)
                .claim("jti", refreshJti.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.refreshTokenTtl()));
        if (who.tenant() != null) {
            access.claim(CLAIM_TENANT, who.tenant().id()).claim(CLAIM_TENANT_CODE, who.tenant().code());
            refresh.claim(CLAIM_TENANT, who.tenant().id()).claim(CLAIM_TENANT_CODE, who.tenant().code());
        }
        return new TokenPair(access.sign(), refresh.sign(), "Bearer", config.accessTokenTtl().toSeconds(),
                config.refreshTokenTtl().toSeconds());
    }

    /** Verifies a refresh token's signature, issuer and expiry, and that it is a refresh token. */
    JsonWebToken parseRefresh(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            if (!USE_REFRESH.equals(jwt.getClaim(CLAIM_USE))) {
                throw invalidRefresh();
            }
            return jwt;
        } catch (ParseException e) {
            throw invalidRefresh();
        }
    }

    static ProblemException invalidRefresh() {
        return ProblemException.unauthorized("invalid-refresh-token",
                "The refresh token is invalid, expired or already used; sign in again.");
    }
}
