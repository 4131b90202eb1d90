package city.gridcity.integration.web;

import city.gridcity.identity.Role;
import city.gridcity.integration.outbox.OutboxAdmin;
import city.gridcity.integration.outbox.OutboxMessage;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The city administrator's view of notifications on their way: what is pending, delivered, dead, and why. */
@Path("/api/v1/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_ADMIN)
@Tag(name = "Outbox", description = "消息投递 · Notifications of your city and their delivery")
public class OutboxResource {

    private final OutboxAdmin outbox;
    private final ObjectMapper json;

    OutboxResource(OutboxAdmin outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    public record MessageView(Long id, UUID idempotencyKey, String eventType, String aggregateRef, String summary,
                              OutboxMessage.Channel channel, Long subscriptionId, Long residentUserId,
                              OutboxMessage.Status status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                              String lastError, Instant deliveredAt, Instant createdAt, JsonNode payload) {
        static MessageView of(OutboxMessage m, JsonNode payload) {
            return new MessageView(m.id, m.idempotencyKey, m.eventType, m.aggregateRef, m.summary, m.channel,
                    m.subscriptionId, m.residentUserId, m.status, m.attempts,
                    m.status == OutboxMessage.Status.PENDING ? m.nextAttemptAt : null, m.lastAttemptAt, m.lastError,
                    m.deliveredAt, m.createdAt, payload);
        }
    }

    public record MessageList(List<MessageView> items, long total, int page, int size) {
    }

    public record Counts(long pending, long delivered, long dead) {
    }

    @GET
    @Operation(summary = "Your city's notifications, newest first; status=DEAD lists what needs attention")
    public MessageList list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                            @BeanParam PageParams paging) {
        Paging p = paging.resolve(50, 200);
        OutboxAdmin.MessagePage result = outbox.list(parse("status", status, OutboxMessage.Status.class),
                parse("channel", channel, OutboxMessage.Channel.class), p.page(), p.size());
        // The list leaves payloads out: one message's page shows it.
        return new MessageList(result.items().stream().map(m -> MessageView.of(m, null)).toList(), result.total(),
                p.page(), p.size());
    }

    @GET
    @Path("/counts")
    @Operation(summary = "How many notifications are pending, delivered and dead")
    public Counts counts() {
        Map<OutboxMessage.Status, Long> c = outbox.counts();
        return new Counts(c.get(OutboxMessage.Status.PENDING), c.get(OutboxMessage.Status.DELIVERED),
                c.get(OutboxMessage.Status.DEAD));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One notification with its payload")
    public MessageView get(@PathParam("id") long id) {
        OutboxMessage m = outbox.find(id).orElseThrow(() -> ProblemException.notFound("Outbox message " + id));
        return MessageView.of(m, payload(m));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a dead notification again, with every attempt available and the same idempotency key")
    public MessageView retry(@PathParam("id") long id) {
        OutboxMessage m = outbox.retry(id);
        return MessageView.of(m, payload(m));
    }

    private JsonNode payload(OutboxMessage m) {
        try {
            return json.readTree(m.payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload of outbox message " + m.id + " is not JSON", e);
        }
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
