package city.gridcity.supervision;

import city.gridcity.audit.AdminAudit;

import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which management grids each supervisor patrols, and the city's staffing rule checked against
 * them: at least one district supervisor per two management grids, city-wide and in every district,
 * and no management grid without a district supervisor.
 */
@ApplicationScoped
public class StaffingService {

    /** Management grids one district supervisor may cover under the staffing rule. */
    static final int GRIDS_PER_SUPERVISOR = 2;
    static final int LISTED_UNASSIGNED = 200;

    private final GridQueries grid;
    private final UserService users;
    private final Clock clock;

    private final AdminAudit audit;

    StaffingService(GridQueries grid, UserService users, Clock clock, AdminAudit audit) {
        this.audit = audit;
        this.grid = grid;
        this.users = users;
        this.clock = clock;
    }

    /** The rule's verdict for one area (the city or a district). */
    public record Staffing(String area, int managementGrids, int districtSupervisors, int required, boolean meetsRule) {
    }

    /** The whole report. */
    public record StaffingReport(int layoutVersion, Staffing city, List<Staffing> districts, int unassignedGridCount,
                                 List<String> unassignedGrids) {
    }

    /**
     * Replaces the management grids a supervisor patrols.
     *
     * @throws ProblemException 404 for an unknown user; 400 when the user is not a supervisor or a code
     *                          is not a management grid of the layout in force
     */
    @Transactional
    public List<String> assign(long userId, List<String> gridCodes, String by) {
        UserService.UserSummary user = users.summary(userId).orElseThrow(() -> ProblemException.notFound("User " + userId));
        Set<Role> roles = user.roles();
        if (!roles.contains(Role.DISTRICT_SUPERVISOR) && !roles.contains(Role.CITY_SUPERVISOR)) {
            throw ProblemException.invalid("userId", "user " + user.username() + " is not a district or city supervisor");
        }
        Set<String> known = Set.copyOf(managementGrids().codes());
        for (int i = 0; i < gridCodes.size(); i++) {
            if (!known.contains(gridCodes.get(i))) {
                throw ProblemException.invalid("managementGrids[" + i + "]", "'" + gridCodes.get(i)
                        + "' is not a management grid of the layout in force");
            }
        }
        List<String> codes = gridCodes.stream().distinct().sorted().toList();
        audit.changed(AdminAudit.Area.SUPERVISION, user.username(), "managementGrids",
                String.join(" ", SupervisorAssignment.<SupervisorAssignment>list("userId = ?1 order by managementGridCode", userId)
                        .stream().map(a -> a.managementGridCode).toList()), String.join(" ", codes));
        SupervisorAssignment.delete("userId", userId);
        Instant now = clock.instant();
        for (String code : codes) {
            SupervisorAssignment a = new SupervisorAssignment();
            a.userId = userId;
            a.managementGridCode = code;
            a.assignedAt = now;
            a.assignedBy = by;
            a.persist();
        }
        return codes;
    }

    @Transactional
    public List<String> assignments(long userId) {
        users.summary(userId).orElseThrow(() -> ProblemException.notFound("User " + userId));
        return SupervisorAssignment.<SupervisorAssignment>list("userId = ?1 order by managementGridCode", userId)
                .stream().map(a -> a.managementGridCode).toList();
    }

    /** A supervisor and the management grids they patrol, for the administrator's page. */
    public record Supervisor(UserService.UserSummary user, List<String> managementGrids) {
    }

    /** The city's active district and city supervisors with their posts, by username. */
    @Transactional
    public List<Supervisor> supervisors() {
        Set<Long> ids = new HashSet<>(users.activeHolders(Role.DISTRICT_SUPERVISOR));
        ids.addAll(users.activeHolders(Role.CITY_SUPERVISOR));
        Map<Long, List<String>> posts = new HashMap<>();
        for (SupervisorAssignment a : SupervisorAssignment.<SupervisorAssignment>list("order by managementGridCode")) {
            posts.computeIfAbsent(a.userId, k -> new ArrayList<>()).add(a.managementGridCode);
        }
        return ids.stream().map(users::summary).flatMap(java.util.Optional::stream)
                .map(u -> new Supervisor(u, posts.getOrDefault(u.id(), List.of())))
                .sorted(java.util.Comparator.comparing(x -> x.user().username())).toList();
    }

    /** The staffing rule checked against the layout in force and the active district supervisors' posts. */
    @Transactional
    public StaffingReport report() {
        GridQueries.LevelCodes inForce = managementGrids();
        List<String> grids = inForce.codes();
        Set<Long> districtSupervisors = users.activeHolders(Role.DISTRICT_SUPERVISOR);
        Map<String, Set<Long>> postedBy = new LinkedHashMap<>();
        for (SupervisorAssignment a : SupervisorAssignment.<SupervisorAssignment>listAll()) {
            if (districtSupervisors.contains(a.userId)) {
                postedBy.computeIfAbsent(a.managementGridCode, k -> new HashSet<>()).add(a.userId);
            }
        }
        Map<String, List<String>> byDistrict = new TreeMap<>();
        grids.forEach(g -> byDistrict.computeIfAbsent(district(g), k -> new ArrayList<>()).add(g));
        // A supervisor counts once, in the district where most of their posts are.
        Map<Long, Map<String, Integer>> postsByDistrict = new HashMap<>();
        postedBy.forEach((grid, people) -> people.forEach(p -> postsByDistrict.computeIfAbsent(p, k -> new TreeMap<>())
                .merge(district(grid), 1, Integer::sum)));
        Map<String, Integer> supervisorsByDistrict = new HashMap<>();
        postsByDistrict.values().forEach(posts -> supervisorsByDistrict.merge(posts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()).orElseThrow().getKey(), 1, Integer::sum));
        List<Staffing> districts = new ArrayList<>();
        byDistrict.forEach((district, list) -> districts.add(staffing(district, list.size(),
                supervisorsByDistrict.getOrDefault(district, 0))));
        List<String> unassigned = grids.stream().filter(c -> !postedBy.containsKey(c)).toList();
        return new StaffingReport(inForce.layoutVersion(), staffing("city", grids.size(), districtSupervisors.size()), districts,
                unassigned.size(), unassigned.subList(0, Math.min(unassigned.size(), LISTED_UNASSIGNED)));
    }

    private static String district(String gridCode) {
        return gridCode.substring(0, GridLevel.DISTRICT.codeLength());
    }

    private static Staffing staffing(String area, int grids, int supervisors) {
        int required = (grids + GRIDS_PER_SUPERVISOR - 1) / GRIDS_PER_SUPERVISOR;
        return new Staffing(area, grids, supervisors, required, supervisors >= required);
    }

    /** The management grids of the layout in force today (in the city's time zone). */
    private GridQueries.LevelCodes managementGrids() {
        return grid.codesInForce(GridLevel.MANAGEMENT);
    }
}
