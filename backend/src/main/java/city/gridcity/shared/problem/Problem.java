package city.gridcity.shared.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each offending field with what to do about it,
 * so a client can show the message next to the right input. {@code allowedActions} (an extension
 * member) lists what the user may do instead, when an action on a case is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors, List<String> allowedActions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One field's problem: the JSON path of the field, and a message saying how to fix it; {@code line} (1-based)
     * when the input is a file of lines (a history import), absent otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer line, String field, String message) {

        public FieldError(String field, String message) {
            this(null, field, message);
        }

        /** The same problem, found on a line of a file. */
        public FieldError onLine(int number) {
            return new FieldError(number, field, message);
        }
    }
}
