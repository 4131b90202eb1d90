package city.gridcity.shared.storage;

import java.io.InputStream;
import java.util.Optional;

/**
 * Where the service keeps files it receives (case photos and their thumbnails): bytes under a key.
 *
 * <p>Keys are opaque relative paths made by the calling feature, never taken from a client, e.g.
 * {@code kcity/cases/123/3f9a.jpg}: segments of letters, digits, {@code .}, {@code _} and {@code -},
 * joined by {@code /}, none starting with a dot. The caller puts the city's code first, so one city's
 * files never share a key with another's; storage itself knows nothing of cities or permissions, and
 * serves whatever key it is given: the feature checks who may see a file before asking for it.
 *
 * <p>Inject this interface: {@code gridcity.storage.kind} chooses the implementation (see
 * {@link BlobStorageSelection}). Every method throws {@link IllegalArgumentException} for a key that
 * breaks the rules of {@link BlobKeys#requireValid(String)}, and {@link java.io.UncheckedIOException}
 * when the storage itself fails.
 */
public interface BlobStorage {

    /**
     * Stores {@code content} under {@code key}, replacing what was there. Readers see either the old
     * content or the new, never part of it, also after a crash.
     */
    StoredBlob put(String key, byte[] content);

    /** The content under {@code key}, or empty when nothing is stored there. */
    Optional<byte[]> get(String key);

    /**
     * The content under {@code key} as a stream the caller must close, or empty when nothing is
     * stored there. For sending large files on without holding them in memory.
     */
    Optional<InputStream> open(String key);

    /** Removes what is stored under {@code key}; false when nothing was. */
    boolean delete(String key);

    /** What {@link #put} stored: the key and the number of bytes. */
    record StoredBlob(String key, long size) {
    }
}
