package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Tokens;
import city.gridcity.identity.VerifiedTokens;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import city.gridcity.shared.web.PageSupport;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The edge of every request: the one place where the city is resolved. A signed-in caller's city
 * comes from the token (and must match any city in the path); an anonymous visitor's city comes
 * from the path ({@code /c/{city}/...} or {@code /api/v1/cities/{city}/...}). After this filter the
 * city is explicit in {@link TenantContext} and the caller in {@link CurrentPrincipal}.
 */
public class EdgeFilter {

    private static final Pattern CITY_PATH = Pattern.compile("^/?(?:c|api/v1/cities)/([^/]+)(?:/.*)?$");

    private final CurrentIdentityAssociation identity;
    private final TenantDirectory tenants;
    private final TenantContext tenantContext;
    private final CurrentPrincipal current;
    private final AuthService auth;
    private final VerifiedTokens tokens;
    private final PageSessions pageSessions;

    EdgeFilter(CurrentIdentityAssociation identity, TenantDirectory tenants, TenantContext tenantContext,
               CurrentPrincipal current, AuthService auth, VerifiedTokens tokens, PageSessions pageSessions) {
        this.identity = identity;
        this.tenants = tenants;
        this.tenantContext = tenantContext;
        this.current = current;
        this.auth = auth;
        this.tokens = tokens;
        this.pageSessions = pageSessions;
    }

    @ServerRequestFilter(priority = 100)
    public jakarta.ws.rs.core.Response resolve(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        Optional<String> pathCity = cityInPath(path);
        boolean page = !path.startsWith("/api/") && !path.startsWith("api/");
        SecurityIdentity caller = callerOf(page);
        if (caller == null || caller.isAnonymous()) {
            if (page && renew(request, path, pathCity)) {
                return current.get().isPresent() && pageSessions.mustChangePassword() ? passwordFirst(path) : null;
            }
            pathCity.ifPresent(code -> selectPathCity(code, page));
            return null;
        }
        VerifiedTokens.AccessClaims claims = tokens.claims((JsonWebToken) caller.getPrincipal());
        if (!Tokens.USE_ACCESS.equals(claims.use())) {
            throw ProblemException.unauthorized("invalid-token", "This is not an access token; "
                    + "send the access token, or exchange the refresh token at /api/v1/auth/refresh.");
        }
        if (!page && (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                || request.getCookies().containsKey(PageSupport.ACCESS_COOKIE))) {
            // Cookies are for pages; an API call riding on a cookie could be forged by another site.
            throw ProblemException.unauthorized("bearer-required",
                    "The API takes the access token in the 'Authorization: Bearer' header, not in a cookie.");
        }
        Principal principal = principalOf(claims);
        if (principal.tenant() != null) {
            TenantRef tenant = principal.tenant();
            if (!tenant.active() && !(page && pathCity.isPresent())) {
                throw AuthService.suspended(tenant);
            }
            tenantContext.select(tenant);
        }
        if (pathCity.isPresent() && (principal.tenant() == null || !principal.tenant().code().equals(pathCity.get()))) {
            throw ProblemException.forbidden("wrong-city", "You are signed in to "
                    + (principal.tenant() == null ? "the platform" : "city '" + principal.tenant().code() + "'")
                    + ", not to city '" + pathCity.get() + "'; sign in to that city instead.");
        }
        if (!auth.sessionActive(principal.kind(), principal.sessionId())) {
            if (page) {
                // A page with a stale cookie is renewed with the refresh cookie where the session may go on (its
                // roles changed: AuthService.refresh), otherwise shown to an anonymous visitor.
                if (renew(request, path, pathCity)) {
                    return current.get().isPresent() && pageSessions.mustChangePassword() ? passwordFirst(path) : null;
                }
                return null;
            }
            throw ProblemException.unauthorized("session-ended",
                    "This session has ended (signed out, password changed, roles changed or account disabled); sign in again.");
        }
        current.set(principal);
        tenantContext.actAs(principal.username());
        return page && claims.mustChangePassword() ? passwordFirst(path) : null;
    }

