package city.gridcity.catalog.web;

import city.gridcity.catalog.CatalogAudit;
import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.CatalogRule;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.catalog.RoutingService;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLocator;
import city.gridcity.grid.geo.CoordinateSystem;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The city's component and event catalog: subclasses, their versioned rules and their audit trail. */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "部件事件分类 · Component and event catalog")
public class CatalogResource {

    private final CatalogService catalog;
    private final RoutingService routing;
    private final GridLocator locator;
    private final CurrentPrincipal current;

    CatalogResource(CatalogService catalog, RoutingService routing, GridLocator locator, CurrentPrincipal current) {
        this.catalog = catalog;
        this.routing = routing;
        this.locator = locator;
        this.current = current;
    }

    public record RoutingBody(@NotNull @Size(max = 500) List<RoutingService.Override> overrides) {
    }

    public record ResponsibleView(String unitGrid, String street, String district, RoutingService.Responsible responsible) {
    }

    @GET
    @Path("/{kind}/{code}/routing")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The subclass's department overrides per district or street")
    public RoutingBody routing(@PathParam("kind") String kind, @PathParam("code") String code) {
        return new RoutingBody(routing.overrides(kind(kind, true), code));
    }

    @jakarta.ws.rs.PUT
    @Path("/{kind}/{code}/routing")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Replace the subclass's department overrides per district (6-digit code) or street (9-digit code)")
    public RoutingBody setRouting(@PathParam("kind") String kind, @PathParam("code") String code,
                                  @NotNull @Valid RoutingBody body) {
        return new RoutingBody(routing.setOverrides(kind(kind, true), code, body.overrides(), current.require().username()));
    }

