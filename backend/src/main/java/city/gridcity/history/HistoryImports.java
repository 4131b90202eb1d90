package city.gridcity.history;

import city.gridcity.cases.HistoricalCases;
import city.gridcity.sampling.Sampling;
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(HistoryImports.class);

    static final int MAX_LINES = 50_000;
    /** Cases written between two clearings of the persistence context: a long file stays flat in memory. */
    private static final int BATCH = 50;

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
    private final Sampling sampling;

    HistoryImports(HistoricalCases cases, EntityManager em, ObjectMapper json, Clock clock, Sampling sampling) {
        this.cases = cases;
        this.em = em;
        this.json = json;
        this.caseReader = json.readerFor(HistoricalCases.ImportedCase.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.judgementReader = json.readerFor(Judgement.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.clock = clock;
        this.sampling = sampling;
    }

    /**
     * Imports a file into the current city, inside the caller's transaction or its own.
     *
     * @throws ProblemException 400 listing every problem of the file by line, field and message; nothing is stored
     */
    @Transactional
    public Outcome run(String file, String by) {
        long started = System.nanoTime();
        String fileDigest = sha256(file);
        Optional<HistoryImport> same = HistoryImport.<HistoryImport>find("fileDigest", fileDigest).firstResultOptional();
        if (same.isPresent()) {
            return new Outcome(Summary.of(same.get()), false);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Line> fresh = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        int lines = 0;
        int unchanged = 0;
        int judgements = 0;
        String[] texts = file.split("\r?\n", -1);
        if (texts.length > MAX_LINES) {
            throw refused(List.of(new Problem.FieldError("file", "has " + texts.length + " lines; send at most "
                    + MAX_LINES + " at a time")));
        }
        List<Read> read = new ArrayList<>();
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
            String caseNumber = parsed.get().theCase().number();
            if (caseNumber != null && !numbers.add(caseNumber)) {
                errors.add(new Problem.FieldError(number, "number", "case " + caseNumber + " is on an earlier line too"));
                continue;
            }
            read.add(new Read(number, sha256(text), parsed.get(), problems));
        }
        // Two queries for the whole file: the cases imported before (with their lines' digests) and the others.
        Map<String, HistoryImportCase> before = new HashMap<>();
        Set<String> existing = new HashSet<>();
        List<String> all = List.copyOf(numbers);
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            HistoryImportCase.<HistoryImportCase>list("caseNumber in ?1", chunk).forEach(c -> before.put(c.caseNumber, c));
            existing.addAll(cases.existing(chunk));
        }
        for (Read r : read) {
            HistoricalCases.ImportedCase c = r.parsed().theCase();
            int number = r.line();
            HistoryImportCase known = c.number() == null ? null : before.get(c.number());
            if (known != null) {
                if (known.lineDigest.equals(r.digest())) {
                    unchanged++;
                } else {
                    errors.add(new Problem.FieldError(number, "number", "case " + c.number() + " was imported "
                            + "before (import " + known.importId + ") with other content; an imported case "
                            + "is not changed by a later import"));
                }
                continue;
            }
            if (c.number() != null && existing.contains(c.number())) {
                errors.add(new Problem.FieldError(number, "number", "case " + c.number() + " exists in this city "
                        + "already and was not imported"));
                continue;
            }
            HistoricalCases.Checked checked = cases.check(c);
            checked.errors().forEach(p -> errors.add(p.onLine(number)));
            r.problems().forEach(p -> errors.add(p.onLine(number)));
            judgements += r.parsed().judgements().size();
            fresh.add(new Line(number, r.digest(), checked, r.parsed().judgements()));
        }
        if (lines == 0) {
            errors.add(new Problem.FieldError("file", "has no lines; send one case per line (JSON Lines)"));
        }
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        long checkedAt = System.nanoTime();
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
                // The case core's own judgement, which the duplicate and false-case rates read.
                sampling.recordImported(stored.caseNumber, stored.sampledOn, stored.verdict.name(), stored.judgedBy,
                        stored.judgedAt);
            }
            if (++written % BATCH == 0) {
                em.flush();
                em.clear();
            }
        }
        LOG.infof("History import %d: %d lines, %d cases created, %d unchanged, in %d ms (checks %d ms)", importId, lines,
                fresh.size(), unchanged, (System.nanoTime() - started) / 1_000_000, (checkedAt - started) / 1_000_000);
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

    private record Read(int line, String digest, Parsed parsed, List<Problem.FieldError> problems) {
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
