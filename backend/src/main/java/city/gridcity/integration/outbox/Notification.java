package city.gridcity.integration.outbox;

/**
 * What happened, to be told to its recipients.
 *
 * @param eventType one of {@link city.gridcity.integration.EventTypes#KNOWN}, e.g. {@code case.dispatched}
 * @param aggregateRef what it happened to, e.g. the case number (at most 64 characters)
 * @param summary one line for people: the resident's message list and the administrator's view
 *                (at most 200 characters; required when a resident is a recipient)
 * @param payload the event's data, anything Jackson writes as a JSON object (a record, a map);
 *                webhook receivers get it as {@code data}
 */
public record Notification(String eventType, String aggregateRef, String summary, Object payload) {
}
