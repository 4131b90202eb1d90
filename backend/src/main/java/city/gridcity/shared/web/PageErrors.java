package city.gridcity.shared.web;

import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;

/**
 * Turns a refusal into text for a page, in the page's language. A bundle may hold
 * {@code error.<code>.<field>} or {@code error.<code>}; otherwise the problem's own detail shows.
 */
public final class PageErrors {

    private PageErrors() {
    }

    public static String text(Messages.Msg msg, ProblemException e) {
        if (!e.errors().isEmpty()) {
            String key = "error." + e.code() + "." + e.errors().get(0).field();
            String text = msg.t(key);
            if (!text.equals(key)) {
                return text;
            }
        }
        String key = "error." + e.code();
        String text = msg.t(key);
        return text.equals(key) ? e.getMessage() : text;
    }
}
