package city.gridcity.calendar.web;

import city.gridcity.calendar.CalendarDay;
import city.gridcity.calendar.CalendarService;
import city.gridcity.calendar.WorkingCalendar;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The city administrator's working calendar (工作日历): a year as twelve months, each day marked working,
 * weekend, public holiday or make-up working day (调休), and the year's holidays and make-up days as two lists
 * to edit, one day per line ({@code 2027-01-01 元旦}). Replaced all or nothing by {@link CalendarService}, each
 * bad line named next to its list; post, redirect, get.
 */
@Path("/console/admin/calendar")
@Produces(MediaType.TEXT_HTML)
public class CalendarPages {

    static final String PAGE = "/console/admin/calendar";

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance calendar(Messages.Msg msg, View view);
    }

    public record View(String csrf, int year, int previousYear, int nextYear, List<Month> months, List<String> weekdays, String holidays, String workdays,
                       Map<String, String> errors, String done, String error, String timeZone, String periods,
                       List<WeekDay> weekend) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A day of the week for the weekend's boxes: its name and whether it is off. */
    public record WeekDay(String value, String label, boolean off) {
    }

    /** A month's weeks, Monday first; a null day is a blank before the 1st or after the last. */
    public record Month(String name, List<List<Day>> weeks) {
    }

    /** {@code kind}: work, weekend, holiday or makeup; {@code title}: the holiday's or make-up day's name. */
    public record Day(int dayOfMonth, String kind, String title) {
    }

    private final CurrentPrincipal current;
    private final CalendarService calendar;
    private final Messages messages;

    CalendarPages(CurrentPrincipal current, CalendarService calendar, Messages messages) {
        this.current = current;
        this.calendar = calendar;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("year") String yearParam, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The working calendar");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        int year = parseYear(yearParam, calendar.today().getYear());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        List<CalendarService.SpecialDay> special = calendar.year(year);
        String holidays = lines(special, CalendarDay.Kind.HOLIDAY);
        String workdays = lines(special, CalendarDay.Kind.WORKDAY);
        Map<String, String> errors = Map.of();
        if (refusal != null) {
            holidays = note.get().value("holidays") == null ? "" : note.get().value("holidays");
            workdays = note.get().value("workdays") == null ? "" : note.get().value("workdays");
            errors = PageErrors.byField(msg, refusal, "calendar");
        }
        WorkingCalendar working = calendar.current();
        Map<LocalDate, CalendarService.SpecialDay> byDate = special.stream()
                .collect(Collectors.toMap(CalendarService.SpecialDay::date, d -> d, (a, b) -> a));
        List<Month> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(month(msg, YearMonth.of(year, m), working, byDate));
        }
        List<String> weekdays = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekdays.add(msg.t("calendar.weekday." + d.getValue()));
        }
        CalendarService.Settings settings = calendar.settings();
        boolean settingsTyped = refusal != null && "settings".equals(note.get().value("form"));
        String periods = settingsTyped ? orEmpty(note.get().value("periods")) : String.join(" ", settings.workingPeriods());
        List<String> off = settingsTyped ? List.of(orEmpty(note.get().value("weekend")).split(",")) : settings.weekend();
        List<WeekDay> weekend = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekend.add(new WeekDay(d.name(), msg.t("calendar.weekday." + d.getValue()), off.contains(d.name())));
        }
        if (settingsTyped) {
            holidays = lines(special, CalendarDay.Kind.HOLIDAY);
            workdays = lines(special, CalendarDay.Kind.WORKDAY);
        }
        View view = new View(csrf, year, year - 1, year + 1, months, weekdays, holidays, workdays, errors,
                note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("calendar.problems"),
                settings.timeZone(), periods, weekend);
        return PageSupport.page(Templates.calendar(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/{year}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replace(@PathParam("year") int year, MultivaluedMap<String, String> form,
                            @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The working calendar");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String back = PAGE + "?year=" + year;
        String holidays = form.getFirst("holidays") == null ? "" : form.getFirst("holidays");
        String workdays = form.getFirst("workdays") == null ? "" : form.getFirst("workdays");
        try {
            List<Problem.FieldError> problems = new ArrayList<>();
            List<CalendarService.SpecialDay> h = parse(holidays, CalendarDay.Kind.HOLIDAY, "holidays", problems);
            List<CalendarService.SpecialDay> w = parse(workdays, CalendarDay.Kind.WORKDAY, "workdays", problems);
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            calendar.replaceYear(year, h, w, user.get().username());
            return Flash.done(back, "calendar.done.saved");
        } catch (ProblemException e) {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("holidays", holidays);
            typed.put("workdays", workdays);
            return Flash.refused(back, e, typed);
        }
    }

    /** The working periods (08:30-12:00 14:00-17:30) and the weekend's days, for every year. */
    @POST
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settings(@QueryParam("year") Integer year, MultivaluedMap<String, String> form,
                             @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = current.cityAdministrator("The working calendar");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        String back = PAGE + (year == null ? "" : "?year=" + year);
        String periods = form.getFirst("periods") == null ? "" : form.getFirst("periods");
        List<String> weekend = form.get("weekend") == null ? List.of() : form.get("weekend");
        try {
            calendar.updateSettings(java.util.Arrays.stream(periods.trim().split("[\\s,，;；]+")).filter(p -> !p.isBlank())
                    .toList(), weekend, user.get().username());
            return Flash.done(back, "calendar.done.settings");
        } catch (ProblemException e) {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("form", "settings");
            typed.put("periods", periods);
            typed.put("weekend", String.join(",", weekend));
            return Flash.refused(back, e, typed);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One day per line: a date, then its name; a line that is not one is named with its number. */
    private static List<CalendarService.SpecialDay> parse(String text, CalendarDay.Kind kind, String field,
                                                          List<Problem.FieldError> problems) {
        List<CalendarService.SpecialDay> days = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            try {
                days.add(new CalendarService.SpecialDay(LocalDate.parse(parts[0]), kind, parts.length > 1 ? parts[1].trim() : null));
            } catch (DateTimeParseException e) {
                problems.add(new Problem.FieldError(field, "line " + (i + 1) + " ('" + line + "'): start with a date such as "
                        + "2027-01-01, then the name"));
            }
        }
        return days;
    }

    private static String lines(List<CalendarService.SpecialDay> days, CalendarDay.Kind kind) {
        return days.stream().filter(d -> d.kind() == kind)
                .map(d -> d.date() + (d.name() == null ? "" : " " + d.name())).collect(Collectors.joining("\n"));
    }

    private static Month month(Messages.Msg msg, YearMonth ym, WorkingCalendar working,
                               Map<LocalDate, CalendarService.SpecialDay> special) {
        List<List<Day>> weeks = new ArrayList<>();
        List<Day> week = new ArrayList<>();
        for (int blank = 1; blank < ym.atDay(1).getDayOfWeek().getValue(); blank++) {
            week.add(null);
        }
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate date = ym.atDay(d);
            CalendarService.SpecialDay s = special.get(date);
            String kind;
            if (s != null) {
                kind = s.kind() == CalendarDay.Kind.HOLIDAY ? "holiday" : "makeup";
            } else {
                kind = working.isWorkingDay(date) ? "work" : "weekend";
            }
            week.add(new Day(d, kind, s == null || s.name() == null ? msg.t("calendar.kind." + kind) : s.name()));
            if (week.size() == 7) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(null);
            }
            weeks.add(week);
        }
        return new Month(msg.t("calendar.month." + ym.getMonthValue()), weeks);
    }

    private static int parseYear(String value, int fallback) {
        try {
            int y = value == null ? fallback : Integer.parseInt(value.trim());
            return y < 2000 || y > 2100 ? fallback : y;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
