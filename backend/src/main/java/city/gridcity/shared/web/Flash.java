package city.gridcity.shared.web;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Post-redirect-get for page forms: a form's answer is always a redirect to a GET page, and what the page
 * must say about the post (a refusal with its fields, or what was done, and the values typed) travels in a
 * short-lived cookie confined to that page, read once and cleared. So reloading never sends the form again
 * and switching the language on the answer is an ordinary GET. The cookie holds only what the page shows
 * (escaped there like any text), never a secret; forging it can only change what its own reader sees.
 */
public final class Flash {

    public static final String COOKIE = "gc_flash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_COOKIE = 3800;

    /** What a post leaves for the page it redirects to. Any part may be null or empty. */
    public record Note(int status, String code, String title, String detail, List<Problem.FieldError> errors,
                       List<String> allowedActions, String done, Map<String, String> values) {

        /** The refusal again, for a page that renders refusals. Null for a note of success. */
        public ProblemException refusal() {
            if (code == null) {
                return null;
            }
            ProblemException e = new ProblemException(status, code, title, detail, errors == null ? List.of() : errors,
                    null);
            return allowedActions == null ? e : e.withAllowedActions(allowedActions);
        }

        public String value(String field) {
            return values == null ? null : values.get(field);
        }
    }

    private Flash() {
    }

    /** A redirect to {@code location} telling it of the refusal, with the values the form held. */
    public static Response refused(String location, ProblemException e, Map<String, String> values) {
        return redirect(location, new Note(e.status(), e.code(), e.title(), e.getMessage(), e.errors(),
                e.allowedActions(), null, values));
    }

    /** A redirect to {@code location} telling it what was done (a message key of its bundle). */
    public static Response done(String location, String doneKey) {
        return redirect(location, new Note(0, null, null, null, List.of(), null, doneKey, null));
    }

    private static Response redirect(String location, Note note) {
        String path = URI.create(location).getRawPath();
        try {
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(note));
            if (value.length() > MAX_COOKIE && note.values() != null) {
                // Browsers drop a cookie over 4 KB: a long description is not kept rather than the refusal lost.
                return redirect(location, new Note(note.status(), note.code(), note.title(), note.detail(), note.errors(),
                        note.allowedActions(), note.done(), null));
            }
            return Response.seeOther(URI.create(location)).cookie(cookie(value, path, 120)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The note left for this page, if any; a malformed cookie is no note. */
    public static Optional<Note> read(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(new String(Base64.getUrlDecoder().decode(cookieValue),
                    StandardCharsets.UTF_8), Note.class));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Clears the note once shown, so a reload shows the page as it is. Null when there was none. */
    public static NewCookie clear(String cookieValue, String path) {
        return cookieValue == null ? null : cookie("", path, 0);
    }

    private static NewCookie cookie(String value, String path, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path(path).httpOnly(true).secure(PageSupport.secureCookies())
                .sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }
}
