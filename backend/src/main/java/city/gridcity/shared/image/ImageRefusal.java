package city.gridcity.shared.image;

/**
 * Raised inside the sanitizer where the field name is not known; {@link ImageSanitizer} turns it
 * into the client's problem detail. The message is the fix, written for the person uploading.
 */
final class ImageRefusal extends RuntimeException {

    ImageRefusal(String fix) {
        super(fix, null, false, false);
    }

    static ImageRefusal damaged(ImageType type) {
        return new ImageRefusal("is not a readable " + type.displayName()
                + " image (it is damaged, incomplete or of an unusual kind); save the photo again and upload the new file");
    }
}
