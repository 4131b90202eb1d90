package city.gridcity.shared.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Names what a refused upload is, so the message can tell the person what they picked and what to
 * do instead. Recognises the files people mistake for photos; the rest is "of an unknown type".
 */
final class OtherFileKinds {

    private OtherFileKinds() {
    }

    static String describe(byte[] bytes) {
        if (Bytes.startsWith(bytes, 0, "%PDF")) {
            return "a PDF document";
        }
        if (Bytes.startsWith(bytes, 0, "GIF87a") || Bytes.startsWith(bytes, 0, "GIF89a")) {
            return "a GIF image";
        }
        if (Bytes.startsWith(bytes, 4, "ftyp")) {
            String brand = bytes.length >= 12 ? new String(bytes, 8, 4, StandardCharsets.ISO_8859_1) : "";
            if (brand.startsWith("avi")) {
                return "an AVIF image";
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return "a HEIC image (an iPhone's default; export it as JPEG, or set the camera to 'Most Compatible')";
            }
            return "a video or other media file";
        }
        if (Bytes.startsWith(bytes, 0, "II*\0") || Bytes.startsWith(bytes, 0, "MM\0*")) {
            return "a TIFF image";
        }
        if (Bytes.startsWith(bytes, 0, "BM")) {
            return "a BMP image";
        }
        if (Bytes.startsWith(bytes, 0, "PK\u0003\u0004")) {
            return "a ZIP archive or office document";
        }
        if (Bytes.startsWith(bytes, 0, "RIFF")) {
            return "a RIFF file (audio or video), not a WebP image";
        }
        if (looksLikeText(bytes)) {
            String start = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT);
            return start.contains("<svg") ? "an SVG drawing" : "a text file";
        }
        return "of an unknown type";
    }

    /** No NUL and no control characters other than tab, line feed, carriage return and form feed. */
    private static boolean looksLikeText(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                return false;
            }
        }
        return true;
    }
}
