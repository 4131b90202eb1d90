package city.gridcity.shared.storage;

import city.gridcity.shared.DataDirectory;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps blobs as files below one folder, a key's segments as sub-folders. Suits a single host or
 * several replicas that share a network file system; files are readable by the service's user only.
 */
@ApplicationScoped
@Identifier(FileSystemBlobStorage.KIND)
public class FileSystemBlobStorage implements BlobStorage {

    public static final String KIND = "filesystem";

    /** Temporary files start with a dot, which no key segment may: see {@link BlobKeys}. */
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    @Inject
    FileSystemBlobStorage(StorageConfig config,
                          @ConfigProperty(name = DataDirectory.PROPERTY) Optional<String> dataDirectory) {
        this(config.dir().map(Path::of)
                .orElseGet(() -> DataDirectory.resolve(dataDirectory, System.getProperty("user.dir")).resolve("blobs")));
    }

    /** Storage below {@code root}, created on the first write. */
    public FileSystemBlobStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Writes a temporary file beside the target, forces it to disk, renames it over the target and
     * forces the folder: a crash at any point leaves the old content or the new one under the key,
     * never a partial file. Folders created on the way are forced too, so a stored file cannot vanish
     * with its folder. A crash can leave a temporary file behind, which no key can name.
     */
    @Override
    public StoredBlob put(String key, byte[] content) {
        Path target = pathOf(key);
        Path folder = target.getParent();
        Path temp = null;
        try {
            Path firstCreated = firstMissing(folder);
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, TEMP_PREFIX, ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceFolder(folder);
            if (firstCreated != null) {
                for (Path created = folder; !created.equals(firstCreated); created = created.getParent()) {
                    forceFolder(created.getParent());
                }
                forceFolder(firstCreated.getParent());
            }
            return new StoredBlob(key, content.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key + " under " + root, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write already failed and is reported; a left-over temporary file harms no key.
                }
            }
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<InputStream> stream = open(key);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stream.get()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        Path file = pathOf(key);
        // A key that names a folder (the prefix of other keys) holds no blob.
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key + " under " + root, e);
        }
    }

    @Override
    public boolean delete(String key) {
        Path file = pathOf(key);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + key + " under " + root, e);
        }
    }

    private Path pathOf(String key) {
        Path file = root.resolve(BlobKeys.requireValid(key)).normalize();
        // The key rules already keep a key inside the root; this is the second wall if they ever change.
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("A storage key must stay inside the storage folder: " + key);
        }
        return file;
    }

    /** The outermost folder on the way to {@code folder} that does not exist yet, or null. */
    private static Path firstMissing(Path folder) {
        Path missing = null;
        for (Path p = folder; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Makes the rename itself durable: without it a crash could forget the new directory entry. */
    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
