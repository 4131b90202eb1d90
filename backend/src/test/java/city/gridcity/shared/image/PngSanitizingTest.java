package city.gridcity.shared.image;

import static city.gridcity.shared.image.TestImages.MAKE;
import static city.gridcity.shared.image.TestImages.ascii;
import static city.gridcity.shared.image.TestImages.chunk;
import static city.gridcity.shared.image.TestImages.concat;
import static city.gridcity.shared.image.TestImages.contains;
import static city.gridcity.shared.image.TestImages.decode;
import static city.gridcity.shared.image.TestImages.encode;
import static city.gridcity.shared.image.TestImages.exifTiff;
import static city.gridcity.shared.image.TestImages.iccHeader;
import static city.gridcity.shared.image.TestImages.insertAfterIhdr;
import static city.gridcity.shared.image.TestImages.picture;
import static city.gridcity.shared.image.TestImages.pixels;
import static city.gridcity.shared.image.TestImages.png;
import static city.gridcity.shared.image.TestImages.xmpPacket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PngSanitizingTest {

    private final ImageSanitizer sanitizer = new ImageSanitizer(new ImageSanitizer.Limits(10L << 20, 40_000_000, 320));

    @Test
    void text_exif_xmp_and_icc_chunks_are_gone_after_sanitizing_a_png() {
        byte[] upload = insertAfterIhdr(png(90, 60),
                chunk("eXIf", exifTiff(null)),
                chunk("iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), xmpPacket())),
                chunk("tEXt", ascii("Comment\0taken at 31.2396N 121.4750E")),
                chunk("iCCP", concat(ascii("camera\0\0"), iccHeader())),
                chunk("tIME", new byte[] {7, (byte) 0xEA, 11, 23, 9, 30, 0}));
        for (String trace : new String[] {"eXIf", MAKE, "iTXt", "xmpmeta", "tEXt", "31.2396N", "iCCP", "tIME"}) {
            assertTrue(contains(upload, trace), "the upload carries " + trace);
        }

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "map.png");

        for (String trace : new String[] {"eXIf", MAKE, "iTXt", "xmpmeta", "tEXt", "31.2396N", "iCCP", "tIME"}) {
            assertFalse(contains(clean.bytes(), trace), "the cleaned image still carries " + trace);
        }
        assertEquals(ImageType.PNG, clean.type());
        assertEquals(90, clean.width());
        assertEquals(60, clean.height());
        assertArrayEquals(pixels(decode(png(90, 60))), pixels(decode(clean.bytes())));
    }

    @Test
    void a_png_keeps_every_pixel_and_its_transparency() {
        BufferedImage drawn = picture(50, 40, BufferedImage.TYPE_INT_ARGB);
        drawn.setRGB(49, 39, 0x00000000);
        drawn.setRGB(48, 39, 0x80FFFFFF);
        byte[] upload = insertAfterIhdr(encode(drawn, "png"), chunk("tEXt", ascii("Author\0" + MAKE)));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, "sketch.png");

        BufferedImage readBack = decode(clean.bytes());
        assertTrue(readBack.getColorModel().hasAlpha());
        assertArrayEquals(pixels(drawn), pixels(readBack));
        assertFalse(contains(clean.bytes(), MAKE));
    }

    @Test
    void a_png_named_jpg_is_accepted_as_a_png() {
        SanitizedImage clean = sanitizer.sanitize("photo", png(30, 20), "holiday.jpg");

        assertEquals(ImageType.PNG, clean.type());
        assertEquals("image/png", clean.mediaType());
        assertEquals("png", clean.type().extension());
    }

    @Test
    void data_after_the_end_of_a_png_is_dropped() {
        byte[] png = png(30, 20);
        byte[] upload = concat(png, ascii("PK\u0003\u0004 a hidden archive by " + MAKE));

        SanitizedImage clean = sanitizer.sanitize("photo", upload, null);

        assertArrayEquals(png, clean.bytes());
    }
}
