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
}
