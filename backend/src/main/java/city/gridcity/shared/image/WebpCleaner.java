package city.gridcity.shared.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes metadata from a WebP by rewriting its RIFF container with only the image chunks. The JDK
 * cannot encode WebP, and the compressed data needs no change: EXIF, XMP and the ICC profile live in
 * chunks of their own, announced by flags in the extended header (VP8X), which are cleared to match.
 *
 * <p>Kept: the extended header, the alpha channel and the image bitstream (lossy VP8 or lossless
 * VP8L). Dropped: EXIF, XMP, ICC profile, unknown chunks, and anything after the RIFF container.
 * Animated WebP is refused: the service takes photos, and frames would each need their own checks.
 */
final class WebpCleaner {

    private static final int ICC_FLAG = 0x20;
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;
    private static final int ANIMATION_FLAG = 0x02;

    private WebpCleaner() {
    }

    static CleanedImage clean(byte[] in) {
        if (in.length < 20) {
            throw ImageRefusal.damaged(ImageType.WEBP);
        }
        long riffEnd = 8 + Bytes.u32le(in, 4);
        if (riffEnd > in.length) {
            throw ImageRefusal.damaged(ImageType.WEBP);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 12);
        int pos = 12;
        int width = -1;
        int height = -1;
        int bitstreams = 0;
        boolean first = true;
        while (pos < riffEnd) {
            if (pos + 8 > riffEnd) {
                throw ImageRefusal.damaged(ImageType.WEBP);
            }
            String fourCc = new String(in, pos, 4, StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(in, pos + 4);
            int payload = pos + 8;
            long padded = size + (size & 1);
            if (padded > riffEnd - payload) {
                throw ImageRefusal.damaged(ImageType.WEBP);
            }
            int next = payload + (int) padded;
            switch (fourCc) {
                case "VP8X" -> {
                    if (!first || size < 10) {
                        throw ImageRefusal.damaged(ImageType.WEBP);
                    }
                    int flags = Bytes.u8(in, payload);
                    if ((flags & ANIMATION_FLAG) != 0) {
                        throw animated();
                    }
                    width = Bytes.u24le(in, payload + 4) + 1;
                    height = Bytes.u24le(in, payload + 7) + 1;
                    byte[] header = Arrays.copyOfRange(in, pos, next);
                    header[8] = (byte) (flags & ~(ICC_FLAG | EXIF_FLAG | XMP_FLAG));
                    out.writeBytes(header);
                }
                case "VP8 ", "VP8L" -> {
                    bitstreams++;
                    if (first) {
                        int[] dimensions = fourCc.equals("VP8 ") ? lossySize(in, payload, size)
                                : losslessSize(in, payload, size);
                        width = dimensions[0];
                        height = dimensions[1];
                    }
                    out.write(in, pos, next - pos);
                }
                case "ALPH" -> out.write(in, pos, next - pos);
                case "ANIM", "ANMF" -> throw animated();
                default -> {
                    // EXIF, XMP, ICCP and chunks this reader does not know: dropped
                }
            }
            first = false;
            pos = next;
        }
        if (bitstreams != 1 || width < 1 || height < 1) {
            throw ImageRefusal.damaged(ImageType.WEBP);
        }
        byte[] bytes = out.toByteArray();
        Bytes.putU32le(bytes, 4, bytes.length - 8L);
        return new CleanedImage(bytes, width, height, 1);
    }

    /** Width and height from a VP8 key frame header: frame tag, start code 9d 01 2a, 14-bit sizes. */
    private static int[] lossySize(byte[] in, int payload, long size) {
        if (size < 10 || !Bytes.startsWith(in, payload + 3, 0x9D, 0x01, 0x2A)) {
            throw ImageRefusal.damaged(ImageType.WEBP);
        }
        return new int[] {Bytes.u16le(in, payload + 6) & 0x3FFF, Bytes.u16le(in, payload + 8) & 0x3FFF};
    }

    /** Width and height from a VP8L header: signature 0x2f, then width-1 and height-1 in 14 bits each. */
    private static int[] losslessSize(byte[] in, int payload, long size) {
        if (size < 5 || Bytes.u8(in, payload) != 0x2F) {
            throw ImageRefusal.damaged(ImageType.WEBP);
        }
        long bits = Bytes.u32le(in, payload + 1);
        return new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1};
    }

    private static ImageRefusal animated() {
        return new ImageRefusal("is an animated WebP; upload a still photo");
    }
}
