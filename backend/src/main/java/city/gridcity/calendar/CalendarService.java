package city.gridcity.calendar;

import city.gridcity.audit.AdminAudit;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The current city's working calendar: its settings, its holidays and make-up days by year, and
 * the {@link WorkingCalendar} that time limits are counted on (cached per city, dropped on change).
 */
@ApplicationScoped
public class CalendarService {

    /** Until a city says otherwise: 08:30-12:00 and 13:30-17:30, Saturday and Sunday off. */
    public static final List<String> DEFAULT_PERIODS = List.of("08:30-12:00", "13:30-17:30");
    public static final List<String> DEFAULT_WEEKEND = List.of("SATURDAY", "SUNDAY");

    /**
     * Calendars by city and time zone (a changed zone is a new key). Entries live a short while, so
     * another replica's change reaches this one within {@link #TTL_NANOS}.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    static final long TTL_NANOS = java.time.Duration.ofSeconds(30).toNanos();

    private record Cached(WorkingCalendar calendar, long loadedAt) {
    }
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    private final AdminAudit audit;

    CalendarService(TenantContext tenant, TenantDirectory directory, TransactionSynchronizationRegistry transactions,
                    Clock clock, AdminAudit audit) {
        this.audit = audit;
        this.tenant = tenant;
        this.directory = directory;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The settings as the API shows them. */
    public record Settings(String timeZone, List<String> workingPeriods, List<String> weekend) {
    }

    /** A holiday or make-up working day. */
    public record SpecialDay(LocalDate date, CalendarDay.Kind kind, String name) {
    }

    /** The current city's calendar, for counting time limits. */
    @Transactional
    public WorkingCalendar current() {
        TenantRef city = city();
        String key = city.code() + "|" + city.timeZone();
        Cached cached = cache.get(key);
        if (cached == null || System.nanoTime() - cached.loadedAt() > TTL_NANOS) {
            cached = new Cached(build(city), System.nanoTime());
            cache.put(key, cached);
        }
        return cached.calendar();
    }

    @Transactional
    public Settings settings() {
        TenantRef city = city();
        return CalendarSettings.<CalendarSettings>findAll().firstResultOptional()
                .map(s -> new Settings(city.timeZone(), split(s.workingPeriods), split(s.weekendDays)))
                .orElse(new Settings(city.timeZone(), DEFAULT_PERIODS, DEFAULT_WEEKEND));
    }

    /**
     * Replaces the working periods and weekend days.
     *
     * @throws ProblemException 400 naming {@code workingPeriods} or {@code weekend}
     */
    @Transactional
    public Settings updateSettings(List<String> periods, List<String> weekend, String by) {
        List<WorkingCalendar.Period> parsed = parsePeriods(periods, "workingPeriods");
        Set<DayOfWeek> days = parseWeekend(weekend, "weekend");
        CalendarSettings s = CalendarSettings.<CalendarSettings>findAll().firstResultOptional()
                .orElseGet(CalendarSettings::new);
        Settings before = settings();
        s.workingPeriods = parsed.stream().map(p -> p.start() + "-" + (p.end().equals(LocalTime.MAX) ? "24:00" : p.end()))
                .collect(Collectors.joining(","));
        s.weekendDays = days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        audit.changed(AdminAudit.Area.CALENDAR, "settings", "workingPeriods", String.join(" ", before.workingPeriods()),
                s.workingPeriods.replace(',', ' '));
        audit.changed(AdminAudit.Area.CALENDAR, "settings", "weekend", String.join(" ", before.weekend()),
                s.weekendDays.replace(',', ' '));
        s.updatedAt = clock.instant();
        s.updatedBy = by;
        s.persist();
        changed();
        return settings();
    }

    /** A year's days of a kind as the audit shows them: {@code 2027-01-01 元旦；2027-01-02 元旦}. */
    private static String describe(List<SpecialDay> days, CalendarDay.Kind kind) {
        return days.stream().filter(d -> d.kind() == kind).sorted(java.util.Comparator.comparing(SpecialDay::date))
                .map(d -> d.date() + (d.name() == null ? "" : " " + d.name())).collect(Collectors.joining("；"));
    }

