package city.gridcity.shared.web;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A page of a list, read from the {@code page} and {@code size} query parameters. Both are bounded
 * here, before any query runs: an unbounded page number times the size overflows the row offset
 * (a huge {@code page} once answered 500), and a client's typo deserves a 400 that names the field
 * and the range, not a 404 from the parameter conversion.
 *
 * @param page the zero-based page number, at most {@link #MAX_PAGE}
 * @param size rows per page, from 1 to the endpoint's maximum
 */
public record Paging(int page, int size) {

    /** With sizes up to 1,000 the offset stays far below {@code Integer.MAX_VALUE}. */
    public static final int MAX_PAGE = 100_000;

    /**
     * Reads and bounds a page request.
     *
     * @throws ProblemException 400 naming {@code page} and/or {@code size} with the allowed range
     */
    public static Paging of(String page, String size, int defaultSize, int maxSize) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer p = read("page", page, 0, 0, MAX_PAGE, errors);
        Integer s = read("size", size, defaultSize, 1, maxSize, errors);
        if (!errors.isEmpty()) {
            throw invalidParameters(errors);
        }
        return new Paging(p, s);
    }

    /**
     * Reads one whole-number query parameter within {@code min..max}, or its default when absent.
     *
     * @throws ProblemException 400 naming {@code field} with the allowed range
     */
    public static int bounded(String field, String raw, int defaultValue, int min, int max) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer value = read(field, raw, defaultValue, min, max, errors);
        if (!errors.isEmpty()) {
            throw invalidParameters(errors);
        }
        return value;
    }

    /** The code a query parameter of the wrong type gets elsewhere too ({@link ProblemMappers}). */
    private static ProblemException invalidParameters(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ProblemException(400, "invalid-parameter", "Invalid request", detail, errors, null);
    }

    private static Integer read(String field, String raw, int defaultValue, int min, int max,
                                List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Not a whole number, or beyond int: the same answer as out of range.
        }
        errors.add(new Problem.FieldError(field, "must be a whole number from " + min + " to " + max));
        return null;
    }
}
