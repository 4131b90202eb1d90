package city.gridcity.calendar;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code calendar} section of tenant.yaml: {@code workingPeriods}, {@code weekend} and, under
 * {@code years}, each year's {@code holidays} and {@code workdays} (make-up days), each a list of
 * {@code {date, name}}.
 */
@ApplicationScoped
public class CalendarPackContent implements PackContent {

    private final CalendarService calendars;

    CalendarPackContent(CalendarService calendars) {
        this.calendars = calendars;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode section = pack.section("calendar");
        if (section.isMissingNode()) {
            return errors;
        }
        try {
            CalendarService.parsePeriods(listOr(section.path("workingPeriods"), CalendarService.DEFAULT_PERIODS),
                    "workingPeriods");
            CalendarService.parseWeekend(listOr(section.path("weekend"), CalendarService.DEFAULT_WEEKEND), "weekend");
        } catch (ProblemException e) {
            e.errors().forEach(err -> errors.add(new Problem.FieldError("tenant.yaml#/calendar/"
                    + err.field().replace("[", "/").replace("]", ""), err.message())));
        }
        section.path("years").fields().forEachRemaining(year -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            if (!year.getKey().matches("^(20[0-9]{2}|2100)$")) {
                errors.add(new Problem.FieldError("tenant.yaml#/calendar/years/" + year.getKey(), "must be a year from 2000 to 2100"));
            }
            for (String kind : List.of("holidays", "workdays")) {
                JsonNode list = year.getValue().path(kind);
                for (int i = 0; i < list.size(); i++) {
                    String path = "tenant.yaml#/calendar/years/" + year.getKey() + "/" + kind + "/" + i;
                    try {
                        LocalDate date = LocalDate.parse(list.get(i).path("date").asText());
                        if (!String.valueOf(date.getYear()).equals(year.getKey())) {
                            errors.add(new Problem.FieldError(path + "/date", date + " is not in " + year.getKey()));
                        }
                    } catch (DateTimeParseException e) {
                        errors.add(new Problem.FieldError(path + "/date", "must be a date like 2026-10-01"));
                    }
                    if (list.get(i).path("name").asText("").isBlank() || list.get(i).path("name").asText("").length() > 100) {
                        errors.add(new Problem.FieldError(path + "/name", "is required, at most 100 characters"));
                    }
                    if (!seen.add(list.get(i).path("date").asText())) {
                        errors.add(new Problem.FieldError(path + "/date", "is listed twice; a day is a holiday or a make-up "
                                + "working day, once"));
                    }
                }
            }
        });
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode section = pack.section("calendar");
        if (section.isMissingNode()) {
            return;
        }
        calendars.updateSettings(listOr(section.path("workingPeriods"), CalendarService.DEFAULT_PERIODS),
                listOr(section.path("weekend"), CalendarService.DEFAULT_WEEKEND), "tenant-pack");
        section.path("years").fields().forEachRemaining(year -> calendars.replaceYear(Integer.parseInt(year.getKey()),
                days(year.getValue().path("holidays"), CalendarDay.Kind.HOLIDAY),
                days(year.getValue().path("workdays"), CalendarDay.Kind.WORKDAY), "tenant-pack"));
    }

    /** The working periods, the weekend and every year that has holidays or make-up days. */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        var section = out.section("calendar");
        CalendarService.Settings settings = calendars.settings();
        settings.workingPeriods().forEach(section.putArray("workingPeriods")::add);
        settings.weekend().forEach(section.putArray("weekend")::add);
        var years = section.putObject("years");
        java.util.Map<Integer, List<CalendarService.SpecialDay>> byYear = new java.util.TreeMap<>();
        CalendarDay.<CalendarDay>list("order by day").forEach(d -> byYear.computeIfAbsent(d.day.getYear(),
                y -> new ArrayList<>()).add(new CalendarService.SpecialDay(d.day, d.kind, d.name)));
        byYear.forEach((year, days) -> {
            var node = years.putObject(String.valueOf(year));
            var holidays = node.putArray("holidays");
            var workdays = node.putArray("workdays");
            for (CalendarService.SpecialDay d : days) {
                (d.kind() == CalendarDay.Kind.HOLIDAY ? holidays : workdays).addObject().put("date", d.date().toString())
                        .put("name", d.name() == null || d.name().isBlank() ? d.date().toString() : d.name());
            }
        });
    }

    @Override
    public int order() {
        return 5;
    }

    private static List<CalendarService.SpecialDay> days(JsonNode list, CalendarDay.Kind kind) {
        List<CalendarService.SpecialDay> days = new ArrayList<>();
        list.forEach(d -> days.add(new CalendarService.SpecialDay(LocalDate.parse(d.path("date").asText()), kind,
                d.path("name").asText())));
        return days;
    }

    /** The node's strings, or the default when the key is absent. */
    private static List<String> listOr(JsonNode node, List<String> fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
