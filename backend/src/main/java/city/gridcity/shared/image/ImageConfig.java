package city.gridcity.shared.image;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on uploaded photos and the size of their thumbnails. */
@ConfigMapping(prefix = "gridcity.images")
public interface ImageConfig {

    /** The largest file accepted, e.g. {@code 10M}. */
    @WithDefault("10M")
    MemorySize maxSize();

    /**
     * The most pixels (width × height) accepted, checked in the file's header before any decoding:
     * a small file can declare a huge image and exhaust memory when decoded.
     */
    @WithDefault("40000000")
    long maxPixels();

    /** The longest side of a thumbnail, in pixels. */
    @WithDefault("320")
    int thumbnailSize();
}
