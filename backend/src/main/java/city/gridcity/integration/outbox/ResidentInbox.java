package city.gridcity.integration.outbox;

import java.time.Instant;

/**
 * Where {@link OutboxWorker} puts a message for a resident. The feature that keeps residents' message
 * lists implements it, so the outbox, which every feature uses, depends on none of them.
 */
public interface ResidentInbox {

    /** A message to put in a user's list, from the outbox message {@code outboxMessageId}. */
    record Delivery(long outboxMessageId, long userId, String eventType, String aggregateRef, String summary,
                    String payloadJson, Instant createdAt) {
    }

    /**
     * Puts a message in the user's list of the current city, once: delivering the same outbox message
     * again adds nothing, also when two workers race.
     *
     * @return whether the message was new
     */
    boolean deliver(Delivery delivery);
}
