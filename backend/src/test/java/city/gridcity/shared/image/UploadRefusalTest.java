package city.gridcity.shared.image;

import static city.gridcity.shared.image.TestImages.ascii;
import static city.gridcity.shared.image.TestImages.concat;
import static city.gridcity.shared.image.TestImages.png;
import static city.gridcity.shared.image.TestImages.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import city.gridcity.shared.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class UploadRefusalTest {

    private final ImageSanitizer sanitizer = new ImageSanitizer(new ImageSanitizer.Limits(10L << 20, 40_000_000, 320));

    @Test
    void a_pdf_is_refused_with_a_message_that_names_what_it_is() {
        ProblemException refused = refuse("photos[0]", ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "report.pdf");

        assertEquals(400, refused.status());
        assertEquals("invalid-field", refused.code());
        assertEquals("photos[0]", refused.errors().get(0).field());
        assertEquals("must be a JPEG, PNG or WebP image; this file (report.pdf) is a PDF document",
                refused.errors().get(0).message());
    }

    @Test
    void text_gif_and_heic_files_named_like_photos_are_refused() {
        assertEquals("must be a JPEG, PNG or WebP image; this file (photo.jpg) is a text file",
                refuse("photo", ascii("<html><script>alert(1)</script></html>"), "photo.jpg").errors().get(0).message());
        assertEquals("must be a JPEG, PNG or WebP image; this file (photo.png) is a GIF image",
                refuse("photo", ascii("GIF89a\u0001\0\u0001\0\0\0\0;"), "photo.png").errors().get(0).message());
        String heic = refuse("photo", concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic\0\0\0\0mif1heic")), "IMG_1.jpg")
                .errors().get(0).message();
        assertEquals("must be a JPEG, PNG or WebP image; this file (IMG_1.jpg) is a HEIC image (an iPhone's default; "
                + "export it as JPEG, or set the camera to 'Most Compatible')", heic);
        assertEquals("must be a JPEG, PNG or WebP image; this file is of an unknown type",
                refuse("photo", new byte[] {0, 1, 2, 3, (byte) 0xFE}, null).errors().get(0).message());
    }

    @Test
    void a_file_name_is_shown_without_its_folders_or_characters_that_could_disguise_it() {
        String message = refuse("photo", ascii("%PDF-1.4"), "C:\\Users\\li\\invoice\u202Egpj.pdf\u0007")
                .errors().get(0).message();

        assertEquals("must be a JPEG, PNG or WebP image; this file (invoicegpj.pdf) is a PDF document", message);
    }

    @Test
    void an_empty_file_is_refused() {
        assertEquals("photo: is empty; choose the photo file again", refuse("photo", new byte[0], "a.jpg").getMessage());
        assertEquals("photo: is empty; choose the photo file again", refuse("photo", null, "a.jpg").getMessage());
    }

    @Test
    void a_file_over_the_size_limit_is_refused_with_both_sizes() {
        byte[] upload = new byte[(int) (12.4 * 1024 * 1024)];
        upload[0] = (byte) 0xFF;
        upload[1] = (byte) 0xD8;
        upload[2] = (byte) 0xFF;

        ProblemException refused = refuse("photos[2]", upload, "big.jpg");

        assertEquals("is 12.4 MB; the limit is 10 MB: reduce the photo's resolution or quality and upload it again",
                refused.errors().get(0).message());
    }

    @Test
    void a_jpeg_header_declaring_a_huge_picture_is_refused_before_decoding() {
        // 50,000 × 50,000 pixels in a file of a few bytes: decoding it fully would take 10 GB of memory.
        byte[] sof = {8, (byte) 0xC3, 0x50, (byte) 0xC3, 0x50, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        byte[] sos = {3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0};
        byte[] bomb = concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, segment(0xC0, sof), segment(0xDA, sos),
                new byte[] {0x12, 0x34, (byte) 0xFF, (byte) 0xD9});

        ProblemException refused = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refuse("photo", bomb, "bomb.jpg"));

        assertEquals("is 50000 × 50000 pixels (2500 megapixels); the limit is 40 megapixels: "
                + "reduce the photo's resolution and upload it again", refused.errors().get(0).message());
    }

    @Test
    void png_and_webp_headers_declaring_huge_pictures_are_refused_before_decoding() {
        byte[] png = png(10, 10);
        ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
        byte[] webp = TestImages.resource("lossy-with-icc-exif-xmp.webp");
        ByteBuffer header = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        header.put(24, (byte) 0xFF).put(25, (byte) 0x3F).put(27, (byte) 0xFF).put(28, (byte) 0x3F); // 16384 × 16384

        assertEquals("is 100000 × 100000 pixels (10000 megapixels); the limit is 40 megapixels: "
                + "reduce the photo's resolution and upload it again", refuse("photo", png, "bomb.png").errors().get(0).message());
        assertEquals("is 16384 × 16384 pixels (268.5 megapixels); the limit is 40 megapixels: "
                + "reduce the photo's resolution and upload it again", refuse("photo", webp, "bomb.webp").errors().get(0).message());
    }

    @Test
    void the_pixel_limit_counts_the_whole_picture() {
        ImageSanitizer strict = new ImageSanitizer(new ImageSanitizer.Limits(10L << 20, 6_000, 320));

        strict.sanitize("photo", png(100, 60), null);
        ProblemException refused = assertThrows(ProblemException.class, () -> strict.sanitize("photo", png(100, 61), null));

        assertFalse(refused.getMessage().isBlank());
    }

    @Test
    void a_png_without_image_data_is_refused_as_damaged() {
        byte[] png = png(20, 20);
        byte[] headerOnly = concat(Arrays.copyOf(png, 33), TestImages.chunk("IEND", new byte[0]));

        assertEquals("is not a readable PNG image (it is damaged, incomplete or of an unusual kind); "
                + "save the photo again and upload the new file",
                refuse("photo", headerOnly, null).errors().get(0).message());
    }

    private ProblemException refuse(String field, byte[] upload, String name) {
        return assertThrows(ProblemException.class, () -> sanitizer.sanitize(field, upload, name));
    }
}
