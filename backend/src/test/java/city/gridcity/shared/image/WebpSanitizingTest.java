package city.gridcity.shared.image;

import static city.gridcity.shared.image.TestImages.MAKE;
import static city.gridcity.shared.image.TestImages.MODEL;
import static city.gridcity.shared.image.TestImages.contains;
import static city.gridcity.shared.image.TestImages.decode;
import static city.gridcity.shared.image.TestImages.pixels;
import static city.gridcity.shared.image.TestImages.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.ProblemException;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * The WebP files under {@code src/test/resources/images} were made with Debian's {@code webp} tools
 * from small generated pictures: {@code cwebp -q 80} (lossy) or {@code cwebp -lossless -exact}
 * (lossless, with a transparent half), then {@code webpmux -set exif|xmp|icc}, with EXIF holding Make
 * {@value TestImages#MAKE}, Model {@value TestImages#MODEL} and a GPS position, XMP naming the same
 * camera, and an ICC profile header naming device FCAM/F9KP; {@code lossy-plain.webp} is the lossy
 * file before webpmux.
 */
class WebpSanitizingTest {

    private static final int ICC = 0x20;
    private static final int ALPHA = 0x10;
    private static final int EXIF = 0x08;
    private static final int XMP = 0x04;

    private final ImageSanitizer sanitizer = new ImageSanitizer(new ImageSanitizer.Limits(10L << 20, 40_000_000, 320));

    @Test
    void exif_xmp_and_icc_chunks_are_gone_after_sanitizing_a_webp() throws IOException {
        byte[] upload = resource("lossy-with-icc-exif-xmp.webp");
        for (String trace : new String[] {"ICCP", "EXIF", "XMP ", MAKE, MODEL, "FCAM", "xmpmeta"}) {
            assertTrue(contains(upload, trace), "the upload carries " + trace);
        }
        assertEquals(ICC | EXIF | XMP, flags(upload));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "street.webp");

        for (String trace : new String[] {"ICCP", "EXIF", "XMP ", MAKE, MODEL, "FCAM", "xmpmeta"}) {
            assertFalse(contains(clean.bytes(), trace), "the cleaned image still carries " + trace);
        }
        assertEquals(0, flags(clean.bytes()), "the header no longer announces metadata");
        assertEquals(clean.bytes().length - 8, riffSize(clean.bytes()));
        assertEquals(ImageType.WEBP, clean.type());
        assertEquals("image/webp", clean.mediaType());
        assertEquals(64, clean.width());
        assertEquals(48, clean.height());
        // lossy-plain.webp is the same cwebp output before webpmux added the metadata.
        assertArrayEquals(pixels(decodeWebp(resource("lossy-plain.webp"))), pixels(decodeWebp(clean.bytes())),
                "the bitstream is untouched");
        BufferedImage thumbnail = decode(clean.thumbnail());
        assertEquals(64, thumbnail.getWidth());
        assertEquals(48, thumbnail.getHeight());
    }

    @Test
    void a_lossless_webp_keeps_its_transparency_and_loses_its_metadata() throws IOException {
        byte[] upload = resource("lossless-alpha-with-exif-xmp.webp");
        assertEquals(ALPHA | EXIF | XMP, flags(upload));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "plan.webp");

        assertEquals(ALPHA, flags(clean.bytes()));
        assertFalse(contains(clean.bytes(), MAKE));
        assertEquals(40, clean.width());
        assertEquals(30, clean.height());
        BufferedImage readBack = decodeWebp(clean.bytes());
        assertEquals(0xFF, readBack.getRGB(5, 5) >>> 24, "the left half is opaque");
        assertEquals(0, readBack.getRGB(35, 5) >>> 24, "the right half is transparent");
        // Thumbnails are JPEG: transparency becomes white.
        int thumbnailPixel = decode(clean.thumbnail()).getRGB(35, 5);
        for (int shift : new int[] {16, 8, 0}) {
            assertTrue(((thumbnailPixel >> shift) & 0xFF) > 240, "white where the picture is transparent");
        }
    }

    @Test
    void the_alpha_chunk_of_a_lossy_webp_is_kept() throws IOException {
        byte[] upload = resource("lossy-alpha-with-exif.webp");

        SanitizedImage clean = sanitizer.sanitize("photo", upload, null);

        assertTrue(contains(clean.bytes(), "ALPH"));
        assertFalse(contains(clean.bytes(), "EXIF"));
        assertEquals(ALPHA, flags(clean.bytes()));
        assertEquals(0, decodeWebp(clean.bytes()).getRGB(35, 5) >>> 24);
    }

    @Test
    void a_simple_webp_without_metadata_is_stored_byte_for_byte() {
        byte[] upload = resource("lossy-plain.webp");

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "plain.webp");

        assertArrayEquals(upload, clean.bytes());
        assertEquals(64, clean.width());
        assertEquals(48, clean.height());
    }

    @Test
    void an_animated_webp_is_refused() {
        byte[] upload = resource("lossy-with-icc-exif-xmp.webp");
        upload[20] |= 0x02; // the animation flag of the VP8X header

        ProblemException refused = assertThrows(ProblemException.class, () -> sanitizer.sanitize("photo", upload, "a.webp"));

        assertEquals("photo: is an animated WebP; upload a still photo", refused.getMessage());
    }

    @Test
    void a_webp_whose_chunk_runs_past_the_end_is_refused_as_damaged() {
        byte[] whole = resource("lossy-plain.webp");
        byte[] cut = Arrays.copyOf(whole, whole.length - 40);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(4, cut.length - 8);

        ProblemException refused = assertThrows(ProblemException.class, () -> sanitizer.sanitize("photo", cut, null));

        assertTrue(refused.getMessage().contains("is not a readable WebP image"), refused.getMessage());
    }

    /** The VP8X flags byte of an extended WebP. */
    private static int flags(byte[] webp) {
        assertTrue(contains(webp, "VP8X"));
        return webp[20] & 0xFF;
    }

    private static long riffSize(byte[] webp) {
        return ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
    }

    private static BufferedImage decodeWebp(byte[] webp) throws IOException {
        ImageReader reader = new WebPImageReaderSpi().createReaderInstance(null);
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(webp))) {
            reader.setInput(in);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }
}
