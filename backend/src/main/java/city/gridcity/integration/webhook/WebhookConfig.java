package city.gridcity.integration.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Outbound webhook calls: how long to wait, how many connections, which addresses are allowed. */
@ConfigMapping(prefix = "gridcity.webhooks")
public interface WebhookConfig {

    /** A receiver that has not answered within this time counts as a failed attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Connections open at once to one receiver's host. */
    @WithDefault("20")
    int maxConnectionsPerHost();

    /**
     * Hosts a subscription may address over plain {@code http://} and despite being a local or private
     * address (for development and tests: {@code localhost,127.0.0.1}). Every other receiver must be
     * {@code https://} on a public address.
     */
    Optional<Set<String>> plainHttpHosts();
}
