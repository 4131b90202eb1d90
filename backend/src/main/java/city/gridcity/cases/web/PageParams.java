package city.gridcity.cases.web;

import city.gridcity.shared.problem.ProblemException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.ws.rs.core.Response;

/** Reading form fields and query parameters of the case pages, and the redirects they answer with. */
final class PageParams {

    private PageParams() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A filter value the page itself offers; anything else is ignored rather than refused. */
    static <E extends Enum<E>> E filterEnum(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parseEnum(String field, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Long parseLong(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    static Integer parseInt(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number");
        }
    }

    static LocalDate parseDate(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date like 2026-12-01");
        }
    }

    /** A coordinate as typed; what is not a number is left for the intake to name as the location. */
    static Double parseCoordinate(String value) {
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String url(String base, Map<String, String> params) {
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return query.isEmpty() ? base : base + "?" + query;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Response toSignIn() {
        return Response.seeOther(URI.create("/console/login")).build();
    }

    static Response backToCase(String number) {
        return Response.seeOther(URI.create("/console/cases/" + encode(number))).build();
    }
}
