package city.gridcity.points.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.points.PointsAccounts;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in user's own points (积分账户). Nobody reads another's. */
@Path("/api/v1/me/points")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_USER)
@Tag(name = "My points", description = "我的积分 · Your points")
public class MyPointsResource {

    private final PointsAccounts accounts;
    private final CurrentPrincipal principal;

    MyPointsResource(PointsAccounts accounts, CurrentPrincipal principal) {
        this.accounts = accounts;
        this.principal = principal;
    }

    public record TransferList(List<PointsViews.TransferView> items, long total, int page, int size) {
    }

    @GET
    @Operation(summary = "Your balance, level (账号分级) and the next level")
    public PointsViews.PointsView points() {
        return PointsViews.PointsView.of(accounts.standing(principal.require().id()));
    }

    @GET
    @Path("/transfers")
    @Operation(summary = "Every award and spend of your points, newest first, with its reason and case")
    public TransferList transfers(@BeanParam PageParams paging) {
        Paging p = paging.resolve(20, 100);
        long userId = principal.require().id();
        PointsAccounts.History h = accounts.history(userId, p.page(), p.size());
        long account = accounts.accountOf(userId).orElse(-1L);
        return new TransferList(h.items().stream().map(t -> PointsViews.TransferView.of(t, account)).toList(), h.total(),
                p.page(), p.size());
    }
}
