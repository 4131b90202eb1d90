package city.gridcity.shared.web;

import city.gridcity.shared.i18n.Messages;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import java.util.Locale;

/**
 * Picks a page's language: an explicit choice ({@code ?lang=en}, remembered in a cookie) first,
 * then the browser's Accept-Language, then the city's default, then Chinese.
 */
public final class Language {

    public static final String COOKIE = "gc_lang";

    private Language() {
    }

    public static String choose(String queryLang, HttpHeaders headers, String cityDefault) {
        if (Messages.supported(queryLang)) {
            return queryLang;
        }
        var cookie = headers.getCookies().get(COOKIE);
        if (cookie != null && Messages.supported(cookie.getValue())) {
            return cookie.getValue();
        }
        for (Locale locale : headers.getAcceptableLanguages()) {
            if (locale.getLanguage().equals("zh")) {
                return Messages.CHINESE;
            }
            if (locale.getLanguage().equals("en")) {
                return Messages.ENGLISH;
            }
        }
        return Messages.supported(cityDefault) ? cityDefault : Messages.CHINESE;
    }

    /** The cookie that remembers an explicit choice, or null when none was made in this request. */
    public static NewCookie remember(String queryLang) {
        if (!Messages.supported(queryLang)) {
            return null;
        }
        return new NewCookie.Builder(COOKIE).value(queryLang).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
