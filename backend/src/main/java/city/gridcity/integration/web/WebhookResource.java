package city.gridcity.integration.web;

import city.gridcity.identity.Role;
import city.gridcity.integration.EventTypes;
import city.gridcity.integration.webhook.WebhookSubscription;
import city.gridcity.integration.webhook.WebhookSubscriptions;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The city administrator's webhook subscriptions. Lengths and formats are checked by the service, which
 * names every invalid field at once.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_ADMIN)
@Tag(name = "Webhooks", description = "事件推送 · Your city's webhook subscriptions")
public class WebhookResource {

    private final WebhookSubscriptions subscriptions;

    WebhookResource(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * @param eventTypes event types, family wildcards ({@code case.*}) or {@code *} for every event
     * @param departmentCode only events addressed to this department; leave out for every event
     * @param active true when left out
     */
    public record SubscriptionBody(String name, String url, List<String> eventTypes, String departmentCode,
                                   Boolean active) {
    }

    /**
     * @param consecutiveFailures failed deliveries since the last one that succeeded
     * @param failingSince the first of those failures; null while the receiver answers
     * @param pausedUntil while this is ahead, no message is sent to the receiver (they wait and keep their
     *                    attempts); resume sooner with {@code POST /api/v1/webhooks/{id}/resume} or by saving it
     */
    public record SubscriptionView(Long id, String name, String url, List<String> eventTypes, String departmentCode,
                                   boolean active, String secretHint, int consecutiveFailures, Instant failingSince,
                                   Instant pausedUntil, Instant createdAt, Instant updatedAt, long version) {
        static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id, s.name, s.url, List.of(s.eventTypes), s.departmentCode, s.active,
                    s.secretHint(), s.consecutiveFailures, s.failingSince, s.pausedUntil, s.createdAt, s.updatedAt,
                    s.version);
        }
    }

    /** Carries the secret: shown on creation and rotation only, never again. */
    public record SubscriptionWithSecret(SubscriptionView subscription, String secret, String signature) {
        static SubscriptionWithSecret of(WebhookSubscriptions.WithSecret w) {
            return new SubscriptionWithSecret(SubscriptionView.of(w.subscription()), w.secret(),
                    "X-GridCity-Signature: sha256=<hex HMAC-SHA256 of X-GridCity-Timestamp + \".\" + body, keyed with this secret>");
        }
    }

    public record EventTypeView(String type, String nameZh) {
    }

    @GET
    @Operation(summary = "Your city's webhook subscriptions (secrets are not shown)")
    public List<SubscriptionView> list() {
        return subscriptions.list().stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("/event-types")
    @Operation(summary = "The event types a subscription may filter by; 'case.*' and '*' also work")
    public List<EventTypeView> eventTypes() {
        return EventTypes.KNOWN.entrySet().stream().map(e -> new EventTypeView(e.getKey(), e.getValue())).toList();
    }

    @POST
    @Operation(summary = "Subscribe a receiver; the answer carries its signing secret, shown this once")
    @APIResponseSchema(value = SubscriptionWithSecret.class, responseCode = "201",
            responseDescription = "The subscription with its signing secret")
    public Response create(@NotNull @Valid SubscriptionBody b) {
        var created = subscriptions.create(spec(b));
        return Response.created(URI.create("/api/v1/webhooks/" + created.subscription().id))
                .entity(SubscriptionWithSecret.of(created)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription (without its secret)")
    public SubscriptionView get(@PathParam("id") long id) {
        return subscriptions.find(id).map(SubscriptionView::of)
                .orElseThrow(() -> ProblemException.notFound("Webhook subscription " + id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a subscription's name, URL, filters and active flag; the secret stays")
    public SubscriptionView update(@PathParam("id") long id, @NotNull @Valid SubscriptionBody b) {
        return SubscriptionView.of(subscriptions.update(id, spec(b)));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "End a paused receiver's pause now (it was repaired): its waiting messages go out in the next round")
    public SubscriptionView resume(@PathParam("id") long id) {
        return SubscriptionView.of(subscriptions.resume(id));
    }

    @POST
    @Path("/{id}/secret")
    @Operation(summary = "Give a subscription a new secret (the old one stops working at once), shown this once")
    public SubscriptionWithSecret rotateSecret(@PathParam("id") long id) {
        return SubscriptionWithSecret.of(subscriptions.rotateSecret(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a subscription; its undelivered messages become dead, its history stays")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        subscriptions.delete(id);
        return Response.noContent().build();
    }

    private static WebhookSubscriptions.SubscriptionSpec spec(SubscriptionBody b) {
        return new WebhookSubscriptions.SubscriptionSpec(b.name(), b.url(), b.eventTypes(), b.departmentCode(), b.active());
    }
}
