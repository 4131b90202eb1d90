package city.gridcity.integration.outbox;

import java.util.UUID;

/**
 * A message written to the outbox for one receiver.
 *
 * @param subscriptionId the webhook subscription, for {@link OutboxMessage.Channel#WEBHOOK}
 * @param residentUserId the user, for {@link OutboxMessage.Channel#RESIDENT}
 */
public record Enqueued(long messageId, UUID idempotencyKey, OutboxMessage.Channel channel, Long subscriptionId,
                       Long residentUserId) {
}
