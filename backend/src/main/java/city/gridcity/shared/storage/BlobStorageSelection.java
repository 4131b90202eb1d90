package city.gridcity.shared.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.stream.Collectors;

/**
 * Makes the implementation named by {@code gridcity.storage.kind} the {@link BlobStorage} that
 * features inject. Each implementation is a bean with {@code @Identifier("<kind>")}, so adding one
 * (object storage) is a new class and a configuration value, with no change to its users.
 */
@ApplicationScoped
public class BlobStorageSelection {

    @Produces
    @Default
    @ApplicationScoped
    BlobStorage configured(StorageConfig config, @Any Instance<BlobStorage> implementations) {
        Instance<BlobStorage> chosen = implementations.select(Identifier.Literal.of(config.kind()));
        if (!chosen.isResolvable()) {
            String known = implementations.handlesStream()
                    .flatMap(handle -> handle.getBean().getQualifiers().stream())
                    .filter(Identifier.class::isInstance)
                    .map(qualifier -> ((Identifier) qualifier).value())
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("gridcity.storage.kind=" + config.kind()
                    + " names no storage implementation; known kinds: " + known);
        }
        return chosen.get();
    }
}
