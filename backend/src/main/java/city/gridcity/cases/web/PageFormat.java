package city.gridcity.cases.web;

import city.gridcity.cases.CaseState;
import city.gridcity.shared.i18n.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * How the case pages write times, states, actions and departments: in the city's time zone and the
 * page's language. One per request; the templates call it, e.g. {@code {fmt.time(c.reportedAt)}}.
 */
public final class PageFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String NONE = "—";

    private final ZoneId zone;
    private final Messages.Msg msg;
    private final Map<String, String> departmentNames;
    private final city.gridcity.catalog.ClassNames classes;

    PageFormat(ZoneId zone, Messages.Msg msg, Map<String, String> departmentNames,
               city.gridcity.catalog.ClassNames classes) {
        this.zone = zone;
        this.msg = msg;
        this.departmentNames = departmentNames;
        this.classes = classes;
    }

    /** A format with no catalog at hand: class names show as given. */
    PageFormat(ZoneId zone, Messages.Msg msg, Map<String, String> departmentNames) {
        this(zone, msg, departmentNames, city.gridcity.catalog.ClassNames.none(msg.english()));
    }

    /**
     * A catalog subclass's name on this page: {@code cls(c.kind, c.classCode, c.className)}, the English on English
     * pages where the city's catalog has it, else the Chinese given (the name the case keeps).
     */
    public String cls(Object kind, String code, String chinese) {
        return classes.name(kind, code, chinese);
    }

    /** A major class's name on this page, the Chinese given where there is no English. */
    public String major(Object kind, String code, String chinese) {
        return classes.major(kind, code, chinese);
    }

    /** The names of the catalog's classes in this page's language. */
    public city.gridcity.catalog.ClassNames classes() {
        return classes;
    }

    /** A moment as the city's clocks show it, to the minute. */
    public String time(Instant at) {
        return at == null ? NONE : TIME.format(at.atZone(zone));
    }

    /** A coordinate to six decimals: about 0.1 m, as precise as any report is. */
    public String coord(double degrees) {
        return String.format(java.util.Locale.ROOT, "%.6f", degrees);
    }

    public String day(LocalDate day) {
        return day == null ? NONE : day.toString();
    }

    /** The city's time zone, named under the tables so nobody wonders whose clock it is. */
    public String zone() {
        return zone.getId();
    }

    public String state(CaseState state) {
        return state == null ? NONE : msg.t("state." + state.name());
    }

    public String phase(CaseState.Phase phase) {
        return phase == null ? NONE : msg.t("phase." + phase.name());
    }

    public String action(String wireName) {
        return msg.t("action." + wireName);
    }

    /** A role's label; the system's own steps (jobs, follow-ups) have a label too. */
    public String role(String wireName) {
        return msg.t("role." + wireName);
    }

    /** A department by name and code; a code the city no longer knows shows as it is. */
    public String dept(String code) {
        if (code == null) {
            return NONE;
        }
        String name = departmentNames.get(code);
        return name == null ? code : name + " (" + code + ")";
    }

    /** A coded value's label from the bundle: {@code label('ptype.', c.problemType)} reads {@code ptype.ORDINARY}. */
    public String label(String prefix, Object value) {
        return value == null ? NONE : msg.t(prefix + value);
    }

    public String text(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
