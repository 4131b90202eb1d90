package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.shared.web.PageSupport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A page session's two cookies: the short-lived access token and the refresh token. The edge renews an
 * expired access cookie with the refresh cookie (one rotation per page request, so an active user is
 * never sent to the sign-in page; an idle one is once the refresh token expires), and this class writes
 * the renewed cookies onto that request's answer. It also makes every redirect to a sign-in page carry
 * where the visitor was going, so a deep link survives signing in.
 */
@RequestScoped
public class PageSessions {

    private final List<NewCookie> cookies = new ArrayList<>();
    private boolean mustChangePassword;

    /** The part of the site a page session lives in: the console, or one city's portal. */
    static Optional<String> cookiePath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (p.equals("/console") || p.startsWith("/console/")) {
            return Optional.of(ConsolePages.COOKIE_PATH);
        }
        return EdgeFilter.cityInPath(p).filter(c -> p.startsWith("/c/")).map(c -> "/c/" + c);
    }

    /** The cookies of a fresh sign-in or renewal. */
    public static List<NewCookie> sessionCookies(AuthService.SignIn signIn, String path) {
        return List.of(PageSupport.accessCookie(signIn.tokens().accessToken(), path, signIn.tokens().expiresIn()),
                PageSupport.refreshCookie(signIn.tokens().refreshToken(), path, signIn.tokens().refreshExpiresIn()));
    }

    public static List<NewCookie> clearedCookies(String path) {
        return List.of(PageSupport.clearAccessCookie(path), PageSupport.clearRefreshCookie(path));
    }

    void renewed(AuthService.SignIn signIn, String path) {
        cookies.addAll(sessionCookies(signIn, path));
        mustChangePassword = signIn.mustChangePassword();
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    void ended(String path) {
        cookies.add(PageSupport.clearRefreshCookie(path));
    }

    @ServerResponseFilter
    public void write(ContainerRequestContext request, ContainerResponseContext response) {
        cookies.forEach(c -> response.getHeaders().add(HttpHeaders.SET_COOKIE, c));
        if (response.getStatus() != 303 || !"GET".equals(request.getMethod())) {
            return;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        String to = URI.create(location.toString()).getRawPath();
        URI from = request.getUriInfo().getRequestUri();
        String here = from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
        boolean toSignIn = to.equals("/console/login") || to.matches("^/c/[^/]+/login$");
        if (toSignIn && URI.create(location.toString()).getRawQuery() == null && !here.equals(to)) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION,
                    URI.create(to + "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8)));
        }
    }
}
