package city.gridcity.shared.storage;

import java.util.regex.Pattern;

/**
 * The rules every storage key follows. Keys become file names (or object names), so anything that
 * could climb out of the storage root or mean different things on different systems is refused:
 * {@code ..}, absolute paths, backslashes, NUL and every character outside {@code [A-Za-z0-9._/-]}.
 */
public final class BlobKeys {

    /** Longer keys are a bug in the caller; file systems limit a path to 4096 bytes anyway. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private BlobKeys() {
    }

    /**
     * Returns {@code key} if it is a valid key. Segments may not start with a dot: that forbids
     * {@code .} and {@code ..}, and keeps the names of the storage's own temporary files
     * ({@code .tmp-...}) out of reach of any key.
     *
     * @throws IllegalArgumentException naming the rule the key breaks; keys are made by the service,
     *                                  so a bad one is a programming error, not a client's
     */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A storage key must not be empty");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A storage key must be at most " + MAX_LENGTH + " characters long");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("A storage key must be a relative path: " + printable(key));
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("A storage key must consist of non-empty segments of [A-Za-z0-9._-] "
                        + "that do not start with a dot, joined by '/': " + printable(key));
            }
        }
        return key;
    }

    /** The key as it may be written to a log or an exception: control characters escaped. */
    private static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return "'" + out + "'";
    }
}
