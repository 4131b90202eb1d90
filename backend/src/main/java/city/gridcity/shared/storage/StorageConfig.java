package city.gridcity.shared.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Where uploaded files are kept. */
@ConfigMapping(prefix = "gridcity.storage")
public interface StorageConfig {

    /** The implementation of {@link BlobStorage}, by its {@code @Identifier}: {@code filesystem}. */
    @WithDefault(FileSystemBlobStorage.KIND)
    String kind();

    /** The folder of the {@code filesystem} kind. Unset: {@code blobs/} in the data directory. */
    Optional<String> dir();
}
