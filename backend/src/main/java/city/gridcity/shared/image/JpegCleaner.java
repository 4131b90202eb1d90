package city.gridcity.shared.image;

import java.io.ByteArrayOutputStream;

/**
 * Removes metadata from a JPEG by copying only the segments a decoder needs.
 *
 * <p>Why segments are removed rather than the image re-encoded: re-encoding a camera photo loses
 * quality each time, takes a full decode of up to 40 megapixels in memory, and would need its own
 * care for the colour transform. Removing segments keeps every compressed pixel as it was; the list
 * of what is kept is short and closed (frame, tables, scans), so metadata in a segment type we have
 * never seen is dropped too, not copied.
 *
 * <p>Dropped: every APPn segment (EXIF with GPS, camera make and model and its embedded preview,
 * XMP, ICC profiles, which carry device make and model in their header, IPTC, maker notes) except a
 * JFIF header without its thumbnail and Adobe's colour-transform flag; comments; and everything after
 * the end-of-image marker (phones append depth maps and secondary images there, with their own EXIF).
 *
 * <p>EXIF orientation is the one EXIF field kept: phones store portrait photos sideways and rely on
 * it, it says nothing of place or device, and browsers apply it. It is written back as a minimal EXIF
 * segment holding that single field.
 */
final class JpegCleaner {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP14 = 0xEE;
    private static final int COM = 0xFE;
    private static final int TEM = 0x01;
    private static final int ORIENTATION_TAG = 0x0112;

    private JpegCleaner() {
    }

    static CleanedImage clean(byte[] in) {
        if (!Bytes.startsWith(in, 0, 0xFF, SOI)) {
            throw ImageRefusal.damaged(ImageType.JPEG);
        }
        ByteArrayOutputStream jfif = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(in.length);
        int width = -1;
        int height = -1;
        int orientation = 1;
        int pos = 2;
        while (true) {
            if (pos >= in.length || Bytes.u8(in, pos) != 0xFF) {
                throw ImageRefusal.damaged(ImageType.JPEG);
            }
            while (pos < in.length && Bytes.u8(in, pos) == 0xFF) {
                pos++; // fill bytes may precede any marker
            }
            if (pos >= in.length) {
                throw ImageRefusal.damaged(ImageType.JPEG);
            }
            int marker = Bytes.u8(in, pos++);
            if (marker == EOI) {
                break;
            }
            if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
                body.write(0xFF);
                body.write(marker);
                continue;
            }
            if (marker == SOI || pos + 2 > in.length) {
                throw ImageRefusal.damaged(ImageType.JPEG);
            }
            int length = Bytes.u16be(in, pos);
            int payload = pos + 2;
            int end = pos + length;
            if (length < 2 || end > in.length) {
                throw ImageRefusal.damaged(ImageType.JPEG);
            }
            if (marker == APP0) {
                if (jfif.size() == 0 && length >= 16 && Bytes.startsWith(in, payload, "JFIF\0")) {
                    writeJfifWithoutThumbnail(in, payload, jfif);
                }
            } else if (marker == APP1) {
                if (Bytes.startsWith(in, payload, "Exif\0\0")) {
                    orientation = orientation(in, payload + 6, end);
                }
            } else if (marker == APP14) {
                if (Bytes.startsWith(in, payload, "Adobe")) {
                    body.write(in, pos - 2, length + 2);
                }
            } else if ((marker > APP0 && marker <= 0xEF) || marker == COM) {
                // other application segments and comments: metadata, dropped
            } else if (isStartOfFrame(marker)) {
                if (length < 8) {
                    throw ImageRefusal.damaged(ImageType.JPEG);
                }
                if (width < 0) {
                    height = Bytes.u16be(in, payload + 1);
                    width = Bytes.u16be(in, payload + 3);
                }
                body.write(in, pos - 2, length + 2);
            } else if (marker == SOS) {
                if (width < 0) {
                    throw ImageRefusal.damaged(ImageType.JPEG);
                }
                int scanEnd = endOfScan(in, end);
                body.write(in, pos - 2, scanEnd - (pos - 2));
                pos = scanEnd;
                continue;
            } else {
                body.write(in, pos - 2, length + 2); // tables, restart interval and the like
            }
            pos = end;
        }
        if (width < 0) {
            throw ImageRefusal.damaged(ImageType.JPEG);
        }
        if (height == 0) {
            throw new ImageRefusal("declares its height after the image data, which is not supported; "
                    + "save the photo again as an ordinary JPEG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 64);
        out.write(0xFF);
        out.write(SOI);
        out.writeBytes(jfif.toByteArray());
        if (orientation != 1) {
            out.writeBytes(orientationOnlyExif(orientation));
        }
        out.writeBytes(body.toByteArray());
        out.write(0xFF);
        out.write(EOI);
        return new CleanedImage(out.toByteArray(), width, height, orientation);
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The position of the marker that ends the entropy-coded data starting at {@code pos}. */
    private static int endOfScan(byte[] in, int pos) {
        while (pos + 1 < in.length) {
            if (Bytes.u8(in, pos) != 0xFF) {
                pos++;
                continue;
            }
            int next = Bytes.u8(in, pos + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
                pos += next == 0xFF ? 1 : 2; // stuffed byte, restart marker, or fill byte before a marker
                continue;
            }
            return pos;
        }
        throw ImageRefusal.damaged(ImageType.JPEG);
    }

    /** JFIF's version, units and density; its optional thumbnail would be a second copy of the picture. */
    private static void writeJfifWithoutThumbnail(byte[] in, int payload, ByteArrayOutputStream jfif) {
        jfif.write(0xFF);
        jfif.write(APP0);
        jfif.write(0);
        jfif.write(16);
        jfif.write(in, payload, 12);
        jfif.write(0);
        jfif.write(0);
    }

    /**
     * The orientation field of IFD0 in the TIFF structure at {@code tiff}, or 1 when absent or
     * unreadable: a damaged EXIF block is dropped anyway and must not refuse a good picture.
     */
    private static int orientation(byte[] in, int tiff, int end) {
        if (end - tiff < 8) {
            return 1;
        }
        boolean little;
        if (Bytes.startsWith(in, tiff, "II")) {
            little = true;
        } else if (Bytes.startsWith(in, tiff, "MM")) {
            little = false;
        } else {
            return 1;
        }
        long ifd = little ? Bytes.u32le(in, tiff + 4) : Bytes.u32be(in, tiff + 4);
        if (ifd < 8 || ifd > end - tiff - 2) {
            return 1;
        }
        int at = tiff + (int) ifd;
        int count = little ? Bytes.u16le(in, at) : Bytes.u16be(in, at);
        for (int i = 0; i < count; i++) {
            int entry = at + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            int tag = little ? Bytes.u16le(in, entry) : Bytes.u16be(in, entry);
            int type = little ? Bytes.u16le(in, entry + 2) : Bytes.u16be(in, entry + 2);
            if (tag == ORIENTATION_TAG && type == 3) {
                int value = little ? Bytes.u16le(in, entry + 8) : Bytes.u16be(in, entry + 8);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** An APP1 segment whose EXIF holds only the orientation: big-endian TIFF, one IFD, one entry. */
    private static byte[] orientationOnlyExif(int orientation) {
        return new byte[] {
            (byte) 0xFF, (byte) APP1, 0, 34,
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0
        };
    }
}
