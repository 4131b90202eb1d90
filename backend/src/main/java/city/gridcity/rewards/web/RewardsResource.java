package city.gridcity.rewards.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.rewards.Redemptions;
import city.gridcity.rewards.RewardCatalog;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Rewards (积分兑换): the catalog, a resident's redemptions with their pickup codes, the pickup staff's
 * confirmation (核销), and the administrator's management of rewards and their stock.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rewards", description = "积分兑换 · Rewards")
public class RewardsResource {


    private final RewardCatalog catalog;
    private final Redemptions redemptions;
    private final CurrentPrincipal current;

    RewardsResource(RewardCatalog catalog, Redemptions redemptions, CurrentPrincipal current) {
        this.catalog = catalog;
        this.redemptions = redemptions;
        this.current = current;
    }

    /**
     * @param minLevel the lowest account level that may redeem it: its place in the city's levels, 0 for the first
     */
    public record RewardView(long id, String code, String nameZh, String nameEn, String descriptionZh, String descriptionEn,
                             int price, int stock, Integer perResidentLimit, int minLevel, OffsetDateTime availableFrom,
                             OffsetDateTime availableUntil, boolean active, String pictureUrl, boolean availableNow) {

        static RewardView of(RewardCatalog.RewardInfo r) {
            return new RewardView(r.id(), r.code(), r.nameZh(), r.nameEn(), r.descriptionZh(), r.descriptionEn(), r.price(),
                    r.stock(), r.perResidentLimit(), r.minLevel(), time(r.availableFrom()), time(r.availableUntil()),
                    r.active(), r.hasPicture() ? "/api/v1/rewards/" + r.id() + "/picture" : null, r.availableNow());
        }
    }

    /** A new reward, or on PATCH the fields to change (absent ones stay; {@code clear} names ends to remove). */
    public record RewardBody(String code, String nameZh, String nameEn, String descriptionZh, String descriptionEn,
                             Integer price, Integer stock, Integer perResidentLimit, Integer minLevel,
                             OffsetDateTime availableFrom, OffsetDateTime availableUntil, Boolean active, List<String> clear) {

        RewardCatalog.Spec spec() {
            return new RewardCatalog.Spec(code, nameZh, nameEn, descriptionZh, descriptionEn, price, stock, perResidentLimit,
                    minLevel, availableFrom == null ? null : availableFrom.toInstant(),
                    availableUntil == null ? null : availableUntil.toInstant(), active);
        }
    }

    /** @param endedAt null while held */
    public record RedemptionView(long id, long rewardId, String rewardCode, String rewardNameZh, String rewardNameEn,
                                 String code, int price, String status, OffsetDateTime heldAt, OffsetDateTime expiresAt,
                                 OffsetDateTime endedAt) {

        static RedemptionView of(Redemptions.RedemptionInfo r) {
            return new RedemptionView(r.id(), r.rewardId(), r.rewardCode(), r.rewardNameZh(), r.rewardNameEn(), r.code(),
                    r.price(), r.status().name(), time(r.heldAt()), time(r.expiresAt()), time(r.endedAt()));
        }
    }

    public record RedemptionList(List<RedemptionView> items, long total, int page, int size) {
    }

