package city.gridcity.shared.image;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an uploaded photo into one that is safe to store and show to others: only JPEG, PNG or WebP,
 * within the configured size and pixel limits, without EXIF (place, camera make and model), XMP, IPTC,
 * ICC profiles or comments, and with a thumbnail. Knows nothing of cities or cases; the calling
 * feature stores the result and decides who may see it.
 */
@ApplicationScoped
public class ImageSanitizer {

    private static final String ACCEPTED = "must be a JPEG, PNG or WebP image";
    private static final long MEBIBYTE = 1024 * 1024;

    private final Limits limits;

    @Inject
    ImageSanitizer(ImageConfig config) {
        this(new Limits(config.maxSize().asLongValue(), config.maxPixels(), config.thumbnailSize()));
    }

    public ImageSanitizer(Limits limits) {
        this.limits = limits;
    }

    /**
     * The limits a photo must keep.
     *
     * @param maxBytes      the largest file accepted
     * @param maxPixels     the most pixels (width × height) accepted, read from the header before decoding
     * @param thumbnailSize the longest side of a thumbnail, in pixels
     */
    public record Limits(long maxBytes, long maxPixels, int thumbnailSize) {
        public Limits {
            if (maxBytes < 1 || maxPixels < 1 || thumbnailSize < 1) {
                throw new IllegalArgumentException("Image limits must be positive: " + maxBytes + " bytes, "
                        + maxPixels + " pixels, thumbnails of " + thumbnailSize + " pixels");
            }
        }
    }

    /**
     * Checks an upload and removes its metadata. The format is taken from the file's first bytes: a
     * PNG named {@code photo.jpg} is accepted as a PNG, and a PDF named {@code photo.jpg} is refused.
     *
     * @param field            the request field the upload came in, for the error, e.g. {@code photos[0]}
     * @param upload           the file's bytes; null counts as empty
     * @param declaredFileName the name the client gave the file, only to name it in errors; may be null
     * @return the cleaned image, its shown size, its thumbnail and its hash
     * @throws ProblemException 400 ({@code invalid-field} on {@code field}) for an empty, too large,
     *                          unreadable or animated file, a file in another format, or too many pixels
     */
    public SanitizedImage sanitize(String field, byte[] upload, String declaredFileName) {
        if (upload == null || upload.length == 0) {
            throw ProblemException.invalid(field, "is empty; choose the photo file again");
        }
        if (upload.length > limits.maxBytes()) {
            throw ProblemException.invalid(field, "is " + megabytes(upload.length, RoundingMode.UP)
                    + " MB; the limit is " + megabytes(limits.maxBytes(), RoundingMode.DOWN)
                    + " MB: reduce the photo's resolution or quality and upload it again");
        }
        ImageType type = ImageType.detect(upload).orElseThrow(() -> ProblemException.invalid(field,
                ACCEPTED + "; this file" + named(declaredFileName) + " is " + OtherFileKinds.describe(upload)));
        try {
            CleanedImage cleaned = switch (type) {
                case JPEG -> JpegCleaner.clean(upload);
                case PNG -> PngCleaner.clean(upload);
                case WEBP -> WebpCleaner.clean(upload);
            };
            long pixels = (long) cleaned.width() * cleaned.height();
            if (pixels > limits.maxPixels()) {
                throw new ImageRefusal("is " + cleaned.width() + " × " + cleaned.height() + " pixels ("
                        + megapixels(pixels, RoundingMode.UP) + " megapixels); the limit is "
                        + megapixels(limits.maxPixels(), RoundingMode.DOWN)
                        + " megapixels: reduce the photo's resolution and upload it again");
            }
            byte[] thumbnail = Thumbnails.of(type, cleaned, limits.thumbnailSize());
            boolean turned = cleaned.quarterTurned();
            return new SanitizedImage(type, cleaned.bytes(), turned ? cleaned.height() : cleaned.width(),
                    turned ? cleaned.width() : cleaned.height(), thumbnail, sha256(cleaned.bytes()));
        } catch (ImageRefusal refusal) {
            throw ProblemException.invalid(field, refusal.getMessage());
        }
    }

    /**
     * The client's file name as it may appear in a message: its last path segment, without control
     * or text-direction characters (which could make a name read as another), at most 80 characters.
     */
    private static String named(String declaredFileName) {
        if (declaredFileName == null) {
            return "";
        }
        String name = declaredFileName.substring(Math.max(declaredFileName.lastIndexOf('/'),
                declaredFileName.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(80)
                .forEach(clean::appendCodePoint);
        String shown = clean.toString().strip();
        return shown.isEmpty() ? "" : " (" + shown + ")";
    }

    private static String megabytes(long bytes, RoundingMode rounding) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MEBIBYTE), 1, rounding).stripTrailingZeros()
                .toPlainString();
    }

    private static String megapixels(long pixels, RoundingMode rounding) {
        return BigDecimal.valueOf(pixels).divide(BigDecimal.valueOf(1_000_000), 1, rounding).stripTrailingZeros()
                .toPlainString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }
}
