package city.gridcity.shared.web;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Small helpers shared by the portal's and the console's page controllers. */
public final class PageSupport {

    public static final String ACCESS_COOKIE = "gc_access";
    /** The page session's refresh token, with which the edge renews an expired access cookie silently. */
    public static final String REFRESH_COOKIE = "gc_refresh";

    private PageSupport() {
    }

    /**
     * Whether cookies are marked Secure (sent over HTTPS only): on unless {@code gridcity.web.secure-cookies}
     * is false, as in dev mode on plain http://localhost.
     */
    public static boolean secureCookies() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("gridcity.web.secure-cookies", Boolean.class).orElse(true);
    }

    /** A 200 page response carrying the given cookies (nulls skipped). */
    public static Response page(Object entity, int status, NewCookie... cookies) {
        List<NewCookie> list = new ArrayList<>(Arrays.stream(cookies).filter(Objects::nonNull).toList());
        return Response.status(status).entity(entity).cookie(list.toArray(NewCookie[]::new))
                .header("Cache-Control", "no-store").build();
    }

    /** The cookie holding a page session's access token, confined to the part of the site it is for. */
    public static NewCookie accessCookie(String token, String path, long maxAgeSeconds) {
        return new NewCookie.Builder(ACCESS_COOKIE).value(token).path(path).httpOnly(true).secure(secureCookies())
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) maxAgeSeconds).build();
    }

    public static NewCookie clearAccessCookie(String path) {
        return new NewCookie.Builder(ACCESS_COOKIE).value("").path(path).httpOnly(true).secure(secureCookies())
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }

    /**
     * The cookie holding a page session's refresh token. Strict: a page of another site never makes the
     * browser send it, so a cross-site link cannot spend it.
     */
    public static NewCookie refreshCookie(String token, String path, long maxAgeSeconds) {
        return new NewCookie.Builder(REFRESH_COOKIE).value(token).path(path).httpOnly(true).secure(secureCookies())
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) maxAgeSeconds).build();
    }

    public static NewCookie clearRefreshCookie(String path) {
        return new NewCookie.Builder(REFRESH_COOKIE).value("").path(path).httpOnly(true).secure(secureCookies())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
    }

    /**
     * A return target after signing in, accepted only as a path of this site below {@code prefix}
     * (letters, digits, {@code / _ - . ~ %} and a query), never another site: {@code //evil},
     * {@code /\evil} and absolute URLs are refused. Null when refused or absent.
     */
    public static String localTarget(String target, String prefix) {
        if (target == null || !(target.equals(prefix) || target.startsWith(prefix + "/") || target.startsWith(prefix + "?"))
                || target.startsWith("//") || target.contains("\\")
                || target.contains("//") || target.contains("..")
                || !target.matches("^/[A-Za-z0-9/_.~%-]*(\\?[A-Za-z0-9=&_.~%-]*)?$")) {
            return null;
        }
        return target;
    }

}