    @GET
    @Path("/rewards")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "The rewards residents may redeem now, cheapest first; ?all=true (administrator) every reward")
    public List<RewardView> list(@QueryParam("all") boolean all) {
        if (all && !current.require().roles().contains(Role.CITY_ADMIN)) {
            throw ProblemException.forbidden("role-not-allowed", "Only the city's administrator lists every reward.");
        }
        return catalog.list(all).stream().map(RewardView::of).toList();
    }

    @GET
    @Path("/rewards/{id}")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "One reward")
    public RewardView get(@PathParam("id") long id) {
        return RewardView.of(catalog.get(id));
    }

    @POST
    @Path("/rewards")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a reward (audited)")
    @APIResponseSchema(value = RewardView.class, responseCode = "201", responseDescription = "The new reward")
    public Response create(@NotNull RewardBody b) {
        RewardCatalog.RewardInfo r = catalog.create(b.spec(), current.require().username());
        return Response.created(URI.create("/api/v1/rewards/" + r.id())).entity(RewardView.of(r)).build();
    }

    @PATCH
    @Path("/rewards/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Change a reward: names, price, stock left, limit, level, window, active (audited); "
            + "clear: [\"availableFrom\", \"availableUntil\", \"perResidentLimit\"] removes them")
    public RewardView update(@PathParam("id") long id, @NotNull RewardBody b) {
        List<String> clear = b.clear() == null ? List.of() : b.clear();
        for (String c : clear) {
            if (!List.of("availableFrom", "availableUntil", "perResidentLimit").contains(c)) {
                throw ProblemException.invalid("clear", "name availableFrom, availableUntil or perResidentLimit, not " + c);
            }
        }
        return RewardView.of(catalog.update(id, b.spec(), clear.contains("availableFrom"), clear.contains("availableUntil"),
                clear.contains("perResidentLimit"), current.require().username()));
    }

    @PUT
    @Path("/rewards/{id}/picture")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Set a reward's picture (form field 'file'; JPEG, PNG or WebP, location and device data removed)")
    public RewardView picture(@PathParam("id") long id, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw ProblemException.invalid("file", "send the picture as the multipart form field 'file'");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RewardView.of(catalog.setPicture(id, bytes, file.fileName(), current.require().username()));
    }

    @GET
    @Path("/rewards/{id}/picture")
    @Produces({"image/jpeg", "image/png", "image/webp"})
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "A reward's picture")
    @APIResponse(responseCode = "200", description = "The picture", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response pictureOf(@PathParam("id") long id) {
        RewardCatalog.Picture p = catalog.picture(id);
        return Response.ok(p.bytes(), p.mediaType()).header("Cache-Control", "private, max-age=300").build();
    }

    @POST
    @Path("/rewards/{id}/redemptions")
    @RolesAllowed(Role.Names.RESIDENT)
    @Operation(summary = "Redeem a reward: your points and one unit of stock are held together and you get a pickup code "
            + "(核销码); refused with nothing changed when you lack points, the stock is gone, your level or limit does "
            + "not allow it, or the reward is not available now")
    @APIResponseSchema(value = RedemptionView.class, responseCode = "201", responseDescription = "The hold, with its pickup code")
    public Response redeem(@PathParam("id") long id) {
        Redemptions.RedemptionInfo r = redemptions.hold(id, current.require().id());
        return Response.created(URI.create("/api/v1/me/redemptions/" + r.id())).entity(RedemptionView.of(r)).build();
    }

    @GET
    @Path("/me/redemptions")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Your redemptions, newest first, with their pickup codes")
    public RedemptionList mine(@BeanParam PageParams paging) {
        Paging p = paging.resolve(20, 100);
        long me = current.require().id();
        return new RedemptionList(redemptions.of(me, p.page(), p.size()).stream().map(RedemptionView::of).toList(),
                redemptions.countOf(me), p.page(), p.size());
    }

    @DELETE
    @Path("/me/redemptions/{id}")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "Cancel one of your held redemptions: the points and the unit go back")
    public RedemptionView cancel(@PathParam("id") long id) {
        return RedemptionView.of(redemptions.cancel(id, current.require().id()));
    }

    @GET
    @Path("/redemptions/{code}")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.VOLUNTEER})
    @Operation(summary = "Pickup staff: what a pickup code is for, before confirming it")
    public RedemptionView byCode(@PathParam("code") String code) {
        return RedemptionView.of(redemptions.byCode(code).orElseThrow(() -> ProblemException.notFound("Pickup code " + code)));
    }

    @POST
    @Path("/redemptions/{code}/fulfilment")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.VOLUNTEER})
    @Operation(summary = "Pickup staff confirm a pickup code (核销): the reward is handed over and the points are spent")
    public RedemptionView fulfil(@PathParam("code") String code) {
        return RedemptionView.of(redemptions.fulfil(code, current.require().id()));
    }

    static OffsetDateTime time(java.time.Instant i) {
        return i == null ? null : i.atOffset(java.time.ZoneOffset.UTC);
    }
}
