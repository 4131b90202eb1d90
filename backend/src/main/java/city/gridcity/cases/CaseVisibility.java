package city.gridcity.cases;

import city.gridcity.identity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who sees what of a case: the one rule behind the API and the console pages alike. Staff who see
 * every case of their city see everything; a department sees the cases it has or was called in to, and a local
 * unit (community committee, street office) the cases that began in its local loop; a
 * reporter and a follower see their case but not other people's words or names; the hotline platform
 * sees the cases of its tickets.
 */
@ApplicationScoped
public class CaseVisibility {

    /** Roles that see every case of their city. */
    static final Set<Role> SEE_ALL = EnumSet.of(Role.CITY_ADMIN, Role.ACCEPTOR, Role.DISPATCHER,
            Role.DISTRICT_SUPERVISOR, Role.CITY_SUPERVISOR, Role.ASSESSOR);

    private final CaseFollowers followers;
    private final VolunteerCommunities volunteers;

    CaseVisibility(CaseFollowers followers, VolunteerCommunities volunteers) {
        this.followers = followers;
        this.volunteers = volunteers;
    }

    /** Staff of the city: those who see every case, and department handlers. */
    public static boolean isStaff(Actor actor) {
        return actor.roles().stream().anyMatch(r -> SEE_ALL.contains(r) || r == Role.DEPARTMENT_HANDLER);
    }

    /** Whether the actor may see the case: staff who see every case, its department, its reporter and followers. */
    public boolean canSee(CityCase c, Actor actor) {
        if (actor.roles().stream().anyMatch(SEE_ALL::contains)) {
            return true;
        }
        if (actor.id() != null && actor.id().equals(c.reporterId)) {
            return true;
        }
        if (actor.roles().contains(Role.DEPARTMENT_HANDLER) && actor.departmentCode() != null
                && (actor.departmentCode().equals(c.departmentCode) || actor.departmentCode().equals(c.localUnitCode)
                || CaseParticipant.count("caseId = ?1 and departmentCode = ?2", c.id, actor.departmentCode()) > 0)) {
            return true;
        }
        if (actor.roles().contains(Role.HOTLINE) && c.hotlineTicket != null) {
            return true;
        }
        if (triages(c, actor)) {
            return true;
        }
        return actor.id() != null && followers.follows(c, actor.id());
    }

    /**
     * A volunteer sees the residents' reports of the communities they serve, to triage them, and the
     * cases they triaged; never the reporter's name or phone ({@link #seesReporter}).
     */
    public boolean triages(CityCase c, Actor actor) {
        if (actor.id() == null || !actor.roles().contains(Role.VOLUNTEER)) {
            return false;
        }
        if (actor.id().equals(c.triagedBy)) {
            return true;
        }
        return c.sourceChannel == CaseSource.Channel.RESIDENT && volunteers.of(actor.id()).contains(c.communityCode);
    }

    /**
     * The open cases that may repeat this one, as the case's own page and answer show them: for staff
     * who decide on merging. Anyone else gets none: they are other people's reports.
     */
    public List<DuplicateFinder.Nearby> possibleDuplicates(Actor actor, List<DuplicateFinder.Nearby> found) {
        return isStaff(actor) ? found : List.of();
    }

    /**
     * The open cases a triaging volunteer may merge the report into: number, state, distance and
     * followers, not other people's words (as {@link #nearby} shows them to anyone not staff).
     */
    public List<DuplicateFinder.Nearby> mergeCandidates(CityCase c, Actor actor, List<DuplicateFinder.Nearby> found) {
        if (isStaff(actor)) {
            return found;
        }
        return triages(c, actor) ? nearby(actor, found) : List.of();
    }

    /**
     * Open cases near a point, as shown to someone about to report (to say "me too" instead): staff
     * read the reports; anyone else sees number, state, distance and followers, not other people's words.
     */
    public List<DuplicateFinder.Nearby> nearby(Actor actor, List<DuplicateFinder.Nearby> found) {
        if (isStaff(actor)) {
            return found;
        }
        return found.stream().map(n -> new DuplicateFinder.Nearby(n.id(), n.number(), n.state(), n.reportedAt(),
                n.meTooCount(), n.distanceM(), null)).toList();
    }

    /** The reporter's name: for staff and the reporter; a follower does not learn who reported. */
    public boolean seesReporter(CityCase c, Actor actor) {
        return isStaff(actor) || actor.id() != null && actor.id().equals(c.reporterId);
    }

    /**
     * An event as the actor may read it: residents and volunteers follow what happened, not which staff
     * member did it nor the internal data, except for their own steps.
     */
    public CaseEvent eventFor(Actor actor, CaseEvent e) {
        if (isStaff(actor) || Objects.equals(e.actorId, actor.id())) {
            return e;
        }
        CaseEvent shown = new CaseEvent();
        shown.caseId = e.caseId;
        shown.seq = e.seq;
        shown.action = e.action;
        shown.fromState = e.fromState;
        shown.toState = e.toState;
        shown.actorRole = e.actorRole;
        shown.at = e.at;
        shown.reason = e.reason;
        shown.photoIds = new Long[0];
        return shown;
    }

    /** The events of a case the actor sees, each as {@link #eventFor} shows it. */
    public List<CaseEvent> eventsFor(Actor actor, List<CaseEvent> events) {
        return events.stream().map(e -> eventFor(actor, e)).toList();
    }
}
