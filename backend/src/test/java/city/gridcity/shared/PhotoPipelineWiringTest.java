package city.gridcity.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.ImageType;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.storage.BlobStorage;
import city.gridcity.shared.storage.FileSystemBlobStorage;
import city.gridcity.support.PostgresResource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The storage and the sanitizer as features receive them: chosen and limited by configuration. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PhotoPipelineWiringTest {

    @Inject
    BlobStorage storage;

    @Inject
    ImageSanitizer sanitizer;

    @Test
    void the_file_system_storage_is_the_default_and_writes_to_the_configured_folder() {
        // application.properties points the test profile at target/test-blobs.
        FileSystemBlobStorage fileSystem = assertInstanceOf(FileSystemBlobStorage.class, ClientProxy.unwrap(storage));
        assertEquals(Path.of("target/test-blobs").toAbsolutePath().normalize(), fileSystem.root());

        storage.put("wiring/cases/1/a.jpg", new byte[] {1, 2});

        assertTrue(Files.isRegularFile(Path.of("target/test-blobs/wiring/cases/1/a.jpg")));
        assertArrayEquals(new byte[] {1, 2}, storage.get("wiring/cases/1/a.jpg").orElseThrow());
        assertTrue(storage.delete("wiring/cases/1/a.jpg"));
    }

    @Test
    void the_sanitizer_applies_the_default_size_limit_of_ten_megabytes() {
        byte[] upload = new byte[(10 << 20) + 1];

        ProblemException refused = assertThrows(ProblemException.class, () -> sanitizer.sanitize("photo", upload, null));

        assertTrue(refused.getMessage().startsWith("photo: is 10.1 MB; the limit is 10 MB"), refused.getMessage());
    }

    @Test
    void the_running_service_decodes_webp_for_its_thumbnail() throws IOException {
        // The WebP decoder is a library of its own; this shows it is found under Quarkus' class loading too.
        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream("/images/lossy-with-icc-exif-xmp.webp")) {
            webp = in.readAllBytes();
        }

        SanitizedImage clean = sanitizer.sanitize("photo", webp, "street.webp");

        assertEquals(ImageType.WEBP, clean.type());
        assertEquals(ImageType.JPEG, ImageType.detect(clean.thumbnail()).orElseThrow());
    }
}
