package city.gridcity.points;

/**
 * A transfer's reason is stored once in both languages, {@code 中文 · English}, so the API keeps giving both in
 * one field; the pages show the half in the reader's language. Free text (a staff member's reason, a volunteer
 * task's name) is put in both halves, with any separator of its own softened so the split stays unambiguous.
 */
public final class Bilingual {

    static final String SEPARATOR = " · ";

    private Bilingual() {
    }

    /** The stored form of a reason in two languages. */
    public static String of(String zh, String en) {
        return soften(zh) + SEPARATOR + soften(en);
    }

    /** The Chinese half of a stored reason (all of it when it is in one language only, or not of this form). */
    public static String zh(String stored) {
        return in(stored, false);
    }

    /** The English half of a stored reason (all of it when it is in one language only, or not of this form). */
    public static String en(String stored) {
        return in(stored, true);
    }

    /** The half of a stored reason in the reader's language; a reason of another form is shown as stored. */
    public static String in(String stored, boolean english) {
        if (stored == null) {
            return null;
        }
        int at = stored.indexOf(SEPARATOR);
        if (at < 0 || stored.indexOf(SEPARATOR, at + 1) >= 0) {
            return stored;
        }
        return english ? stored.substring(at + SEPARATOR.length()) : stored.substring(0, at);
    }

    private static String soften(String text) {
        return text.replace(SEPARATOR, "·");
    }
}