    @GET
    @Path("/{kind}/{code}/responsible")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "Which department a problem of this subclass at a point goes to, and why")
    @APIResponseSchema(value = ResponsibleView.class, responseCode = "200", responseDescription = "The department and why")
    @APIResponse(responseCode = "404", description = "No such subclass, or the city has no grid layout in force")
    @APIResponse(responseCode = "409", description = "The department it would go to is inactive, and so is every fallback")
    @APIResponse(responseCode = "422", description = "The point is outside the city's grid")
    public ResponsibleView responsible(@PathParam("kind") String kind, @PathParam("code") String code,
                                       @QueryParam("lon") Double lon, @QueryParam("lat") Double lat,
                                       @QueryParam("crs") String crs) {
        if (lon == null || lat == null) {
            throw ProblemException.invalid(lon == null ? "lon" : "lat", "give the point's longitude and latitude");
        }
        CoordinateSystem system = CoordinateSystem.fromWireName(crs == null ? "wgs84" : crs)
                .orElseThrow(() -> ProblemException.invalid("crs", "must be wgs84, gcj02 or bd09"));
        GridIndex.Node unit = locator.locate(lon, lat, system, null).unit();
        List<GridIndex.Node> chain = unit.chain();
        return new ResponsibleView(unit.code(), chain.size() > 3 ? chain.get(3).code() : null,
                chain.size() > 4 ? chain.get(4).code() : null, routing.responsible(kind(kind, true), code, unit));
    }

    public record RuleView(Instant effectiveFrom, BigDecimal baseCaseWeight, List<FilingCondition> conditions,
                           Instant createdAt, String createdBy) {
    }

    public record ClassView(String kind, String code, String majorCode, String majorName, String name,
                            String departmentCode, String route, boolean keyClass, boolean minor, int duplicateRadiusM,
                            int duplicateWindowHours, boolean evidenceBefore, boolean evidenceAfter, String icon,
                            String residentName, boolean hiddenFromResidents, boolean active, long version,
                            RuleView rule, String localLevel, String majorEn, String nameEn, String residentNameEn) {
    }

    public record NewClassBody(@NotNull CatalogClass.Kind kind, @NotNull @Size(max = 4) String code,
                               @NotNull @Size(max = 50) String majorName, @NotNull @Size(max = 100) String name,
                               @NotNull @Size(max = 64) String departmentCode, CatalogClass.Route route,
                               boolean keyClass, boolean minor, @NotNull Integer duplicateRadiusM,
                               @NotNull Integer duplicateWindowHours, boolean evidenceBefore, boolean evidenceAfter,
                               @Size(max = 40) String icon, @Size(max = 100) String residentName, boolean hidden,
                               @NotNull BigDecimal baseCaseWeight, @NotNull @Size(min = 1, max = 10) List<FilingCondition> conditions,
                               @Size(max = 50) String majorEn, @Size(max = 100) String nameEn,
                               @Size(max = 100) String residentNameEn) {
    }

    public record ClassChangeBody(@Size(max = 100) String name, @Size(max = 50) String majorName,
                                  @Size(max = 64) String departmentCode, CatalogClass.Route route, Boolean keyClass,
                                  Boolean minor, Integer duplicateRadiusM, Integer duplicateWindowHours,
                                  Boolean evidenceBefore, Boolean evidenceAfter, @Size(max = 40) String icon,
                                  @Size(max = 100) String residentName, Boolean hidden, Boolean active,
                                  CatalogClass.LocalLevel localLevel, @Size(max = 50) String majorEn,
                                  @Size(max = 100) String nameEn, @Size(max = 100) String residentNameEn) {
    }

    public record RuleBody(OffsetDateTime effectiveFrom, @NotNull BigDecimal baseCaseWeight,
                           @NotNull @Size(min = 1, max = 10) List<FilingCondition> conditions) {
    }

    public record AuditView(Instant at, String by, String field, String oldValue, String newValue) {
    }

    @GET
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "The city's catalog, optionally one kind or matching a text, with the rules in force now")
    public List<ClassView> list(@QueryParam("kind") String kind, @QueryParam("q") @Size(max = 50) String q) {
        Instant now = Instant.now();
        return catalog.list(kind(kind, false), q).stream().map(c -> view(c, now)).toList();
    }

    @GET
    @Path("/{kind}/{code}")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "One subclass with the rule in force at 'at' (default now)")
    public ClassView get(@PathParam("kind") String kind, @PathParam("code") String code, @QueryParam("at") String at) {
        return view(catalog.get(kind(kind, true), code), instant("at", at));
    }

    @GET
    @Path("/{kind}/{code}/rules")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ACCEPTOR, Role.Names.DISPATCHER, Role.Names.ASSESSOR})
    @Operation(summary = "Every rule version of a subclass, oldest first")
    public List<RuleView> rules(@PathParam("kind") String kind, @PathParam("code") String code) {
        return catalog.rules(catalog.get(kind(kind, true), code)).stream().map(this::view).toList();
    }

    @GET
    @Path("/{kind}/{code}/audit")
    @RolesAllowed({Role.Names.CITY_ADMIN, Role.Names.ASSESSOR})
    @Operation(summary = "Who changed what in a subclass, and when")
    public List<AuditView> audit(@PathParam("kind") String kind, @PathParam("code") String code) {
        return catalog.audit(catalog.get(kind(kind, true), code)).stream()
                .map((CatalogAudit a) -> new AuditView(a.at, a.byUser, a.field, a.oldValue, a.newValue)).toList();
    }

    @POST
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a subclass of the city's own")
    @APIResponseSchema(value = ClassView.class, responseCode = "201", responseDescription = "The new subclass")
    public Response create(@NotNull @Valid NewClassBody b) {
        CatalogClass c = catalog.create(new CatalogService.NewClass(b.kind(), b.code(), b.majorName(), b.name(),
                b.departmentCode(), b.route(), b.keyClass(), b.minor(), b.duplicateRadiusM(), b.duplicateWindowHours(),
                b.evidenceBefore(), b.evidenceAfter(), b.icon(), b.residentName(), b.hidden(), b.baseCaseWeight(),
                b.conditions(), b.majorEn(), b.nameEn(), b.residentNameEn()), current.require().username());
        return Response.created(URI.create("/api/v1/catalog/" + c.kind.name().toLowerCase() + "/" + c.code))
                .entity(view(c, Instant.now())).build();
    }

    @PATCH
    @Path("/{kind}/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Change a subclass's name, routing, flags or resident-facing fields (audited)")
    public ClassView update(@PathParam("kind") String kind, @PathParam("code") String code,
                            @NotNull @Valid ClassChangeBody b) {
        CatalogClass c = catalog.update(kind(kind, true), code, new CatalogService.ClassChange(b.name(), b.majorName(),
                b.departmentCode(), b.route(), b.keyClass(), b.minor(), b.duplicateRadiusM(), b.duplicateWindowHours(),
                b.evidenceBefore(), b.evidenceAfter(), b.icon(), b.residentName(), b.hidden(), b.active(), b.localLevel(),
                b.majorEn(), b.nameEn(), b.residentNameEn()),
                current.require().username());
        return view(c, Instant.now());
    }

    @POST
    @Path("/{kind}/{code}/rules")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a rule version (filing conditions, time limits, base case weight) from a moment "
            + "not in the past; cases filed before keep their rule")
    @APIResponseSchema(value = RuleView.class, responseCode = "201", responseDescription = "The new rule version")
    public Response addRule(@PathParam("kind") String kind, @PathParam("code") String code, @NotNull @Valid RuleBody b) {
        CatalogRule rule = catalog.addRule(kind(kind, true), code,
                b.effectiveFrom() == null ? null : b.effectiveFrom().toInstant(), b.baseCaseWeight(), b.conditions(),
                current.require().username());
        return Response.status(201).entity(view(rule)).build();
    }

    private ClassView view(CatalogClass c, Instant at) {
        RuleView rule = catalog.ruleAt(c, at).map(this::view).orElse(null);
        return new ClassView(c.kind.name().toLowerCase(), c.code, c.code.substring(0, 2), c.majorName, c.name,
                c.departmentCode, c.route.name().toLowerCase(), c.keyClass, c.minor, c.duplicateRadiusM,
                c.duplicateWindowHours, c.evidenceBefore, c.evidenceAfter, c.icon, c.residentName, c.hiddenFromResidents,
                c.active, c.version, rule, c.localLevel.name().toLowerCase(), c.majorNameEn, c.nameEn, c.residentNameEn);
    }

    private RuleView view(CatalogRule r) {
        return new RuleView(r.effectiveFrom, r.baseCaseWeight, catalog.conditions(r), r.createdAt, r.createdBy);
    }

    private static CatalogClass.Kind kind(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ProblemException.invalid("kind", "must be component or event");
            }
            return null;
        }
        try {
            return CatalogClass.Kind.valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be component or event");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date-time with offset, e.g. 2026-12-01T08:00:00+08:00");
        }
    }
}
