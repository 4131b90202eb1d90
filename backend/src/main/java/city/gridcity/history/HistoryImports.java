package city.gridcity.history;

import city.gridcity.cases.HistoricalCases;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * History imports of the current city (issue #10): a file of JSON Lines, one case of the old system per line, checked
 * line by line as intake checks a report ({@link HistoricalCases#check}) and stored all or nothing. A case an earlier
 * import brought with the same line is left as it is; the same file again is the same import.
 */
@ApplicationScoped
public class HistoryImports {

    static final int MAX_LINES = 50_000;
    /** Cases written between two clearings of the persistence context: a long file stays flat in memory. */
    private static final int BATCH = 100;

    /** What an import is, for the API. */
    public record Summary(long id, String state, int lines, int created, int unchanged, int judgements,
                          String fileDigest, Instant createdAt, String createdBy) {

        static Summary of(HistoryImport i) {
            return new Summary(i.id, i.state, i.lineCount, i.createdCount, i.unchangedCount, i.judgementCount,
                    i.fileDigest, i.createdAt, i.createdBy);
        }
    }

    /** An import's answer: the import, and whether this request made it (or found the same file imported before). */
    public record Outcome(Summary summary, boolean created) {
    }

    /** A sampled judgement of a line, as the file gives it. */
    record Judgement(LocalDate sampledOn, String verdict, String by, Instant at) {
    }

    private record Line(int number, String digest, HistoricalCases.Checked checked, List<Judgement> judgements) {
    }

    private final HistoricalCases cases;
    private final EntityManager em;
    private final ObjectReader caseReader;
    private final ObjectReader judgementReader;
    private final ObjectMapper json;
    private final Clock clock;

    HistoryImports(HistoricalCases cases, EntityManager em, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.em = em;
        this.json = json;
        this.caseReader = json.readerFor(HistoricalCases.ImportedCase.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.judgementReader = json.readerFor(Judgement.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
    }

    /**
     * Imports a file into the current city, inside the caller's transaction or its own.
     *
     * @throws ProblemException 400 listing every problem of the file by line, field and message; nothing is stored
     */
    @Transactional
    public Outcome run(String file, String by) {
        String fileDigest = sha256(file);
        Optional<HistoryImport> same = HistoryImport.<HistoryImport>find("fileDigest", fileDigest).firstResultOptional();
        if (same.isPresent()) {
            return new Outcome(Summary.of(same.get()), false);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Line> fresh = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        Map<String, String> known = new HashMap<>();
        int lines = 0;
        int unchanged = 0;
        int judgements = 0;
        String[] texts = file.split("\r?\n", -1);
        if (texts.length > MAX_LINES) {
            throw refused(List.of(new Problem.FieldError("file", "has " + texts.length + " lines; send at most "
                    + MAX_LINES + " at a time")));
        }
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].trim();
            if (text.isEmpty()) {
                continue;
            }
            lines++;
            int number = i + 1;
            List<Problem.FieldError> problems = new ArrayList<>();
            Optional<Parsed> parsed = parse(text, problems);
            if (parsed.isEmpty()) {
                problems.forEach(p -> errors.add(p.onLine(number)));
                continue;
            }
            HistoricalCases.ImportedCase c = parsed.get().theCase();
            String digest = sha256(text);
            if (c.number() != null && !numbers.add(c.number())) {
                errors.add(new Problem.FieldError(number, "number", "case " + c.number() + " is on an earlier line too"));
                continue;
            }
            if (c.number() != null) {
                Optional<HistoryImportCase> before = HistoryImportCase.<HistoryImportCase>find("caseNumber", c.number())
                        .firstResultOptional();
                if (before.isPresent()) {
                    if (before.get().lineDigest.equals(digest)) {
                        unchanged++;
                    } else {
                        errors.add(new Problem.FieldError(number, "number", "case " + c.number() + " was imported "
                                + "before (import " + before.get().importId + ") with other content; an imported case "
                                + "is not changed by a later import"));
                    }
                    continue;
                }
                if (cases.exists(c.number())) {
                    errors.add(new Problem.FieldError(number, "number", "case " + c.number() + " exists in this city "
                            + "already and was not imported"));
                    continue;
                }
            }
            HistoricalCases.Checked checked = cases.check(c);
            checked.errors().forEach(p -> errors.add(p.onLine(number)));
            problems.forEach(p -> errors.add(p.onLine(number)));
            judgements += parsed.get().judgements().size();
            fresh.add(new Line(number, digest, checked, parsed.get().judgements()));
        }
        if (lines == 0) {
            errors.add(new Problem.FieldError("file", "has no lines; send one case per line (JSON Lines)"));
        }
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        HistoryImport record = new HistoryImport();
        record.state = HistoryImport.COMPLETED;
        record.fileDigest = fileDigest;
        record.lineCount = lines;
        record.createdCount = fresh.size();
        record.unchangedCount = unchanged;
        record.judgementCount = judgements;
        record.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        record.createdBy = by;
        record.persist();
        long importId = record.id;
        Summary summary = Summary.of(record);
        int written = 0;
        for (Line line : fresh) {
            try {
                cases.write(line.checked());
            } catch (ProblemException e) {
                List<Problem.FieldError> named = e.errors() == null || e.errors().isEmpty()
                        ? List.of(new Problem.FieldError("events", e.getMessage())) : e.errors();
                named.forEach(p -> errors.add(p.onLine(line.number())));
                continue;
            }
            HistoryImportCase brought = new HistoryImportCase();
            brought.caseNumber = line.checked().theCase().number();
            brought.importId = importId;
            brought.lineDigest = line.digest();
            brought.persist();
            for (Judgement j : line.judgements()) {
                HistoryJudgement stored = new HistoryJudgement();
                stored.importId = importId;
                stored.caseNumber = brought.caseNumber;
                stored.sampledOn = j.sampledOn();
                stored.verdict = HistoryJudgement.Verdict.valueOf(j.verdict().toUpperCase(Locale.ROOT));
                stored.judgedBy = j.by();
                stored.judgedAt = j.at() == null ? null : j.at().truncatedTo(ChronoUnit.MICROS);
                stored.persist();
            }
            if (++written % BATCH == 0) {
                em.flush();
                em.clear();
            }
        }
        if (!errors.isEmpty()) {
            // An event a handler refused (a department that does not exist): the whole file is refused, nothing stays.
            throw refused(errors);
        }
        return new Outcome(summary, true);
    }

    /** The city's imports, newest first. */
    public List<Summary> list() {
        return HistoryImport.<HistoryImport>list("order by id desc").stream().map(Summary::of).toList();
    }

    /** One import of the current city. */
    public Optional<Summary> get(long id) {
        return HistoryImport.<HistoryImport>find("id", id).firstResultOptional().map(Summary::of);
    }

    private record Parsed(HistoricalCases.ImportedCase theCase, List<Judgement> judgements) {
    }

    /** A line as a case and its judgements; empty (with the problem) when it cannot be read as one. */
    private Optional<Parsed> parse(String text, List<Problem.FieldError> problems) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(new Problem.FieldError("(line)", "is not JSON: " + e.getOriginalMessage()));
            return Optional.empty();
        }
        if (!(node instanceof ObjectNode object)) {
            problems.add(new Problem.FieldError("(line)", "give one JSON object per line, one case each"));
            return Optional.empty();
        }
        JsonNode sampled = object.remove("judgements");
        HistoricalCases.ImportedCase c;
        try {
            c = caseReader.readValue(object);
        } catch (JsonMappingException e) {
            problems.add(new Problem.FieldError(path(e), "cannot be read: " + e.getOriginalMessage()));
            return Optional.empty();
        } catch (java.io.IOException | DateTimeParseException e) {
            problems.add(new Problem.FieldError("(line)", "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
        List<Judgement> judgements = new ArrayList<>();
        if (sampled != null && !sampled.isNull()) {
            if (!sampled.isArray()) {
                problems.add(new Problem.FieldError("judgements", "give a list of {sampledOn, verdict, by, at}"));
            } else {
                for (int i = 0; i < sampled.size(); i++) {
                    String field = "judgements[" + i + "]";
                    try {
                        Judgement j = judgementReader.readValue(sampled.get(i));
                        if (j.sampledOn() == null) {
                            problems.add(new Problem.FieldError(field + ".sampledOn", "give the day it was sampled"));
                        }
                        if (j.verdict() == null || Set.of("valid", "duplicate", "false")
                                .stream().noneMatch(v -> v.equalsIgnoreCase(j.verdict()))) {
                            problems.add(new Problem.FieldError(field + ".verdict", "use valid, duplicate or false"));
                        }
                        judgements.add(j);
                    } catch (java.io.IOException e) {
                        problems.add(new Problem.FieldError(field, "cannot be read: "
                                + (e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage())));
                    }
                }
            }
        }
        return Optional.of(new Parsed(c, judgements));
    }

    /** The path of the value a mapping failed on, as {@code events[2].at}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(line)" : path.toString();
    }

    private static ProblemException refused(List<Problem.FieldError> errors) {
        List<Problem.FieldError> sorted = errors.stream()
                .sorted(Comparator.comparing((Problem.FieldError e) -> e.line() == null ? 0 : e.line())).toList();
        return new ProblemException(400, "history-refused", "History refused",
                sorted.size() + " problem(s) in the file; nothing was imported. Correct every line named and send the "
                        + "whole file again.", sorted, null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
