package city.gridcity.integration.outbox;

/**
 * Who is told of a {@link Notification}. Webhook recipients are resolved, when the notification is
 * enqueued, to the city's active subscriptions whose event filter lets it through: a department's own
 * subscriptions, and the city-wide ones (no department) which hear every webhook-addressed event once.
 */
public sealed interface Recipient {

    /** The webhook subscriptions of a department ({@code sanitation}) and the city-wide ones. */
    static Recipient department(String code) {
        return new Department(code);
    }

    /** The city-wide webhook subscriptions only: for events that concern no one department. */
    static Recipient citySubscribers() {
        return new CitySubscribers();
    }

    /** A user's message list on the portal (usually the resident who reported the case). */
    static Recipient resident(long userId) {
        return new Resident(userId);
    }

    record Department(String code) implements Recipient {
    }

    record CitySubscribers() implements Recipient {
    }

    record Resident(long userId) implements Recipient {
    }
}