    /** The holidays and make-up days of a year, by date. */
    @Transactional
    public List<SpecialDay> year(int year) {
        return CalendarDay.<CalendarDay>list("day >= ?1 and day <= ?2 order by day", LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31)).stream().map(d -> new SpecialDay(d.day, d.kind, d.name)).toList();
    }

    /**
     * Replaces a year's holidays and make-up working days, all or nothing.
     *
     * @throws ProblemException 400 naming each bad entry ({@code holidays[2].date})
     */
    @Transactional
    public List<SpecialDay> replaceYear(int year, List<SpecialDay> holidays, List<SpecialDay> workdays, String by) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("year", "must be between 2000 and 2100");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        check(year, holidays, "holidays", seen, errors);
        check(year, workdays, "workdays", seen, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        List<SpecialDay> before = year(year);
        audit.changed(AdminAudit.Area.CALENDAR, String.valueOf(year), "holidays", describe(before, CalendarDay.Kind.HOLIDAY),
                describe(holidays, CalendarDay.Kind.HOLIDAY));
        audit.changed(AdminAudit.Area.CALENDAR, String.valueOf(year), "workdays", describe(before, CalendarDay.Kind.WORKDAY),
                describe(workdays, CalendarDay.Kind.WORKDAY));
        CalendarDay.delete("day >= ?1 and day <= ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        CalendarDay.flush();
        Instant now = clock.instant();
        for (SpecialDay d : holidays) {
            store(d.date(), CalendarDay.Kind.HOLIDAY, d.name(), now, by);
        }
        for (SpecialDay d : workdays) {
            store(d.date(), CalendarDay.Kind.WORKDAY, d.name(), now, by);
        }
        changed();
        return year(year);
    }

    private void check(int year, List<SpecialDay> days, String field, Set<LocalDate> seen, List<Problem.FieldError> errors) {
        if (days == null) {
            return;
        }
        for (int i = 0; i < days.size(); i++) {
            SpecialDay d = days.get(i);
            String at = field + "[" + i + "]";
            if (d == null || d.date() == null) {
                errors.add(new Problem.FieldError(at + ".date", "is required"));
                continue;
            }
            if (d.date().getYear() != year) {
                errors.add(new Problem.FieldError(at + ".date", d.date() + " is not in " + year));
            }
            if (!seen.add(d.date())) {
                errors.add(new Problem.FieldError(at + ".date", d.date() + " is listed twice; a day is a holiday or a "
                        + "make-up working day, once"));
            }
            if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
                errors.add(new Problem.FieldError(at + ".name", "give the day's name, at most 100 characters"));
            }
        }
    }

    private void store(LocalDate date, CalendarDay.Kind kind, String name, Instant now, String by) {
        CalendarDay day = new CalendarDay();
        day.day = date;
        day.kind = kind;
        day.name = name.trim();
        day.updatedAt = now;
        day.updatedBy = by;
        day.persist();
    }

    private WorkingCalendar build(TenantRef city) {
        Settings s = settings();
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        for (CalendarDay d : CalendarDay.<CalendarDay>listAll()) {
            (d.kind == CalendarDay.Kind.HOLIDAY ? holidays : workdays).add(d.day);
        }
        return new WorkingCalendar(ZoneId.of(city.timeZone()), parsePeriods(s.workingPeriods(), "workingPeriods"),
                parseWeekend(s.weekend(), "weekend"), holidays, workdays);
    }

    /** Today in the current city's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of(city().timeZone())));
    }

    private void changed() {
        String code = city().code();
        cache.keySet().removeIf(k -> k.startsWith(code + "|"));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.keySet().removeIf(k -> k.startsWith(code + "|"));
            }
        });
    }

    /** Parses "HH:mm-HH:mm" periods ("24:00" ends a day). */
    public static List<WorkingCalendar.Period> parsePeriods(List<String> periods, String field) {
        if (periods == null || periods.isEmpty()) {
            throw ProblemException.invalid(field, "give at least one working period such as 08:30-12:00");
        }
        List<WorkingCalendar.Period> parsed = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            String p = periods.get(i) == null ? "" : periods.get(i).trim();
            String[] parts = p.split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("", p, 0);
                }
                LocalTime end = parts[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(parts[1].trim());
                parsed.add(new WorkingCalendar.Period(LocalTime.parse(parts[0].trim()), end));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.invalid(field + "[" + i + "]", "must be a period like 08:30-12:00, ending after it starts");
            }
        }
        try {
            new WorkingCalendar(ZoneId.of("UTC"), parsed, Set.of(), Set.of(), Set.of());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, e.getMessage());
        }
        return parsed;
    }

    public static Set<DayOfWeek> parseWeekend(List<String> weekend, String field) {
        Set<DayOfWeek> days = new HashSet<>();
        if (weekend == null) {
            return days;
        }
        for (int i = 0; i < weekend.size(); i++) {
            String d = weekend.get(i);
            try {
                days.add(DayOfWeek.valueOf(d == null ? "" : d.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(field + "[" + i + "]", "must be a day such as SATURDAY, not '" + d + "'");
            }
        }
        if (days.size() == 7) {
            throw ProblemException.invalid(field, "cannot hold every day of the week");
        }
        return days;
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    private TenantRef city() {
        String code = tenant.tenantCode().orElseThrow(() -> ProblemException.forbidden("no-city",
                "A working calendar belongs to a city; sign in as a user of a city."));
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }
}
