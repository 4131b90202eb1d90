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

    /**
     * Failed deliveries in a row after which a receiver is paused: its messages wait (keeping their
     * attempts) until the pause ends, and then one batch probes it. The pause lasts as long as the
     * receiver has been failing, within the outbox's backoff bounds, so it doubles at most per probe.
     */
    @WithDefault("10")
    int pauseAfterFailures();
}