    /**
     * Renews a page session whose access cookie has expired, with its refresh cookie, for a page a person
     * asked for (a navigation or a form: it accepts HTML), not for the images and scripts it loads in
     * parallel, which would spend the same one-use refresh token twice. True when the caller is signed in.
     */
    private boolean renew(ContainerRequestContext request, String path, Optional<String> pathCity) {
        Cookie refresh = request.getCookies().get(PageSupport.REFRESH_COOKIE);
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        Optional<String> cookiePath = PageSessions.cookiePath(path);
        if (refresh == null || refresh.getValue().isEmpty() || accept == null || !accept.contains("text/html")
                || cookiePath.isEmpty()) {
            return false;
        }
        AuthService.SignIn signIn;
        try {
            signIn = auth.refresh(refresh.getValue(), null);
        } catch (ProblemException e) {
            pageSessions.ended(cookiePath.get());
            return false;
        }
        Principal principal = signIn.principal();
        if (principal.tenant() == null ? pathCity.isPresent()
                : pathCity.isPresent() && !principal.tenant().code().equals(pathCity.get()) || !principal.tenant().active()) {
            return false;
        }
        if (principal.tenant() != null) {
            tenantContext.select(principal.tenant());
        }
        current.set(principal);
        tenantContext.actAs(principal.username());
        pageSessions.renewed(signIn, cookiePath.get());
        return true;
    }

    /** A one-time password is replaced before any other page: the console's and portal's pages wait. */
    private static jakarta.ws.rs.core.Response passwordFirst(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        Optional<String> site = PageSessions.cookiePath(p);
        if (site.isEmpty() || p.equals(site.get() + "/password") || p.equals(site.get() + "/logout")) {
            return null;
        }
        return jakarta.ws.rs.core.Response.seeOther(java.net.URI.create(site.get() + "/password")).build();
    }

    /**
     * The authenticated caller. A page whose cookie holds an expired or foreign token is served as to
     * an anonymous visitor (who can sign in again); the API refuses such a token.
     */
    private SecurityIdentity callerOf(boolean page) {
        try {
            return identity.getIdentity();
        } catch (AuthenticationFailedException e) {
            if (page) {
                return null;
            }
            throw e;
        }
    }

    private void selectPathCity(String code, boolean page) {
        TenantRef tenant = tenants.byCode(code).orElseThrow(() -> new ProblemException(404, "unknown-city", "Not found",
                "City '" + code + "' was not found", null, null));
        if (!tenant.active() && !page) {
            throw new ProblemException(503, "city-suspended", "Service suspended", "The service for "
                    + tenant.nameZh() + " (" + tenant.nameEn() + ") is suspended.", null, null);
        }
        tenantContext.select(tenant);
    }

    private Principal principalOf(VerifiedTokens.AccessClaims claims) {
        Principal.Kind kind = "operator".equals(claims.kind()) ? Principal.Kind.OPERATOR : Principal.Kind.USER;
        TenantRef tenant = null;
        if (kind == Principal.Kind.USER) {
            if (claims.tenantId() == null) {
                throw ProblemException.unauthorized("invalid-token", "The token names no city; sign in again.");
            }
            tenant = tenants.byId(Long.valueOf(claims.tenantId())).orElseThrow(() -> ProblemException.unauthorized(
                    "invalid-token", "The token's city no longer exists; sign in again."));
        }
        if (claims.sessionId() == null) {
            throw ProblemException.unauthorized("invalid-token", "The token names no session; sign in again.");
        }
        return new Principal(kind, Long.valueOf(claims.subject()), claims.username(), claims.displayName(), claims.roles(),
                tenant, claims.session());
    }

    static Optional<String> cityInPath(String path) {
        Matcher m = CITY_PATH.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
