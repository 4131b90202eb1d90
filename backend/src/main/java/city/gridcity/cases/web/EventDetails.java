package city.gridcity.cases.web;

import city.gridcity.catalog.FilingCondition;
import city.gridcity.shared.i18n.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An event's data written out in the reader's language, with names instead of codes: departments by
 * name, times in the city's zone, limits in the bundle's units, the filing condition with its text,
 * the unit grid with its name, the routing rule in words. What the history page shows under each step.
 */
final class EventDetails {

    /** Keys that are read together with another key, not shown on their own. */
    private static final Set<String> FOLDED = Set.of("routingRule", "routingArea", "routedTo", "override", "residentId");

    /** Every key an event's data may carry; each has a label {@code detail.<key>} in both bundles. */
    static final Set<String> KEYS = Set.of("unit", "layoutVersion", "possibleDuplicates", "districtReport", "condition",
            "limit", "problemType", "department", "routing", "duplicateOf", "extension", "deadline", "resumeOn",
            "remainingSeconds", "departments", "lead", "returnedBy", "auditSampled", "solvedLevel", "solved", "satisfaction",
            "comment", "photo", "localUnit", "localDeadline", "escalation");

    private final Messages.Msg msg;
    private final PageFormat fmt;
    private final ObjectMapper json;
    private final Map<String, String> conditions;
    private final Map<String, String> gridNames;

    /**
     * @param conditions the case's filing conditions, code to text
     * @param gridNames  names of the case's grid units by code (empty when the layout is unknown)
     */
    EventDetails(Messages.Msg msg, PageFormat fmt, ObjectMapper json, Map<String, String> conditions,
                 Map<String, String> gridNames) {
        this.msg = msg;
        this.fmt = fmt;
        this.json = json;
        this.conditions = conditions;
        this.gridNames = gridNames;
    }

    /** The data as "label: value" pairs in the stored order; {@code null} when there is none. */
    String render(String data) {
        if (data == null) {
            return null;
        }
        Map<String, Object> map;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> read = json.readValue(data, LinkedHashMap.class);
            map = read;
        } catch (JsonProcessingException e) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getValue() == null || FOLDED.contains(e.getKey())) {
                continue;
            }
            String value = value(e.getKey(), e.getValue(), map);
            if (value != null) {
                parts.add(msg.t("detail." + e.getKey()) + msg.t("detail.sep") + value);
            }
        }
        return parts.isEmpty() ? null : String.join(msg.t("list.sep.detail"), parts);
    }

    private String value(String key, Object value, Map<String, Object> all) {
        String text = value.toString();
        return switch (key) {
            case "unit" -> gridNames.containsKey(text) ? gridNames.get(text) + " (" + text + ")" : text;
            case "condition" -> conditions.containsKey(text) ? text + " · " + conditions.get(text) : text;
            case "limit", "extension" -> amount(text);
            case "problemType" -> msg.t("ptype." + text);
            case "solvedLevel" -> msg.t("level." + text);
            case "department" -> fmt.dept(text) + (Boolean.TRUE.equals(all.get("override")) && all.get("routedTo") != null
                    ? " " + msg.f("detail.overridden", fmt.dept(all.get("routedTo").toString())) : "");
            case "lead", "returnedBy", "localUnit" -> fmt.dept(text);
            case "localDeadline" -> time(text);
            case "escalation" -> msg.t("escalation." + text);
            case "departments" -> list(value).stream().map(fmt::dept).collect(Collectors.joining(msg.t("list.sep")));
            case "possibleDuplicates" -> String.join(msg.t("list.sep"), list(value));
            case "routing" -> routing(text, all);
            case "deadline" -> time(text);
            case "resumeOn" -> day(text);
            case "remainingSeconds" -> duration(((Number) value).longValue());
            case "auditSampled" -> msg.t(Boolean.TRUE.equals(value) ? "detail.auditSampled.yes" : "detail.auditSampled.no");
            case "solved" -> msg.t(Boolean.TRUE.equals(value) ? "detail.solved.yes" : "detail.solved.no");
            case "satisfaction" -> msg.t("satisfaction." + text);
            case "photo" -> "#" + text;
            default -> text;
        };
    }

    /** "4 WORKING_HOURS" as "4 工作小时". */
    private String amount(String text) {
        String[] parts = text.split(" ");
        if (parts.length == 2) {
            try {
                FilingCondition.Unit unit = FilingCondition.Unit.valueOf(parts[1]);
                return parts[0] + " " + msg.t("unit." + unit.name());
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
        return text;
    }

    /** The routing rule in words; events written before rules had names keep their English text. */
    private String routing(String text, Map<String, Object> all) {
        Object rule = all.get("routingRule");
        if (rule == null) {
            return msg.english() ? text : null;
        }
        Object area = all.get("routingArea");
        String areaName = area == null ? "" : gridNames.getOrDefault(area.toString(), area.toString());
        return msg.f("routing." + rule, areaName);
    }

    private String time(String text) {
        try {
            return fmt.time(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private String day(String text) {
        try {
            return fmt.day(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return d.toHours() + " " + msg.t("detail.hours") + " " + d.toMinutesPart() + " " + msg.t("detail.minutes");
    }

    private static List<String> list(Object value) {
        return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of(value.toString());
    }
}
