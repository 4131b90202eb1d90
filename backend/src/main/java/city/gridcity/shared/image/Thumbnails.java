package city.gridcity.shared.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes a cleaned image and draws its thumbnail: a JPEG whose longest side is at most the
 * configured size, turned the way a viewer shows the original, transparency on white. Decoding the
 * cleaned bytes (not the upload) proves that what is stored is an image the service can read.
 */
final class Thumbnails {

    private static final float JPEG_QUALITY = 0.82f;

    private Thumbnails() {
    }

    static byte[] of(ImageType type, CleanedImage image, int longestSide) {
        BufferedImage decoded = decode(type, image, longestSide);
        int width = decoded.getWidth();
        int height = decoded.getHeight();
        double scale = Math.min(1.0, (double) longestSide / Math.max(image.width(), image.height()));
        int targetWidth = Math.max(1, (int) Math.round(image.width() * scale));
        int targetHeight = Math.max(1, (int) Math.round(image.height() * scale));
        BufferedImage scaled = new BufferedImage(targetWidth, targetHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, targetWidth, targetHeight);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(decoded, 0, 0, targetWidth, targetHeight, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return writeJpeg(Orientation.apply(scaled, image.orientation()));
    }

    /**
     * Reads the image, skipping rows and columns so that at most twice the thumbnail's size is held
     * in memory: a 40-megapixel photo is never expanded to its full 160 MB of pixels.
     */
    private static BufferedImage decode(ImageType type, CleanedImage image, int longestSide) {
        ImageReader reader = readerFor(type);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            reader.setInput(in, true, true);
            if (reader.getWidth(0) != image.width() || reader.getHeight(0) != image.height()) {
                throw ImageRefusal.damaged(type); // the decoder and the header disagree: not a well-formed file
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(image.width(), image.height()) / (2 * longestSide));
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        } catch (ImageRefusal e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report broken input as IOException or as any runtime exception of their own.
            throw ImageRefusal.damaged(type);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageType type) {
        if (type == ImageType.WEBP) {
            // Created directly rather than through ImageIO's registry, which depends on the class loader
            // that first touched ImageIO: the WebP plugin is then found in every runtime mode.
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == ImageType.JPEG ? "jpeg" : "png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("This JVM has no " + type.displayName() + " reader");
        }
        return readers.next();
    }

    private static byte[] writeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a thumbnail", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
