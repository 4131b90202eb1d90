package city.gridcity.shared.web;

import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * Each field's first problem, for the text next to it: on an English page the service's own words; on a
     * Chinese one {@code <prefix>.error.<code>.<field>} or {@code <prefix>.error.<field>} of the bundle, when
     * it has them. Fields named with an index ({@code eventTypes[2]}) count as the field ({@code eventTypes}).
     */
    public static Map<String, String> byField(Messages.Msg msg, ProblemException e, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError f : e.errors()) {
            int bracket = f.field().indexOf('[');
            String field = bracket < 0 ? f.field() : f.field().substring(0, bracket);
            String text = f.message();
            if (!msg.english()) {
                for (String key : new String[] {prefix + ".error." + e.code() + "." + field, prefix + ".error." + field}) {
                    String found = msg.t(key);
                    if (!found.equals(key)) {
                        text = found;
                        break;
                    }
                }
            }
            errors.putIfAbsent(field, text);
        }
        return errors;
    }
}
