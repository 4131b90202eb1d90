package city.gridcity.cases;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.catalog.Subclass;
import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.identity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Streets and communities close their own loop (二级闭环 / 社区微循环): decides at intake whether a report is worked
 * by a local unit instead of the centre. It is when the city runs local loops ({@link WorkflowSettings#localLoop}),
 * the subclass has a local level ({@link CatalogClass.LocalLevel}) and the point's area has the unit of that level:
 * the community committee of its community, or the street office of its street. The local loop then has
 * {@link WorkflowSettings#localLoopHours} working hours from the report. Works on the current city.
 */
@ApplicationScoped
public class LocalLoop {

    /** The centre's roles on the rows a local unit shares (filing, dispatch, verification). */
    static final Set<Role> CENTRE = EnumSet.of(Role.ACCEPTOR, Role.DISPATCHER, Role.DISTRICT_SUPERVISOR,
            Role.CITY_SUPERVISOR, Role.CITY_ADMIN);

    /** The local unit of a new report and when its loop's time runs out. */
    public record Decision(String unitCode, Instant deadline) {
    }

    private final WorkflowConfigService config;
    private final DepartmentService departments;
    private final PhaseClock clocks;

    LocalLoop(WorkflowConfigService config, DepartmentService departments, PhaseClock clocks) {
        this.config = config;
        this.departments = departments;
        this.clocks = clocks;
    }

    /**
     * The local loop a report of {@code cls} at a point of {@code communityCode} starts in, if any. A problem handled
     * on the spot is no loop's.
     */
    public Optional<Decision> at(Subclass cls, String communityCode, boolean selfHandling, Instant now) {
        if (selfHandling || cls.localLevel() == null || cls.localLevel() == CatalogClass.LocalLevel.NONE) {
            return Optional.empty();
        }
        WorkflowSettings settings = config.settings();
        if (!settings.localLoop) {
            return Optional.empty();
        }
        Department.Kind kind = cls.localLevel() == CatalogClass.LocalLevel.COMMUNITY
                ? Department.Kind.COMMUNITY_COMMITTEE : Department.Kind.STREET_OFFICE;
        return departments.localUnitOf(kind, communityCode)
                .map(unit -> new Decision(unit, clocks.deadlines().localLoop(now)));
    }

    /** Whether the actor is a handler of the local unit of a case in its local loop now. */
    public static boolean admits(CityCase c, Actor actor) {
        return actor.roles().contains(Role.DEPARTMENT_HANDLER) && c.inLocalLoopOf(actor.departmentCode());
    }

    /**
     * The role an actor takes a row shared by the centre and a local unit in: a centre role when they hold one,
     * else department handler; {@code null} when they hold neither.
     */
    static Role roleOf(Actor actor) {
        return actor.roles().stream().filter(CENTRE::contains).sorted().findFirst()
                .orElse(actor.roles().contains(Role.DEPARTMENT_HANDLER) ? Role.DEPARTMENT_HANDLER : null);
    }
}
