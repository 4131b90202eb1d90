package city.gridcity.shared.image;

import java.util.Optional;

/** The image formats the service accepts, recognised by their first bytes. */
public enum ImageType {

    JPEG("image/jpeg", "jpg", "JPEG"),
    PNG("image/png", "png", "PNG"),
    WEBP("image/webp", "webp", "WebP");

    private final String mediaType;
    private final String extension;
    private final String displayName;

    ImageType(String mediaType, String extension, String displayName) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.displayName = displayName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name extension to store the image under, without the dot. */
    public String extension() {
        return extension;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The format {@code bytes} are in, from their signature alone: a file's name and the content type
     * a browser declares are the uploader's claims, the signature is what a decoder will act on.
     */
    public static Optional<ImageType> detect(byte[] bytes) {
        if (Bytes.startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (Bytes.startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (Bytes.startsWith(bytes, 0, 'R', 'I', 'F', 'F') && Bytes.startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }
}
