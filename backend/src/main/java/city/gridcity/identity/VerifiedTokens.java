package city.gridcity.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token parser of every signed-in request, remembering access tokens it has verified. A token's
 * signature, issuer and claims do not change, so the same string verified once is valid until it
 * expires: a request with it skips the RSA check and the JSON parsing. Only the very string that was
 * verified matches (a changed byte is a new key and is verified in full); after its expiry a token is
 * verified again, and refused. Whether its session is still open is not the token's business: the edge
 * asks {@link SessionStates} on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** More tokens than this are verified again rather than kept (about 1 KB each). */
    static final int MAX_ENTRIES = 20_000;

    /** What the edge reads from an access token, read once per token. Any field may be null. */
    public record AccessClaims(String use, String kind, String subject, String username, String displayName,
                               Set<Role> roles, String tenantId, String sessionId,
                               boolean mustChangePassword) {

        public UUID session() {
            return sessionId == null ? null : UUID.fromString(sessionId);
        }
    }

    private record Verified(JsonWebToken jwt, long expiresAt, AccessClaims claims) {
    }

    private final JWTParser delegate;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(DefaultJWTParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified v = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (v != null && now < v.expiresAt()) {
            return v.jwt();
        }
        JsonWebToken jwt = delegate.parse(token);
        AccessClaims claims = claimsOf(jwt);
        if (Tokens.USE_ACCESS.equals(claims.use()) && now < jwt.getExpirationTime()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(old -> old.expiresAt() <= now);
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(jwt, jwt.getExpirationTime(), claims));
        }
        return jwt;
    }

    /** The claims the edge needs, without reading the token's JSON again when it was verified here. */
    public AccessClaims claims(JsonWebToken jwt) {
        Verified v = verified.get(jwt.getRawToken());
        return v != null && v.jwt() == jwt ? v.claims() : claimsOf(jwt);
    }

    private static AccessClaims claimsOf(JsonWebToken jwt) {
        Set<Role> roles = jwt.getGroups().stream().map(Role::fromWireName).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        Object tid = jwt.getClaim(Tokens.CLAIM_TENANT);
        return new AccessClaims(jwt.getClaim(Tokens.CLAIM_USE), jwt.getClaim(Tokens.CLAIM_KIND), jwt.getSubject(),
                jwt.getName(), jwt.getClaim("name"), Collections.unmodifiableSet(roles), tid == null ? null : tid.toString(),
                jwt.getClaim(Tokens.CLAIM_SESSION), jwt.containsClaim(Tokens.CLAIM_PASSWORD_CHANGE));
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
