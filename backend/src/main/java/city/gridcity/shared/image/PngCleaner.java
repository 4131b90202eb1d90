package city.gridcity.shared.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes metadata from a PNG by copying only the chunks that decide what the pixels look like.
 * PNG chunks are self-contained, so this is exact and lossless; re-encoding would gain nothing.
 *
 * <p>Kept: header, palette, image data, transparency, and the colour-space chunks that hold no
 * device data (gamma, chromaticities, sRGB intent, significant bits, background, pixel density).
 * Dropped: everything else, known or not: text chunks (where XMP and many tools' comments live), EXIF,
 * the ICC profile (its header names the device), timestamps, animation frames, private chunks.
 */
final class PngCleaner {

    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB",
            "sBIT", "bKGD", "pHYs");

    private PngCleaner() {
    }

    static CleanedImage clean(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8);
        int pos = 8;
        int width = -1;
        int height = -1;
        boolean data = false;
        while (true) {
            if (pos + 12 > in.length) {
                throw ImageRefusal.damaged(ImageType.PNG);
            }
            long length = Bytes.u32be(in, pos);
            if (length > in.length - pos - 12) {
                throw ImageRefusal.damaged(ImageType.PNG);
            }
            String type = new String(in, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int total = 12 + (int) length;
            if (width < 0) {
                if (!type.equals("IHDR") || length != 13) {
                    throw ImageRefusal.damaged(ImageType.PNG);
                }
                width = readDimension(in, pos + 8);
                height = readDimension(in, pos + 12);
            }
            if (KEPT.contains(type)) {
                out.write(in, pos, total);
            }
            data |= type.equals("IDAT");
            pos += total;
            if (type.equals("IEND")) {
                break; // anything after the end chunk is not part of the image
            }
        }
        if (!data) {
            throw ImageRefusal.damaged(ImageType.PNG);
        }
        return new CleanedImage(out.toByteArray(), width, height, 1);
    }

    /** PNG allows up to 2^31 - 1; larger values fit no Java image and mean a damaged file. */
    private static int readDimension(byte[] in, int at) {
        long value = Bytes.u32be(in, at);
        if (value == 0 || value > Integer.MAX_VALUE) {
            throw ImageRefusal.damaged(ImageType.PNG);
        }
        return (int) value;
    }
}
