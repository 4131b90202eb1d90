package city.gridcity.shared.image;

import static city.gridcity.shared.image.TestImages.MAKE;
import static city.gridcity.shared.image.TestImages.MODEL;
import static city.gridcity.shared.image.TestImages.concat;
import static city.gridcity.shared.image.TestImages.contains;
import static city.gridcity.shared.image.TestImages.decode;
import static city.gridcity.shared.image.TestImages.exifSegment;
import static city.gridcity.shared.image.TestImages.insertAfterSoi;
import static city.gridcity.shared.image.TestImages.jpeg;
import static city.gridcity.shared.image.TestImages.otherJpegMetadata;
import static city.gridcity.shared.image.TestImages.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.ProblemException;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JpegSanitizingTest {

    private final ImageSanitizer sanitizer = new ImageSanitizer(new ImageSanitizer.Limits(10L << 20, 40_000_000, 320));

    @Test
    void gps_and_camera_model_are_gone_after_sanitizing_a_jpeg() throws Exception {
        byte[] upload = insertAfterSoi(jpeg(120, 80), concat(exifSegment(null), concat(otherJpegMetadata())));
        for (String trace : new String[] {"Exif", MAKE, MODEL, "xmpmeta", "ICC_PROFILE", "FCAM", "Photoshop 3.0",
                "Reporter"}) {
            assertTrue(contains(upload, trace), "the upload carries " + trace);
        }

        SanitizedImage clean = sanitizer.sanitize("photos[0]", upload, "IMG_0042.JPG");

        for (String trace : new String[] {"Exif", MAKE, MODEL, "xmpmeta", "ICC_PROFILE", "FCAM", "Photoshop 3.0",
                "Reporter"}) {
            assertFalse(contains(clean.bytes(), trace), "the cleaned photo still carries " + trace);
        }
        assertEquals(ImageType.JPEG, clean.type());
        assertEquals("image/jpeg", clean.mediaType());
        assertEquals(120, clean.width());
        assertEquals(80, clean.height());
        BufferedImage readBack = decode(clean.bytes());
        assertEquals(120, readBack.getWidth());
        assertEquals(80, readBack.getHeight());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clean.bytes())), clean.sha256());
    }

    @Test
    void the_compressed_pixels_of_a_jpeg_are_kept_as_they_were() {
        byte[] original = jpeg(200, 150);
        byte[] upload = insertAfterSoi(original, exifSegment(null));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "photo.jpg");

        assertArrayEquals(pixels(decode(original)), pixels(decode(clean.bytes())), "no re-encoding, no loss");
        assertTrue(clean.bytes().length <= original.length, "only segments were removed");
    }

    @Test
    void a_portrait_photo_keeps_its_orientation_and_nothing_else_of_its_exif() {
        // Stored sideways, 60 wide and 40 high, to be shown turned a quarter clockwise (EXIF orientation 6).
        byte[] upload = insertAfterSoi(jpeg(60, 40), exifSegment(6));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "portrait.jpg");

        assertFalse(contains(clean.bytes(), MAKE));
        assertFalse(contains(clean.bytes(), MODEL));
        assertTrue(contains(clean.bytes(), "Exif"), "the orientation is kept for viewers");
        assertEquals(40, clean.width(), "sizes are as shown");
        assertEquals(60, clean.height());
        BufferedImage thumbnail = decode(clean.thumbnail());
        assertEquals(40, thumbnail.getWidth());
        assertEquals(60, thumbnail.getHeight());
        // The red top-left quadrant of the stored picture is top-right once turned clockwise.
        assertTrue(isRed(thumbnail.getRGB(30, 10)), "top right is red");
        assertFalse(isRed(thumbnail.getRGB(10, 10)), "top left is not");
    }

    @Test
    void images_appended_after_the_end_of_a_jpeg_are_dropped() {
        // Phones append depth maps and secondary pictures after the first image, each with its own EXIF.
        byte[] first = jpeg(64, 48);
        byte[] upload = concat(first, insertAfterSoi(jpeg(32, 24), exifSegment(null)));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, null);

        assertFalse(contains(clean.bytes(), MAKE));
        assertTrue(clean.bytes().length <= first.length);
        assertEquals(0xD9, clean.bytes()[clean.bytes().length - 1] & 0xFF, "ends with the end-of-image marker");
    }

    @Test
    void a_jpeg_thumbnail_fits_the_configured_longest_side_and_a_small_photo_is_not_enlarged() {
        SanitizedImage large = sanitizer.sanitize("photo", jpeg(1200, 800), "large.jpg");
        SanitizedImage small = sanitizer.sanitize("photo", jpeg(100, 50), "small.jpg");

        BufferedImage largeThumbnail = decode(large.thumbnail());
        assertEquals(320, largeThumbnail.getWidth());
        assertEquals(213, largeThumbnail.getHeight());
        assertTrue(isRed(largeThumbnail.getRGB(40, 40)), "the thumbnail shows the picture");
        BufferedImage smallThumbnail = decode(small.thumbnail());
        assertEquals(100, smallThumbnail.getWidth());
        assertEquals(50, smallThumbnail.getHeight());
        assertEquals(SanitizedImage.THUMBNAIL_MEDIA_TYPE, "image/jpeg");
        assertEquals(ImageType.JPEG, ImageType.detect(large.thumbnail()).orElseThrow());
    }

    @Test
    void a_jpeg_cut_off_half_way_is_refused_as_damaged() {
        byte[] whole = jpeg(300, 200);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        ProblemException refused = assertThrows(ProblemException.class, () -> sanitizer.sanitize("photos[1]", half, "cut.jpg"));

        assertEquals(400, refused.status());
        assertEquals("photos[1]", refused.errors().get(0).field());
        assertTrue(refused.getMessage().contains("is not a readable JPEG image"), refused.getMessage());
    }

    private static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 170 && g < 80 && b < 80;
    }
}
