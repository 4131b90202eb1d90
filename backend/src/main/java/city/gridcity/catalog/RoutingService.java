package city.gridcity.catalog;

import city.gridcity.department.DepartmentService;
import city.gridcity.grid.GridIndex;
import city.gridcity.grid.GridLevel;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the department responsible for a problem of a subclass at a place: a street override
 * first, then a district override; otherwise components go to their owner (the subclass's
 * department) and events to the locality (the street office answering for the street), falling
 * back to the subclass's department.
 */
@ApplicationScoped
public class RoutingService {

    private final CatalogService catalog;
    private final DepartmentService departments;
    private final Clock clock;

    RoutingService(CatalogService catalog, DepartmentService departments, Clock clock) {
        this.catalog = catalog;
        this.departments = departments;
        this.clock = clock;
    }

    /** An override: in {@code area} (district or street code) the subclass goes to {@code department}. */
    public record Override(String area, String department) {
    }

    /** Which routing rule chose the department: pages put it in the reader's language. */
    public enum Rule {
        STREET_OVERRIDE, DISTRICT_OVERRIDE, LOCALITY, OWNER, SUBCLASS_DEPARTMENT;

        public String wireName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /**
     * The department chosen, and why: the rule and the area it applied to ({@code null} when none),
     * and the same in English words a dispatcher can check.
     */
    public record Responsible(String departmentCode, String departmentName, String reason, Rule rule, String area) {
    }

    @Transactional
    public List<Override> overrides(CatalogClass.Kind kind, String code) {
        CatalogClass c = catalog.get(kind, code);
        return CatalogRouting.<CatalogRouting>list("classId = ?1 order by areaCode", c.id).stream()
                .map(r -> new Override(r.areaCode, r.departmentCode)).toList();
    }

    /**
     * Replaces a subclass's overrides (audited).
     *
     * @throws ProblemException 400 naming the entry with an unknown area form or department
     */
    @Transactional
    public List<Override> setOverrides(CatalogClass.Kind kind, String code, List<Override> overrides, String by) {
        CatalogClass c = catalog.get(kind, code);
        for (int i = 0; i < overrides.size(); i++) {
            Override o = overrides.get(i);
            if (o == null || o.area() == null || !o.area().matches("^[0-9]{6}([0-9]{3})?$")) {
                throw ProblemException.invalid("overrides[" + i + "].area", "must be a district (6 digits) or street (9 digits) code");
            }
            if (o.department() == null || !departments.exists(o.department())) {
                throw ProblemException.invalid("overrides[" + i + "].department", "no active department '" + (o == null ? null
                        : o.department()) + "' in this city");
            }
        }
        if (overrides.stream().map(Override::area).distinct().count() != overrides.size()) {
            throw ProblemException.invalid("overrides", "each area appears once");
        }
        String before = describe(overrides(kind, code));
        CatalogRouting.delete("classId", c.id);
        CatalogRouting.flush();
        for (Override o : overrides) {
            CatalogRouting r = new CatalogRouting();
            r.classId = c.id;
            r.areaCode = o.area();
            r.departmentCode = o.department();
            r.persist();
        }
        catalog.recordAudit(c, clock.instant(), by, "routing", before, describe(overrides));
        return overrides(kind, code);
    }

    /** The department responsible for a problem of the subclass at the located unit grid. */
    @Transactional
    public Responsible responsible(CatalogClass.Kind kind, String code, GridIndex.Node unit) {
        return responsible(kind, code, codeAt(unit, GridLevel.STREET), codeAt(unit, GridLevel.DISTRICT));
    }

    /**
     * The department responsible for a problem of the subclass in a street of a district: what a case
     * located when it was reported is routed by, whatever the grid looks like today.
     */
    @Transactional
    public Responsible responsible(CatalogClass.Kind kind, String code, String street, String district) {
        CatalogClass c = catalog.get(kind, code);
        // An override to a department that has since been deactivated no longer applies.
        Map<String, String> byArea = CatalogRouting.<CatalogRouting>list("classId", c.id).stream()
                .filter(r -> departments.exists(r.departmentCode))
                .collect(Collectors.toMap(r -> r.areaCode, r -> r.departmentCode));
        if (street != null && byArea.containsKey(street)) {
            return named(byArea.get(street), Rule.STREET_OVERRIDE, street, "override for street " + street);
        }
        if (district != null && byArea.containsKey(district)) {
            return named(byArea.get(district), Rule.DISTRICT_OVERRIDE, district, "override for district " + district);
        }
        if (c.route == CatalogClass.Route.LOCALITY && street != null) {
            Optional<String> office = departments.streetOfficeOf(street);
            if (office.isPresent()) {
                return named(office.get(), Rule.LOCALITY, street, "an event goes to the locality: the street office of street "
                        + street);
            }
        }
        if (!departments.exists(c.departmentCode)) {
            throw ProblemException.conflict("no-active-department", "Subclass " + c.code + " goes to department '"
                    + c.departmentCode + "', which is not active, and no override applies here; set its department or routing.");
        }
        return c.route == CatalogClass.Route.OWNER
                ? named(c.departmentCode, Rule.OWNER, null, "a component goes to its owner")
                : named(c.departmentCode, Rule.SUBCLASS_DEPARTMENT, street,
                "the subclass's department (no street office answers for street " + street + ")");
    }

    private Responsible named(String code, Rule rule, String area, String reason) {
        String name = departments.nameOf(code).orElse(code);
        return new Responsible(code, name, reason, rule, area);
    }

    private static String codeAt(GridIndex.Node unit, GridLevel level) {
        for (GridIndex.Node n : unit.chain()) {
            if (n.level() == level) {
                return n.code();
            }
        }
        return null;
    }

    private static String describe(List<Override> overrides) {
        return overrides.stream().map(o -> o.area() + "→" + o.department()).collect(Collectors.joining(", "));
    }
}
