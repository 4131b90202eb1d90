package city.gridcity.shared.web;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure that reaches the client into an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = build(e.status(), e.title(), e.getMessage(), e.code(), e.errors(),
                e.allowedActions(), uri);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return build(400, "Invalid request", detail, "invalid-field", errors, uri).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var loc = e.getLocation();
        String detail = "The body is not valid JSON (line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                + "): " + e.getOriginalMessage() + ". Send a well-formed JSON object.";
        return build(400, "Malformed JSON", detail, "malformed-json",
                List.of(new Problem.FieldError("body", "must be well-formed JSON")), uri).build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        String known = e.getKnownPropertyIds() == null ? "" : " Known fields: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".";
        return build(400, "Unknown field", field + " is not a field of this request." + known, "unknown-field",
                List.of(new Problem.FieldError(field, "is not a known field; remove it or check its spelling")), uri).build();
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        if (field.isEmpty()) {
            return build(400, "Malformed JSON", "The body must be a JSON object matching this request.",
                    "malformed-json", List.of(new Problem.FieldError("body", "must be a JSON object")), uri).build();
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String given = e instanceof InvalidFormatException ife ? " (got " + ife.getValue() + ")" : "";
        String message = "must be " + expected + given;
        return build(400, "Invalid request", field + ": " + message, "invalid-field",
                List.of(new Problem.FieldError(field, message)), uri).build();
    }

    /** A value the JSON reader could not turn into the field's type, e.g. an unknown role name. */
    @ServerExceptionMapper
    public Response unreadableValue(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? e.getOriginalMessage() : root.getMessage();
        String name = field.isEmpty() ? "body" : field;
        return build(400, "Invalid request", name + ": " + message, "invalid-field",
                List.of(new Problem.FieldError(name, message)), uri).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return build(401, "Not signed in", "Sign in and send the access token as 'Authorization: Bearer <token>'.",
                "unauthenticated", null, uri).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return build(401, "Invalid token", "The access token is invalid, expired or not issued by this service: "
                + "sign in again or refresh it.", "invalid-token", null, uri).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return build(403, "Forbidden", "Your roles do not allow this action.", "forbidden-role", null, uri).build();
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentChange(Exception e, UriInfo uri) {
        return build(409, "Conflict", "Someone else changed this record at the same time; reload it and try again.",
                "concurrent-change", null, uri).build();
    }

    /** Two requests raced to store the same unique value: the loser learns it, nothing is half-written. */
    @ServerExceptionMapper
    public Response storedConflict(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (!"23505".equals(e.getSQLState())) {
            return unexpected(e, uri);
        }
        return build(409, "Conflict", "A record with the same unique value was stored at the same time; "
                + "reload and choose another value.", "duplicate", null, uri).build();
    }

    /** A value PostgreSQL cannot store as text (a NUL byte, say) or a number out of range. */
    @ServerExceptionMapper
    public Response unstorableValue(org.hibernate.exception.DataException e, UriInfo uri) {
        return build(400, "Invalid request", "A value cannot be stored: remove control characters such as NUL "
                + "bytes and keep numbers within range.", "unstorable-value", null, uri).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps parse errors; unwrap them for a message that names the field.
        if (e.getCause() instanceof UnrecognizedPropertyException cause) {
            return unknownField(cause, uri);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return wrongType(cause, uri);
        }
        if (e.getCause() instanceof JsonParseException cause) {
            return malformedJson(cause, uri);
        }
        if (e.getCause() instanceof JsonMappingException cause) {
            return unreadableValue(cause, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 404 && (e.getCause() instanceof IllegalArgumentException || e instanceof jakarta.ws.rs.NotFoundException
                && e.getCause() != null)) {
            // JAX-RS answers 404 when a query parameter cannot be converted; the client sent a bad value.
            return build(400, "Invalid request", "A path or query parameter has a value of the wrong type: "
                    + e.getCause().getMessage() + ". Check the parameters' types in the API documentation.",
                    "invalid-parameter", null, uri).build();
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "There is no resource at " + uri.getPath() + ".";
            case 405 -> "This method is not allowed on " + uri.getPath() + ".";
            case 415 -> "This content type is not accepted here; the API documentation lists the accepted types.";
            case 406 -> "This resource cannot answer in the requested media type.";
            default -> e.getMessage();
        };
        return build(status, title, detail, "http-" + status, null, uri).build();
    }

    /**
     * Reading the body failed. When the answer is already sent, it was the body reader refusing a chunked
     * body over the size limit with 413 ({@link BodyTooLarge}): the client's mistake, one line in the log.
     * Any other failure to read or write is the service's.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri, HttpServerRequest request) {
        if (!request.response().ended()) {
            return unexpected(e, uri);
        }
        LOG.infof("%s %s was answered %d while its body was read (%s)", request.method(), uri.getPath(),
                request.response().getStatusCode(), e.getMessage());
        return build(request.response().getStatusCode(), "Content too large", "The body is larger than this service "
                + "accepts; send a smaller one.", "body-too-large", null, uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return build(500, "Internal error", "The service failed unexpectedly; the error is logged. Try again later.",
                "internal-error", null, uri).build();
    }

    static Response.ResponseBuilder build(int status, String title, String detail, String code,
                                          List<Problem.FieldError> errors, UriInfo uri) {
        return build(status, title, detail, code, errors, null, uri);
    }

    static Response.ResponseBuilder build(int status, String title, String detail, String code,
                                          List<Problem.FieldError> errors, List<String> allowedActions, UriInfo uri) {
        String path = uri == null ? "/" : "/" + uri.getPath().replaceFirst("^/", "");
        if (ErrorPages.wantsPage(path)) {
            // People read pages: the same problem, as a page in their language.
            return Response.status(status).type("text/html;charset=UTF-8").entity(ErrorPages.page(status, title, detail, path, code));
        }
        Problem body = new Problem("https://gridcity.city/problems/" + code, title, status, detail, path, code,
                errors == null || errors.isEmpty() ? null : errors, allowedActions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                // An index on a node belongs to the list it sits in: holidays[0].name, not holidays.name[0].
                if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
                }
                String name = node.getName() == null ? "" : node.getName();
                if (!name.isEmpty() && !name.startsWith("<")) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "body" : parameter;
        }
        return String.join(".", names);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        Map<Class<?>, String> names = Map.of(String.class, "a string", Integer.class, "a whole number",
                int.class, "a whole number", Long.class, "a whole number", long.class, "a whole number",
                Boolean.class, "true or false", boolean.class, "true or false", List.class, "a JSON array");
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.LocalDate.class) {
            return "a real date like 2026-10-01";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
            return "a date-time with offset like 2026-10-01T08:30:00+08:00";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return names.getOrDefault(type, "a JSON object");
    }
}
