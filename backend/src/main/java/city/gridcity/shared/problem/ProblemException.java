package city.gridcity.shared.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on. Services throw it with a stable code and a message that says
 * what to do; the web layer renders it as an RFC 9457 problem detail.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;
    private List<String> allowedActions;

    public ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors,
                            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static ProblemException invalid(String field, String fix) {
        return new ProblemException(400, "invalid-field", "Invalid request", field + ": " + fix,
                List.of(new Problem.FieldError(field, fix)), null);
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ProblemException(400, "invalid-field", "Invalid request", detail, errors, null);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found", null, null);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail, null, null);
    }

    public static ProblemException conflict(String code, String field, String detail) {
        return new ProblemException(409, code, "Conflict", detail, List.of(new Problem.FieldError(field, detail)), null);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, code, "Forbidden", detail, null, null);
    }

    public static ProblemException unauthorized(String code, String detail) {
        return new ProblemException(401, code, "Not signed in", detail, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** 503 with a Retry-After: the service cannot take this now, and stored nothing of it. */
    public static ProblemException unavailable(String code, String detail, int retryAfterSeconds) {
        return new ProblemException(503, code, "Service unavailable", detail, null,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** Adds the actions the user may take instead (a refused case action). */
    public ProblemException withAllowedActions(List<String> actions) {
        this.allowedActions = List.copyOf(actions);
        return this;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
