package city.gridcity.shared.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStorageTest {

    @TempDir
    Path dir;

    private BlobStorage storage() {
        return new FileSystemBlobStorage(dir.resolve("blobs"));
    }

    @Test
    void a_stored_blob_reads_back_as_bytes_and_as_a_stream() throws IOException {
        BlobStorage storage = storage();
        byte[] photo = "not really a photo".getBytes(StandardCharsets.UTF_8);

        BlobStorage.StoredBlob stored = storage.put("kcity/cases/123/3f9a.jpg", photo);

        assertEquals(new BlobStorage.StoredBlob("kcity/cases/123/3f9a.jpg", photo.length), stored);
        assertArrayEquals(photo, storage.get("kcity/cases/123/3f9a.jpg").orElseThrow());
        try (InputStream in = storage.open("kcity/cases/123/3f9a.jpg").orElseThrow()) {
            assertArrayEquals(photo, in.readAllBytes());
        }
        assertTrue(Files.isRegularFile(dir.resolve("blobs/kcity/cases/123/3f9a.jpg")));
    }

    @Test
    void putting_under_a_used_key_replaces_the_content() {
        BlobStorage storage = storage();
        storage.put("kcity/a.png", new byte[] {1, 2, 3});

        storage.put("kcity/a.png", new byte[] {4});

        assertArrayEquals(new byte[] {4}, storage.get("kcity/a.png").orElseThrow());
    }

    @Test
    void a_missing_key_reads_as_empty_and_deletes_as_false() {
        BlobStorage storage = storage();
        storage.put("kcity/cases/1/a.jpg", new byte[] {1});

        assertEquals(Optional.empty(), storage.get("kcity/cases/1/b.jpg"));
        assertEquals(Optional.empty(), storage.open("kcity/cases/1/b.jpg"));
        assertEquals(Optional.empty(), storage.get("other/city.jpg"));
        assertEquals(Optional.empty(), storage.get("kcity/cases/1"), "a folder is no blob");
        assertFalse(storage.delete("kcity/cases/1/b.jpg"));
        assertFalse(storage.delete("kcity/cases/1"));
    }

    @Test
    void a_deleted_blob_is_gone() {
        BlobStorage storage = storage();
        storage.put("kcity/a.jpg", new byte[] {1});

        assertTrue(storage.delete("kcity/a.jpg"));

        assertEquals(Optional.empty(), storage.get("kcity/a.jpg"));
        assertFalse(storage.delete("kcity/a.jpg"));
    }

    @Test
    void keys_that_could_leave_the_storage_folder_or_mean_other_things_are_refused() throws IOException {
        BlobStorage storage = storage();
        Files.writeString(dir.resolve("secret.txt"), "outside the storage folder");
        List<String> bad = List.of("../secret.txt", "kcity/../../secret.txt", "..", ".", "/etc/passwd", "kcity\\..\\x",
                "kcity/a\u0000.jpg", "", "kcity//a.jpg", "kcity/", "./a.jpg", "kcity/./a.jpg", "kcity/.hidden",
                "kcity/案件.jpg", "kcity/a b.jpg", "C:/a.jpg", "kcity/a.jpg\n", "%2e%2e/secret.txt",
                "a".repeat(BlobKeys.MAX_LENGTH + 1));

        for (String key : bad) {
            assertThrows(IllegalArgumentException.class, () -> storage.put(key, new byte[] {1}), "put " + key);
            assertThrows(IllegalArgumentException.class, () -> storage.get(key), "get " + key);
            assertThrows(IllegalArgumentException.class, () -> storage.open(key), "open " + key);
            assertThrows(IllegalArgumentException.class, () -> storage.delete(key), "delete " + key);
        }
        assertThrows(IllegalArgumentException.class, () -> storage.put(null, new byte[] {1}));

        assertEquals("outside the storage folder", Files.readString(dir.resolve("secret.txt")));
        assertFalse(Files.exists(dir.resolve("blobs")), "nothing was written");
    }

    @Test
    void ordinary_keys_made_by_features_are_accepted() {
        BlobStorage storage = storage();

        for (String key : List.of("kcity/cases/123/3f9a-1b.jpg", "x", "a_b/C-9/d.e.f", "kcity/cases/123/thumb..jpg")) {
            storage.put(key, new byte[] {7});
            assertArrayEquals(new byte[] {7}, storage.get(key).orElseThrow(), key);
        }
    }

    @Test
    void writes_leave_no_temporary_files_and_files_are_readable_by_their_owner_only() throws IOException {
        BlobStorage storage = storage();

        for (int i = 0; i < 20; i++) {
            storage.put("kcity/cases/" + (i % 3) + "/photo-" + i + ".jpg", new byte[1000 + i]);
        }
        storage.put("kcity/cases/0/photo-0.jpg", new byte[] {1});

        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertEquals(20, all.size());
            for (Path file : all) {
                assertTrue(file.getFileName().toString().startsWith("photo-"), file.toString());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
    }

    @Test
    void a_failed_write_leaves_no_temporary_file_behind() throws IOException {
        BlobStorage storage = storage();
        storage.put("kcity/cases/1/a.jpg", new byte[] {1});

        // "kcity/cases/1" is a folder holding a blob, so it cannot be replaced by a file.
        assertThrows(UncheckedIOException.class, () -> storage.put("kcity/cases/1", new byte[] {2}));

        try (Stream<Path> files = Files.list(dir.resolve("blobs/kcity/cases"))) {
            assertEquals(List.of(dir.resolve("blobs/kcity/cases/1")), files.toList());
        }
        assertArrayEquals(new byte[] {1}, storage.get("kcity/cases/1/a.jpg").orElseThrow());
    }
}
