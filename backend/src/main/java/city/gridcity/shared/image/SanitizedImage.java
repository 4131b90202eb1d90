package city.gridcity.shared.image;

/**
 * An accepted photo, ready to store: the upload without its metadata, and its thumbnail.
 * The arrays are not copied, to spare holding a large photo twice: treat them as read-only.
 *
 * @param type      the format found in the file's bytes, whatever its name or declared type said
 * @param bytes     the cleaned file, same format as the upload
 * @param width     in pixels as a viewer shows the photo (with its EXIF orientation applied)
 * @param height    in pixels as a viewer shows the photo
 * @param thumbnail a JPEG ({@link #THUMBNAIL_MEDIA_TYPE}) whose longest side is at most the configured size
 * @param sha256    lower-case hex SHA-256 of {@code bytes}: to recognise the same photo uploaded twice
 */
public record SanitizedImage(ImageType type, byte[] bytes, int width, int height, byte[] thumbnail, String sha256) {

    public static final String THUMBNAIL_MEDIA_TYPE = "image/jpeg";

    public String mediaType() {
        return type.mediaType();
    }
}
