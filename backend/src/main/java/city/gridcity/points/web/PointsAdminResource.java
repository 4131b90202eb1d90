package city.gridcity.points.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.points.Ledger;
import city.gridcity.points.PointAwards;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointRulesService;
import city.gridcity.shared.web.PageParams;
import city.gridcity.shared.web.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The city administrator's side of the points programme: rules, their audit trail, the ledger audit, false reports. */
@Path("/api/v1/points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.CITY_ADMIN)
@Tag(name = "Points administration", description = "积分规则与账本 · Point rules and the ledger")
public class PointsAdminResource {

    private final PointRulesService rules;
    private final Ledger ledger;
    private final PointAwards awards;
    private final CurrentPrincipal current;

    PointsAdminResource(PointRulesService rules, Ledger ledger, PointAwards awards, CurrentPrincipal current) {
        this.rules = rules;
        this.ledger = ledger;
        this.awards = awards;
        this.current = current;
    }

    public record VersionView(long id, Instant effectiveFrom, PointRules rules, Instant createdAt, String createdBy) {
        static VersionView of(PointRulesService.Version v) {
            return new VersionView(v.id(), v.effectiveFrom(), v.rules(), v.createdAt(), v.createdBy());
        }
    }

    /**
     * @param inForce  the version in force now; null when the city has none yet
     * @param versions every version, oldest first
     */
    public record RulesView(VersionView inForce, List<VersionView> versions) {
    }

    /** @param effectiveFrom from when on (not in the past); now when left out */
    public record RulesBody(OffsetDateTime effectiveFrom, @NotNull @Valid PointRules rules) {
    }

    public record AuditView(Instant at, String by, String subject, String oldValue, String newValue) {
    }

    public record AuditList(List<AuditView> items, long total, int page, int size) {
    }

    public record AccountCheck(long accountId, String kind, Long userId, long stored, long replayed, boolean matches) {
    }

    /**
     * The ledger audit: each account's stored balance against the replay of its transfers.
     *
     * @param balanced   the city's balances add up to zero
     * @param consistent every stored balance equals its replay
     * @param mismatches the accounts whose balance differs from the replay (none when consistent)
     */
    public record LedgerAudit(long transfers, long accounts, long sumOfBalances, boolean balanced, boolean consistent,
                              List<AccountCheck> mismatches) {
    }

    public record FalseReportBody(@NotNull String caseNumber, @NotNull String reason) {
    }

    /** @param suspended whether this strike suspended the reporter's earning */
    public record FalseReportView(String caseNumber, List<UUID> clawbacks, long pointsTakenBack, boolean suspended) {
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The point rules in force and every version")
    public RulesView rules() {
        return new RulesView(rules.inForceNow().map(VersionView::of).orElse(null),
                rules.versions().stream().map(VersionView::of).toList());
    }

    @POST
    @Path("/rules")
    @Operation(summary = "Add a version of the point rules from a moment not in the past (audited); earlier awards keep theirs")
    @APIResponseSchema(value = VersionView.class, responseCode = "201", responseDescription = "The new version")
    public Response addRules(@NotNull @Valid RulesBody b) {
        PointRulesService.Version v = rules.add(b.rules(), b.effectiveFrom() == null ? null : b.effectiveFrom().toInstant(),
                current.require().username());
        return Response.status(201).entity(VersionView.of(v)).build();
    }

    @GET
    @Path("/audit-trail")
    @Operation(summary = "Every change of the point rules and rewards, newest first: who, when, old, new")
    public AuditList auditTrail(@BeanParam PageParams paging) {
        Paging p = paging.resolve(50, 200);
        return new AuditList(rules.audit(p.page(), p.size()).stream()
                .map(a -> new AuditView(a.at(), a.by(), a.subject(), a.oldValue(), a.newValue())).toList(),
                rules.auditCount(), p.page(), p.size());
    }

    @GET
    @Path("/ledger-audit")
    @Operation(summary = "Recompute every balance from the transfers and compare; check the city's balances add up to zero")
    public LedgerAudit ledgerAudit() {
        List<Ledger.Replay> replay = ledger.replay();
        long sum = replay.stream().mapToLong(Ledger.Replay::stored).sum();
        List<AccountCheck> mismatches = replay.stream().filter(r -> !r.matches())
                .map(r -> new AccountCheck(r.accountId(), r.kind(), r.userId(), r.stored(), r.replayed(), false)).toList();
        return new LedgerAudit(ledger.transferCount(), replay.size(), sum, sum == 0, mismatches.isEmpty(), mismatches);
    }

    @POST
    @Path("/false-reports")
    @Operation(summary = "Judge a resident's report false (假报): its award is taken back by a new transfer naming it, "
            + "and it counts as a strike")
    @APIResponseSchema(value = FalseReportView.class, responseCode = "200", responseDescription = "What was taken back")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "404",
            description = "No points award of this city names the case")
    public FalseReportView falseReport(@NotNull @Valid FalseReportBody b) {
        PointAwards.FalseReport r = awards.judgeFalse(b.caseNumber(), b.reason());
        return new FalseReportView(r.caseNumber(), r.clawbacks().stream().map(Ledger.Transfer::id).toList(),
                r.clawbacks().stream().mapToLong(Ledger.Transfer::amount).sum(), r.suspended());
    }
}
