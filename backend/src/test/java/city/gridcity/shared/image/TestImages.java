package city.gridcity.shared.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Photos made for the tests: pictures drawn and encoded by ImageIO, and metadata written by hand
 * in the formats cameras use, so each test can show the metadata is there before and gone after.
 */
final class TestImages {

    static final String MAKE = "FixtureCam";
    static final String MODEL = "FC-9000 Pro";

    private TestImages() {
    }

    /** A picture whose top-left quadrant is red, so a test can see which way it is turned. */
    static BufferedImage picture(int width, int height, int imageType) {
        BufferedImage image = new BufferedImage(width, height, imageType);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 110, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(220, 20, 20));
        g.fillRect(0, 0, width / 2, height / 2);
        g.dispose();
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TIFF structure as EXIF holds it (big-endian): IFD0 with Make, Model, optionally Orientation,
     * and a pointer to a GPS IFD with latitude 31°14'22.5"N and longitude 121°28'30.1"E.
     */
    static byte[] exifTiff(Integer orientation) {
        byte[] make = (MAKE + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] model = (MODEL + "\0").getBytes(StandardCharsets.US_ASCII);
        int entries = orientation == null ? 3 : 4;
        int ifd0 = 8;
        int makeAt = ifd0 + 2 + 12 * entries + 4;
        int modelAt = makeAt + make.length;
        int gpsAt = modelAt + model.length;
        int rationalsAt = gpsAt + 2 + 12 * 4 + 4;
        ByteBuffer b = ByteBuffer.allocate(rationalsAt + 48);
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0);
        b.putShort((short) entries);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(makeAt);
        b.putShort((short) 0x0110).putShort((short) 2).putInt(model.length).putInt(modelAt);
        if (orientation != null) {
            b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort(orientation.shortValue()).putShort((short) 0);
        }
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsAt);
        b.putInt(0);
        b.put(make).put(model);
        b.putShort((short) 4);
        b.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 2).putShort((short) 5).putInt(3).putInt(rationalsAt);
        b.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] {'E', 0, 0, 0});
        b.putShort((short) 4).putShort((short) 5).putInt(3).putInt(rationalsAt + 24);
        b.putInt(0);
        for (int value : new int[] {31, 1, 14, 1, 2250, 100, 121, 1, 28, 1, 3010, 100}) {
            b.putInt(value);
        }
        return b.array();
    }

    /** Every pixel as ARGB, row by row, to compare two images exactly. */
    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** A JPEG segment: marker, length, payload. */
    static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        return b.array();
    }

    static byte[] exifSegment(Integer orientation) {
        return segment(0xE1, concat(ascii("Exif\0\0"), exifTiff(orientation)));
    }

    static byte[] xmpPacket() {
        return ascii("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description tiff:Make=\"" + MAKE
                + "\" exif:GPSLatitude=\"31,14.375N\"/></rdf:RDF></x:xmpmeta>");
    }

    /** The segments a camera and photo software leave in a JPEG besides EXIF. */
    static byte[][] otherJpegMetadata() {
        return new byte[][] {
            segment(0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), xmpPacket())),
            segment(0xE2, concat(ascii("ICC_PROFILE\0"), new byte[] {1, 1}, iccHeader())),
            segment(0xED, concat(ascii("Photoshop 3.0\08BIM"), new byte[] {4, 4, 0, 0, 0, 0, 0, 13},
                    ascii("\u001c\u0002\u0050\0\u0008Reporter\0"))),
            segment(0xFE, ascii("Shot by " + MODEL)),
        };
    }

    /** The 128-byte header of an ICC profile, which names a device's maker and model. */
    static byte[] iccHeader() {
        ByteBuffer b = ByteBuffer.allocate(132);
        b.putInt(132).put(ascii("lcms")).putInt(0x04300000).put(ascii("mntrRGB XYZ "));
        b.position(36);
        b.put(ascii("acspAPPL"));
        b.position(48);
        b.put(ascii("FCAMF9KP"));
        return b.array();
    }

    /** {@code jpeg} with {@code segments} placed right after its start-of-image marker. */
    static byte[] insertAfterSoi(byte[] jpeg, byte[]... segments) {
        return concat(new byte[] {jpeg[0], jpeg[1]}, concat(segments), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** A PNG chunk with its CRC. */
    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = ascii(type);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    /** {@code png} with {@code chunks} placed right after its header chunk. */
    static byte[] insertAfterIhdr(byte[] png, byte[]... chunks) {
        int afterIhdr = 8 + 12 + 13;
        return concat(Arrays.copyOfRange(png, 0, afterIhdr), concat(chunks),
                Arrays.copyOfRange(png, afterIhdr, png.length));
    }

    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No test resource images/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, String ascii) {
        return indexOf(haystack, ascii(ascii)) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
