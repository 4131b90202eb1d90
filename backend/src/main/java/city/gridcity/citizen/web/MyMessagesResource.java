package city.gridcity.citizen.web;

import city.gridcity.citizen.ResidentMessage;
import city.gridcity.citizen.ResidentMessages;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own message list: news of the cases they reported. Nobody reads another's. */
@Path("/api/v1/me/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_USER)
@Tag(name = "My messages", description = "我的消息 · Your messages")
public class MyMessagesResource {

    private final ResidentMessages messages;
    private final CurrentPrincipal principal;
    private final ObjectMapper json;

    MyMessagesResource(ResidentMessages messages, CurrentPrincipal principal, ObjectMapper json) {
        this.messages = messages;
        this.principal = principal;
        this.json = json;
    }

    public record MessageView(Long id, String eventType, String aggregateRef, String summary, JsonNode data,
                              Instant createdAt, Instant readAt) {
    }

    public record MessageList(List<MessageView> items, long total, long unread, int page, int size) {
    }

    @GET
    @Operation(summary = "Your messages, newest first, with how many are unread")
    public MessageList list(@BeanParam PageParams paging) {
        Paging p = paging.resolve(20, 100);
        ResidentMessages.MessagePage result = messages.list(principal.require().id(), p.page(), p.size());
        return new MessageList(result.items().stream().map(this::view).toList(), result.total(), result.unread(),
                p.page(), p.size());
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of your messages read")
    public MessageView markRead(@PathParam("id") long id) {
        return view(messages.markRead(principal.require().id(), id));
    }

    private MessageView view(ResidentMessage m) {
        try {
            return new MessageView(m.id, m.eventType, m.aggregateRef, m.summary, json.readTree(m.payload), m.createdAt,
                    m.readAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload of message " + m.id + " is not JSON", e);
        }
    }
}
