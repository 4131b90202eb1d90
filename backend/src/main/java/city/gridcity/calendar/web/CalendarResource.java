package city.gridcity.calendar.web;

import city.gridcity.calendar.CalendarDay;
import city.gridcity.calendar.CalendarService;
import city.gridcity.calendar.WorkingCalendar;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A city's working calendar: working hours, weekends, holidays and make-up days; deadlines counted on it. */
@Path("/api/v1/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar", description = "工作日历 · Working calendar and time limits")
public class CalendarResource {

    private final CalendarService calendars;
    private final CurrentPrincipal current;

    CalendarResource(CalendarService calendars, CurrentPrincipal current) {
        this.calendars = calendars;
        this.current = current;
    }

    public record SettingsChange(@NotNull @Size(min = 1, max = 6) List<String> workingPeriods,
                                 @NotNull @Size(max = 6) List<String> weekend) {
    }

    public record DayEntry(LocalDate date, @Size(max = 100) String name) {
    }

    public record YearChange(@NotNull @Size(max = 100) List<@Valid DayEntry> holidays,
                             @NotNull @Size(max = 100) List<@Valid DayEntry> workdays) {
    }

    public record CalendarView(CalendarService.Settings settings, int year, List<CalendarService.SpecialDay> days) {
    }

    public record DeadlineView(Instant start, String limit, Instant deadline, String deadlineLocal) {
    }

    @GET
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The city's working periods, weekend, and the holidays and make-up days of a year")
    public CalendarView get(@QueryParam("year") Integer year) {
        int y = year == null ? calendars.today().getYear() : year;
        if (y < 2000 || y > 2100) {
            throw ProblemException.invalid("year", "must be between 2000 and 2100");
        }
        return new CalendarView(calendars.settings(), y, calendars.year(y));
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Set the working periods (e.g. 08:30-12:00) and weekend days")
    public CalendarService.Settings updateSettings(@NotNull @Valid SettingsChange body) {
        return calendars.updateSettings(body.workingPeriods(), body.weekend(), current.require().username());
    }

    @PUT
    @Path("/years/{year}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Replace a year's public holidays and make-up working days (调休)")
    public List<CalendarService.SpecialDay> replaceYear(@PathParam("year") int year, @NotNull @Valid YearChange body) {
        return calendars.replaceYear(year, days(body.holidays(), CalendarDay.Kind.HOLIDAY),
                days(body.workdays(), CalendarDay.Kind.WORKDAY), current.require().username());
    }

    @GET
    @Path("/deadline")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "When a limit of N working hours or days from a start runs out on this city's calendar "
            + "(start: local time of the city, e.g. 2026-09-30T16:30, or with an offset)")
    public DeadlineView deadline(@QueryParam("start") String start, @QueryParam("hours") Double hours,
                                 @QueryParam("days") Integer days) {
        WorkingCalendar calendar = calendars.current();
        Instant from = instant(start, calendar);
        if ((hours == null) == (days == null)) {
            throw ProblemException.invalid("hours", "give either hours or days");
        }
        Instant end;
        String limit;
        if (hours != null) {
            if (!Double.isFinite(hours) || hours < 0 || hours > 10_000) {
                throw ProblemException.invalid("hours", "must be between 0 and 10000");
            }
            Duration d = Duration.ofSeconds(Math.round(hours * 3600));
            end = within(() -> calendar.deadline(from, d));
            limit = d.toString();
        } else {
            if (days < 0 || days > 1000) {
                throw ProblemException.invalid("days", "must be between 0 and 1000");
            }
            end = within(() -> calendar.deadlineInWorkingDays(from, days));
            limit = days + " working days";
        }
        return new DeadlineView(from, limit, end, end.atZone(calendar.zone()).toLocalDateTime().toString());
    }

    private static Instant within(java.util.function.Supplier<Instant> deadline) {
        try {
            return deadline.get();
        } catch (IllegalStateException e) {
            throw ProblemException.invalid("hours", "the limit runs past ten years of this calendar's working time");
        }
    }

    private static Instant instant(String start, WorkingCalendar calendar) {
        if (start == null || start.isBlank()) {
            throw ProblemException.invalid("start", "give the start, e.g. 2026-09-30T16:30");
        }
        try {
            return OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(start).atZone(calendar.zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.invalid("start", "must be a date-time like 2026-09-30T16:30");
            }
        }
    }

    private static List<CalendarService.SpecialDay> days(List<DayEntry> entries, CalendarDay.Kind kind) {
        return entries.stream().map(e -> e == null ? null : new CalendarService.SpecialDay(e.date(), kind, e.name())).toList();
    }
}
