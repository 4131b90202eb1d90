package city.gridcity.assessment;

import city.gridcity.calendar.CalendarService;
import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The entries of the non-system sources of assessment of the current city: 明察 (a panel member's score of a target),
 * 暗访 (a problem an investigator found), 社会监督 (a valid resident's report or a media exposure case) and 公众评议
 * (a survey result, one by one or a CSV file). Entries are never changed: a correction is a new entry naming the one
 * it replaces ({@code corrects}), or withdrawing it; only the newest of a chain is read by a run.
 *
 * <p>Who may enter: assessors every source; city supervisors (the investigators of re-supervision) also 暗访. Who may
 * read: assessors, the city administrator, and whoever may enter the source.
 *
 * <p>Bad input is a 400 naming each field, and nothing is stored: an unknown target (a code or the Chinese name of a
 * district, street, community or department in force on the day), a score outside 0 to 100, a day in the future; a day
 * whose period is published for the target is a 409 naming {@code day}.
 */
@ApplicationScoped
public class Sources {

    /** The most photo references an entry carries. */
    public static final int MAX_PHOTOS = 9;
    /** The most lines a survey file holds. */
    public static final int MAX_LINES = 5000;

    /** What is entered; fields a source does not use are ignored. {@code withdraw} with {@code corrects} removes it. */
    public record Entering(String target, String day, BigDecimal score, String panelist, String kind, String place,
                           String description, List<String> photos, String caseNumber, Integer respondents,
                           Long corrects, Boolean withdraw) {
    }

    /** An entry as read: {@code current} false once a later entry corrected or withdrew it. */
    public record View(long id, String source, String target, String targetName, LocalDate day, BigDecimal score,
                       String panelist, String kind, String place, String description, List<String> photos,
                       String caseNumber, Integer respondents, Long corrects, boolean withdrawn, Long correctedBy,
                       boolean current, String importDigest, Instant createdAt, String createdBy) {
    }

    /** A survey file imported: how many results, the file's digest, the entries. */
    public record Imported(int count, String digest, List<View> entries) {
    }

    private final GridQueries grid;
    private final city.gridcity.grid.GridLocator locator;
    private final DepartmentService departments;
    private final CaseFactsQueries facts;
    private final CalendarService calendar;
    private final ObjectMapper json;
    private final Clock clock;

    Sources(GridQueries grid, city.gridcity.grid.GridLocator locator, DepartmentService departments,
            CaseFactsQueries facts, CalendarService calendar, ObjectMapper json, Clock clock) {
        this.grid = grid;
        this.locator = locator;
        this.departments = departments;
        this.facts = facts;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    /** Whether the user may enter entries of the source. */
    public static boolean mayEnter(Principal p, SourceEntry.Source source) {
        return p.roles().contains(Role.ASSESSOR)
                || source == SourceEntry.Source.VISIT && p.roles().contains(Role.CITY_SUPERVISOR);
    }

    /** Whether the user may read entries of the source. */
    public static boolean mayRead(Principal p, SourceEntry.Source source) {
        return mayEnter(p, source) || p.roles().contains(Role.CITY_ADMIN);
    }

    /** The source named on the wire ({@code inspection}, {@code visit}, {@code supervision}, {@code survey}); 404 otherwise. */
    public static SourceEntry.Source source(String name) {
        return SourceEntry.Source.fromWireName(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("Source '" + name + "' (use inspection, visit, supervision or survey)"));
    }

    /**
     * Stores one entry (or a correction of one).
     *
     * @throws ProblemException 400 naming each bad field, 409 naming {@code day} for a published period or
     *                          {@code corrects} for an entry corrected already; nothing is stored then
     */
    @Transactional
    public View enter(SourceEntry.Source source, Entering in, String by) {
        if (in == null) {
            throw ProblemException.invalid("target", "send the entry: {target, day, ...}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        SourceEntry original = null;
        if (in.corrects() != null) {
            original = SourceEntry.findById(in.corrects());
            if (original == null || original.source != source) {
                errors.add(new Problem.FieldError("corrects", "no " + source.wireName() + " entry " + in.corrects()
                        + " of this city to correct"));
                original = null;
            } else if (SourceEntry.count("corrects", original.id) > 0) {
                throw ProblemException.conflict("corrected-already", "corrects", "entry " + original.id
                        + " was corrected already; correct its newest correction instead");
            }
        }
        boolean withdraw = Boolean.TRUE.equals(in.withdraw());
        if (withdraw && in.corrects() == null) {
            errors.add(new Problem.FieldError("withdraw", "name the entry withdrawn in corrects"));
        }
        SourceEntry e = new SourceEntry();
        e.source = source;
        if (withdraw && original != null) {
            copy(original, e);
            e.withdrawn = true;
        } else if (!withdraw) {
            LocalDate day = day(errors, "day", in.day());
            e.day = day;
            e.target = target(errors, "target", in.target(), day == null ? calendar.today() : day, null);
            fields(errors, source, in, e);
        }
        if (withdraw) {
            e.description = limited(errors, "description", in.description(), 2000);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (original != null) {
            open(original.target, original.day);
        }
        open(e.target, e.day);
        e.corrects = original == null ? null : original.id;
        e.createdAt = clock.instant();
        e.createdBy = by;
        e.persist();
        return view(e, names(), null);
    }

    /**
     * Imports a survey file (公众评议): UTF-8 CSV with a header naming {@code target} (考评对象) and {@code score} (得分),
     * optionally {@code respondents} (样本数) and {@code day} (日期, else the day given). All or nothing: every problem
     * is listed by line ({@code lines[N].field}, N the file's line number), and the same file imported twice is a
     * 409 naming {@code file}.
     */
    @Transactional
    public Imported importSurvey(byte[] file, String dayText, String by) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate fallback = dayText == null || dayText.isBlank() ? null : day(errors, "day", dayText);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (file == null || file.length == 0) {
            throw ProblemException.invalid("file", "send a CSV file with a header line (target,score[,respondents][,day])");
        }
        String digest = sha256(file);
        if (SourceEntry.count("importDigest", digest) > 0) {
            throw ProblemException.conflict("imported-already", "file", "this file was imported already; nothing was stored");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException ex) {
            throw ProblemException.invalid("file", "the file is not UTF-8; save it as UTF-8 (CSV UTF-8) and try again");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        Map<String, Integer> columns = header(lines[0]);
        if (!columns.containsKey("target") || !columns.containsKey("score")) {
            throw ProblemException.invalid("lines[1]", "the first line names the columns: target,score[,respondents][,day] "
                    + "(or 考评对象,得分,样本数,日期)");
        }
        if (fallback == null && !columns.containsKey("day")) {
            throw ProblemException.invalid("day", "give the survey's day (YYYY-MM-DD) or a day column in the file");
        }
        if (lines.length - 1 > MAX_LINES) {
            throw ProblemException.invalid("file", "a file holds at most " + MAX_LINES + " lines; split it");
        }
        Map<String, Map<String, String>> namesByDay = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<SourceEntry> entries = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            String at = "lines[" + (n + 1) + "]";
            List<String> cells = cells(line);
            if (cells.size() > columns.size()) {
                errors.add(new Problem.FieldError(at, "the line has " + cells.size() + " cells, the header " + columns.size()));
                continue;
            }
            int before = errors.size();
            LocalDate day = columns.containsKey("day") && !cell(cells, columns.get("day")).isBlank()
                    ? day(errors, at + ".day", cell(cells, columns.get("day"))) : fallback;
            if (day == null && errors.size() == before) {
                errors.add(new Problem.FieldError(at + ".day", "give the day (YYYY-MM-DD)"));
            }
            SourceEntry e = new SourceEntry();
            e.source = SourceEntry.Source.SURVEY;
            e.day = day;
            e.target = target(errors, at + ".target", cell(cells, columns.get("target")), day == null ? calendar.today() : day,
                    namesByDay);
            e.score = score(errors, at + ".score", cell(cells, columns.get("score")));
            if (columns.containsKey("respondents") && !cell(cells, columns.get("respondents")).isBlank()) {
                try {
                    e.respondents = Integer.valueOf(cell(cells, columns.get("respondents")).trim());
                    if (e.respondents <= 0) {
                        errors.add(new Problem.FieldError(at + ".respondents", "give the number of respondents, more than 0"));
                    }
                } catch (NumberFormatException ex) {
                    errors.add(new Problem.FieldError(at + ".respondents", "give the number of respondents as a whole number, not '"
                            + cell(cells, columns.get("respondents")) + "'"));
                }
            }
            if (errors.size() == before && !seen.add(e.target + "@" + e.day)) {
                errors.add(new Problem.FieldError(at + ".target", "the file has another result for " + e.target + " on "
                        + e.day + "; one result per target and day"));
            }
            if (errors.size() == before) {
                ProblemException closed = closedProblem(e.target, e.day, at + ".day");
                if (closed != null) {
                    errors.add(closed.errors().get(0));
                }
            }
            entries.add(e);
        }
        if (entries.isEmpty() && errors.isEmpty()) {
            errors.add(new Problem.FieldError("file", "the file has a header but no results"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instant now = clock.instant();
        Map<String, String> names = names();
        List<View> views = new ArrayList<>();
        for (SourceEntry e : entries) {
            e.importDigest = digest;
            e.createdAt = now;
            e.createdBy = by;
            e.persist();
            views.add(view(e, names, null));
        }
        return new Imported(entries.size(), digest, views);
    }

    /** The city's entries of a source with a day in [from, to) (either may be null), of one target when given, by day. */
    @Transactional
    public List<View> list(SourceEntry.Source source, LocalDate from, LocalDate to, String target) {
        StringBuilder q = new StringBuilder("source = :source");
        Map<String, Object> p = new HashMap<>(Map.of("source", source));
        if (from != null) {
            q.append(" and day >= :from");
            p.put("from", from);
        }
        if (to != null) {
            q.append(" and day < :to");
            p.put("to", to);
        }
        if (target != null && !target.isBlank()) {
            q.append(" and target = :target");
            p.put("target", target.trim());
        }
        List<SourceEntry> found = SourceEntry.list(q + " order by day, id", p);
        return views(found);
    }

    /** One entry of the city. */
    @Transactional
    public Optional<View> one(long id) {
        return Optional.ofNullable(SourceEntry.<SourceEntry>findById(id)).map(e -> views(List.of(e)).get(0));
    }

    /** The entries with these ids (those a run read), of one target when given, by source, day and id. */
    @Transactional
    public List<View> byIds(Collection<Long> ids, String target) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<SourceEntry> found = SourceEntry.list("id in ?1 order by source, day, id", ids);
        return views(found.stream().filter(e -> target == null || e.target.equals(target)).toList());
    }

    /** What a run reads for [from, to): every current entry (not corrected, not withdrawn), by id. */
    @Transactional
    public List<IndicatorInput.Entry> current(LocalDate from, LocalDate to) {
        List<SourceEntry> all = SourceEntry.list("from SourceEntry e where e.day >= ?1 and e.day < ?2 and e.withdrawn = false "
                + "and not exists (select 1 from SourceEntry c where c.corrects = e.id) order by e.id", from, to);
        return all.stream().map(Sources::read).toList();
    }

    /** What a run read, again: the entries of these ids, by id. */
    @Transactional
    public List<IndicatorInput.Entry> read(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return SourceEntry.<SourceEntry>list("id in ?1 order by id", ids).stream().map(Sources::read).toList();
    }

    private static IndicatorInput.Entry read(SourceEntry e) {
        return new IndicatorInput.Entry(e.id, e.source, e.target, e.day, e.score, e.kind, e.respondents);
    }

    private void fields(List<Problem.FieldError> errors, SourceEntry.Source source, Entering in, SourceEntry e) {
        switch (source) {
            case INSPECTION -> {
                e.score = score(errors, "score", in.score());
                e.panelist = limited(errors, "panelist", in.panelist(), 100);
                e.description = limited(errors, "description", in.description(), 2000);
            }
            case VISIT -> {
                e.place = limited(errors, "place", in.place(), 200);
                e.description = required(errors, "description", in.description(), 2000,
                        "describe the problem found (what, where exactly)");
                e.photos = photos(errors, in.photos());
            }
            case SUPERVISION -> {
                if (in.kind() == null || in.kind().isBlank()) {
                    errors.add(new Problem.FieldError("kind", "say what it is: RESIDENT (a valid resident's report) or MEDIA "
                            + "(a media exposure case)"));
                } else {
                    try {
                        e.kind = SourceEntry.Kind.valueOf(in.kind().trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        errors.add(new Problem.FieldError("kind", "use RESIDENT or MEDIA, not '" + in.kind() + "'"));
                    }
                }
                e.description = required(errors, "description", in.description(), 2000, "describe the report or the exposure");
                e.place = limited(errors, "place", in.place(), 200);
                e.photos = photos(errors, in.photos());
                String number = in.caseNumber() == null || in.caseNumber().isBlank() ? null : in.caseNumber().trim();
                if (number != null && facts.byNumber(number).isEmpty()) {
                    errors.add(new Problem.FieldError("caseNumber", "no case " + number + " in this city; leave it empty "
                            + "when there is no case"));
                }
                e.caseNumber = number;
            }
            case SURVEY -> {
                e.score = score(errors, "score", in.score());
                if (in.respondents() != null && in.respondents() <= 0) {
                    errors.add(new Problem.FieldError("respondents", "give the number of respondents, more than 0"));
                }
                e.respondents = in.respondents();
                e.description = limited(errors, "description", in.description(), 2000);
            }
        }
    }

    private static void copy(SourceEntry from, SourceEntry to) {
        to.target = from.target;
        to.day = from.day;
        to.score = from.score;
        to.panelist = from.panelist;
        to.kind = from.kind;
        to.place = from.place;
        to.photos = from.photos;
        to.caseNumber = from.caseNumber;
        to.respondents = from.respondents;
    }

    private LocalDate day(List<Problem.FieldError> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError(field, "give the day (YYYY-MM-DD)"));
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text.trim());
        } catch (DateTimeParseException ex) {
            errors.add(new Problem.FieldError(field, "give the day as YYYY-MM-DD, not '" + text + "'"));
            return null;
        }
        LocalDate today = calendar.today();
        if (day.isAfter(today)) {
            errors.add(new Problem.FieldError(field, "the day " + day + " is in the future (today is " + today
                    + "); enter what was found, when it was found"));
            return null;
        }
        return day;
    }

    private static BigDecimal score(List<Problem.FieldError> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError(field, "give the score, 0 to 100"));
            return null;
        }
        try {
            return score(errors, field, new BigDecimal(text.trim()));
        } catch (NumberFormatException ex) {
            errors.add(new Problem.FieldError(field, "give the score as a number from 0 to 100, not '" + text + "'"));
            return null;
        }
    }

    private static BigDecimal score(List<Problem.FieldError> errors, String field, BigDecimal score) {
        if (score == null) {
            errors.add(new Problem.FieldError(field, "give the score, 0 to 100"));
            return null;
        }
        if (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(new Problem.FieldError(field, "the score " + score.stripTrailingZeros().toPlainString()
                    + " is out of range; give 0 to 100"));
            return null;
        }
        if (score.stripTrailingZeros().scale() > 2) {
            errors.add(new Problem.FieldError(field, "give the score with at most two decimals"));
            return null;
        }
        return score;
    }

    private static String limited(List<Problem.FieldError> errors, String field, String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.length() > max) {
            errors.add(new Problem.FieldError(field, "at most " + max + " characters"));
            return null;
        }
        return t;
    }

    private static String required(List<Problem.FieldError> errors, String field, String text, int max, String fix) {
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError(field, fix));
            return null;
        }
        return limited(errors, field, text, max);
    }

    private String photos(List<Problem.FieldError> errors, List<String> photos) {
        if (photos == null) {
            return null;
        }
        List<String> refs = photos.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).toList();
        if (refs.isEmpty()) {
            return null;
        }
        if (refs.size() > MAX_PHOTOS) {
            errors.add(new Problem.FieldError("photos", "at most " + MAX_PHOTOS + " photo references"));
            return null;
        }
        for (String r : refs) {
            if (r.length() > 300 || r.chars().anyMatch(Character::isWhitespace)) {
                errors.add(new Problem.FieldError("photos", "a photo reference is a path or URL without spaces, at most "
                        + "300 characters"));
                return null;
            }
        }
        try {
            return json.writeValueAsString(refs);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The code of the target named by code or Chinese name: a district, street, community (of the layout in force on
     * the day) or department; null with a problem otherwise. {@code cache} holds the names per day for a file.
     */
    private String target(List<Problem.FieldError> errors, String field, String text, LocalDate day,
                          Map<String, Map<String, String>> cache) {
        if (text == null || text.isBlank()) {
            errors.add(new Problem.FieldError(field, "name the target: the code or name of a district, street, community "
                    + "or department"));
            return null;
        }
        String t = text.trim();
        Map<String, String> known = cache == null ? targets(day) : cache.computeIfAbsent(day.toString(), d -> targets(day));
        String code = known.get(t);
        if (code == null) {
            errors.add(new Problem.FieldError(field, "unknown target '" + t + "': give the code or name of a district, "
                    + "street, community or department of this city (as of " + day + ")"));
            return null;
        }
        if (code.isEmpty()) {
            errors.add(new Problem.FieldError(field, "the name '" + t + "' is shared by several targets; give the code"));
            return null;
        }
        return code;
    }

    /** Every target by code and by name (a name of several targets maps to ""). */
    private Map<String, String> targets(LocalDate day) {
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, String> byName = new HashMap<>();
        // a city without a layout in force on the day has only departments to assess
        for (GridLevel level : hasLayout(day) ? List.of(GridLevel.DISTRICT, GridLevel.STREET, GridLevel.COMMUNITY)
                : List.<GridLevel>of()) {
            grid.unitsInForce(level, day).forEach(u -> {
                codes.put(u.code(), u.code());
                byName.merge(u.name(), u.code(), (a, b) -> a.equals(b) ? a : "");
            });
        }
        departments.refs().stream().filter(DepartmentService.DepartmentRef::active).forEach(d -> {
            codes.put(d.code(), d.code());
            byName.merge(d.name(), d.code(), (a, b) -> a.equals(b) ? a : "");
        });
        byName.forEach(codes::putIfAbsent);
        return codes;
    }

    /** A target to choose on a form: its code and name. */
    public record Choice(String code, String name) {
    }

    /** Every target of the city today (districts, streets, communities, departments), for a form's choices. */
    @Transactional
    public List<Choice> targetChoices() {
        return names().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Choice(e.getKey(), e.getValue())).toList();
    }

    /** Every target's name by code (today's layout and departments), for the views. */
    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        LocalDate today = calendar.today();
        for (GridLevel level : hasLayout(today) ? List.of(GridLevel.DISTRICT, GridLevel.STREET, GridLevel.COMMUNITY)
                : List.<GridLevel>of()) {
            grid.unitsInForce(level, today).forEach(u -> names.put(u.code(), u.name()));
        }
        departments.refs().forEach(d -> names.put(d.code(), d.name()));
        return names;
    }

    /** Whether a grid layout is in force on the day (asking for one that is not would spoil the transaction). */
    private boolean hasLayout(LocalDate day) {
        return locator.layouts().stream().anyMatch(l -> !l.effectiveFrom().isAfter(day));
    }

    /** Refuses an entry for a target and day in a published period (409 naming day). */
    private void open(String target, LocalDate day) {
        ProblemException closed = closedProblem(target, day, "day");
        if (closed != null) {
            throw closed;
        }
    }

    private ProblemException closedProblem(String target, LocalDate day, String field) {
        if (target == null || day == null) {
            return null;
        }
        List<AssessmentPublication> covering = AssessmentPublication.list("periodFrom <= ?1 and periodTo > ?1", day);
        for (AssessmentPublication p : covering) {
            try {
                for (Publications.Group g : json.readValue(p.ranking, Publications.Group[].class)) {
                    if (g.lines().stream().anyMatch(l -> l.target().equals(target))) {
                        return ProblemException.conflict("period-published", field, "the period " + p.periodFrom + " — "
                                + p.periodTo.minusDays(1) + " is published for " + target + " (publication " + p.id
                                + "); its entries can no longer change");
                    }
                }
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("Publication " + p.id + " cannot be read", ex);
            }
        }
        return null;
    }

    private List<View> views(List<SourceEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> correctedBy = SourceEntry.<SourceEntry>list("corrects in ?1",
                        entries.stream().map(e -> e.id).toList()).stream()
                .collect(Collectors.toMap(c -> c.corrects, c -> c.id));
        Map<String, String> names = names();
        return entries.stream().map(e -> view(e, names, correctedBy.get(e.id))).toList();
    }

    private View view(SourceEntry e, Map<String, String> names, Long correctedBy) {
        List<String> photos;
        try {
            photos = e.photos == null ? List.of() : List.of(json.readValue(e.photos, String[].class));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Entry " + e.id + " cannot be read", ex);
        }
        return new View(e.id, e.source.wireName(), e.target, names.get(e.target), e.day, e.score, e.panelist,
                e.kind == null ? null : e.kind.name(), e.place, e.description, photos, e.caseNumber, e.respondents,
                e.corrects, e.withdrawn, correctedBy, correctedBy == null && !e.withdrawn, e.importDigest, e.createdAt,
                e.createdBy);
    }

    private static Map<String, Integer> header(String line) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> cells = cells(line);
        for (int i = 0; i < cells.size(); i++) {
            String name = switch (cells.get(i).trim().toLowerCase(Locale.ROOT)) {
                case "target", "考评对象", "对象" -> "target";
                case "score", "得分", "分数" -> "score";
                case "respondents", "样本数", "人数" -> "respondents";
                case "day", "日期" -> "day";
                default -> "ignored" + i;
            };
            columns.putIfAbsent(name, i);
        }
        return columns;
    }

    private static String cell(List<String> cells, Integer i) {
        return i == null || i >= cells.size() ? "" : cells.get(i);
    }

    /** The cells of a CSV line (RFC 4180 quotes, "" inside quotes). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
