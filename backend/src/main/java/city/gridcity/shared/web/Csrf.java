package city.gridcity.shared.web;

import city.gridcity.shared.problem.ProblemException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit protection for page forms: a random token lives in a SameSite cookie and in a
 * hidden field of every form; a POST whose two copies differ did not come from our page.
 */
public final class Csrf {

    public static final String COOKIE = "gc_csrf";
    public static final String FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The token already in the browser, or a new one (to be set with {@link #cookie}). */
    public static String tokenOrNew(String cookieValue) {
        if (cookieValue != null && cookieValue.length() >= 32) {
            return cookieValue;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static jakarta.ws.rs.core.NewCookie cookie(String token) {
        return new jakarta.ws.rs.core.NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true)
                .secure(PageSupport.secureCookies())
                .sameSite(jakarta.ws.rs.core.NewCookie.SameSite.STRICT).build();
    }

    /** Refuses a form whose token is missing or differs from the cookie's. */
    public static void verify(String formToken, String cookieToken) {
        if (formToken == null || cookieToken == null || !MessageDigest.isEqual(formToken.getBytes(), cookieToken.getBytes())) {
            throw ProblemException.forbidden("csrf", "This form has expired or did not come from this site; "
                    + "reload the page and submit it again.");
        }
    }
}
