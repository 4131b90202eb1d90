package city.gridcity.shared.image;

/**
 * An image file with its metadata removed, and what its header says: the stored pixel size and the
 * EXIF orientation (1 to 8; 1 when there was none) a viewer applies when showing it.
 */
record CleanedImage(byte[] bytes, int width, int height, int orientation) {

    /** Whether a viewer shows the image turned by a quarter, so width and height trade places. */
    boolean quarterTurned() {
        return orientation >= 5;
    }
}
