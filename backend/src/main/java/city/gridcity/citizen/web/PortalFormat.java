package city.gridcity.citizen.web;

import city.gridcity.cases.ResidentPhase;
import city.gridcity.catalog.ClassNames;
import city.gridcity.shared.i18n.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * How portal pages write times, ages, where a case stands and the category icons, in the page's language
 * and the city's time zone. The templates call it, e.g. {@code {fmt.age(c.reportedAt)}}.
 */
public final class PortalFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The catalog names an icon; the portal draws it as an emoji, so no icon font or picture is fetched. */
    private static final Map<String, String> ICONS = Map.ofEntries(Map.entry("animal", "🐕"), Map.entry("barrier", "🚧"),
            Map.entry("bike", "🚲"), Map.entry("billboard", "🪧"), Map.entry("bin", "🗑️"), Map.entry("board", "📋"),
            Map.entry("broom", "🧹"), Map.entry("building", "🏢"), Map.entry("bus", "🚌"), Map.entry("car", "🚗"),
            Map.entry("dust", "🌫️"), Map.entry("fence", "🚧"), Map.entry("fire", "🔥"), Map.entry("fitness", "🏋️"),
            Map.entry("flower", "🌷"), Map.entry("flyer", "📄"), Map.entry("hazard", "⚠️"), Map.entry("hole", "🕳️"),
            Map.entry("hydrant", "🧯"), Map.entry("kiosk", "🏪"), Map.entry("lamp", "💡"), Map.entry("manhole", "⭕"),
            Map.entry("noise", "🔊"), Map.entry("park", "🌳"), Map.entry("parking", "🅿️"), Map.entry("pavement", "🧱"),
            Map.entry("person", "🧍"), Map.entry("pipe", "🚰"), Map.entry("rubbish", "🚮"), Map.entry("shop", "🏬"),
            Map.entry("sign", "🚏"), Map.entry("signal", "🚦"), Map.entry("snow", "❄️"), Map.entry("toilet", "🚻"),
            Map.entry("tree", "🌲"), Map.entry("truck", "🚚"), Map.entry("vendor", "🛒"), Map.entry("water", "💧"),
            Map.entry("well", "⭕"));
    private static final String DEFAULT_ICON = "📍";

    private final ZoneId zone;
    private final Messages.Msg msg;
    private final Instant now;
    private final ClassNames classes;

    PortalFormat(ZoneId zone, Messages.Msg msg, Instant now, ClassNames classes) {
        this.zone = zone;
        this.msg = msg;
        this.now = now;
        this.classes = classes;
    }

    /**
     * What residents call a catalog class on this page: {@code category(c.kind, c.classCode, c.category)}, the English
     * on English pages where the city's catalog has it, else the Chinese given.
     */
    public String category(Object kind, String code, String chinese) {
        return classes.resident(kind, code, chinese);
    }

    /** A major class's name on this page, the Chinese given where there is no English. */
    public String major(Object kind, String code, String chinese) {
        return classes.major(kind, code, chinese);
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    /** How long ago, in the largest whole unit: 刚刚, 5 分钟前, 3 小时前, 2 天前. */
    public String age(Instant at) {
        if (at == null) {
            return "—";
        }
        Duration d = Duration.between(at, now);
        if (d.toMinutes() < 1) {
            return msg.t("age.now");
        }
        if (d.toHours() < 1) {
            return msg.f("age.minutes", d.toMinutes());
        }
        if (d.toDays() < 1) {
            return msg.f("age.hours", d.toHours());
        }
        return msg.f("age.days", d.toDays());
    }

    /** Where a case stands, in residents' words. */
    public String phase(ResidentPhase phase) {
        return msg.t("rstate." + phase.name());
    }

    /** What happens next from there. */
    public String next(ResidentPhase phase) {
        return msg.t("rnext." + phase.name());
    }

    /** A coded value's label from the bundle: {@code label('stage.', p.stage)} reads {@code stage.BEFORE}. */
    public String label(String prefix, Object value) {
        return value == null ? "—" : msg.t(prefix + value);
    }

    public String icon(String name) {
        return name == null ? DEFAULT_ICON : ICONS.getOrDefault(name, DEFAULT_ICON);
    }

    /** Minutes as hours with one decimal (志愿服务时长 is counted in hours): 90 → "1.5". */
    public String hours(long minutes) {
        return String.format(java.util.Locale.ROOT, "%.1f", minutes / 60.0);
    }

    public String coord(double degrees) {
        return String.format(java.util.Locale.ROOT, "%.6f", degrees);
    }
}
