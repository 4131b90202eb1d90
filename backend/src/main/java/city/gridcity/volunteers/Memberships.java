package city.gridcity.volunteers;

import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.identity.UserStatus;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who volunteers where: a resident applies to serve a community and the city's administrator approves
 * or declines; the administrator may also appoint a user directly, and end a membership. An approved
 * volunteer holds the volunteer role; ending their last membership takes it away. Works on the current city.
 */
@ApplicationScoped
public class Memberships {

    static final int MAX_TEXT = 500;

    private final GridQueries grid;
    private final UserService users;
    private final Clock clock;

    Memberships(GridQueries grid, UserService users, Clock clock) {
        this.grid = grid;
        this.users = users;
        this.clock = clock;
    }

    /**
     * A resident's application to volunteer in a community.
     *
     * @throws ProblemException 400 naming the field; 409 when they already serve there or have applied
     */
    @Transactional
    public VolunteerMembership apply(long userId, String communityCode, String motivation) {
        checkCommunity(communityCode);
        checkText("motivation", motivation);
        ensureNoLive(userId, communityCode);
        VolunteerMembership m = new VolunteerMembership();
        m.userId = userId;
        m.communityCode = communityCode;
        m.status = VolunteerMembership.Status.PENDING;
        m.motivation = blankToNull(motivation);
        m.appliedAt = now();
        m.persist();
        return m;
    }

    /**
     * The administrator appoints a user of the city to serve a community at once.
     *
     * @throws ProblemException 400 naming the field; 409 when they already serve there
     */
    @Transactional
    public VolunteerMembership appoint(long userId, String communityCode, String note, long by) {
        checkCommunity(communityCode);
        checkText("note", note);
        UserService.UserSummary user = users.summary(userId).filter(u -> u.status() == UserStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.invalid("userId", "no active user " + userId + " in this city"));
        ensureNoLive(user.id(), communityCode);
        VolunteerMembership m = new VolunteerMembership();
        m.userId = user.id();
        m.communityCode = communityCode;
        m.appliedAt = now();
        m.decide(VolunteerMembership.Status.ACTIVE, by, blankToNull(note), m.appliedAt);
        m.persist();
        grantRole(user);
        return m;
    }

    /**
     * Approves or declines a pending application.
     *
     * @throws ProblemException 404 for no such application; 409 when it is no longer pending; 400 when a decline has no reason
     */
    @Transactional
    public VolunteerMembership decide(long id, boolean approve, String note, long by) {
        checkText("note", note);
        if (!approve && (note == null || note.isBlank())) {
            throw ProblemException.invalid("note", "say why the application is declined; the applicant reads it");
        }
        VolunteerMembership m = find(id);
        if (m.status != VolunteerMembership.Status.PENDING) {
            throw ProblemException.conflict("not-pending", "Application " + id + " was decided already ("
                    + m.status.name().toLowerCase() + ").");
        }
        m.decide(approve ? VolunteerMembership.Status.ACTIVE : VolunteerMembership.Status.DECLINED, by,
                blankToNull(note), now());
        if (approve) {
            grantRole(users.summary(m.userId).orElseThrow());
        }
        return m;
    }

    /**
     * Ends an active membership; the volunteer role goes with the last one.
     *
     * @throws ProblemException 404; 409 when it is not active
     */
    @Transactional
    public VolunteerMembership end(long id, String note, long by) {
        checkText("note", note);
        VolunteerMembership m = find(id);
        if (m.status != VolunteerMembership.Status.ACTIVE) {
            throw ProblemException.conflict("not-active", "Membership " + id + " is " + m.status.name().toLowerCase()
                    + ", not active.");
        }
        m.decide(VolunteerMembership.Status.ENDED, by, blankToNull(note), now());
        if (VolunteerMembership.count("userId = ?1 and status = ?2", m.userId, VolunteerMembership.Status.ACTIVE) == 0) {
            users.summary(m.userId).ifPresent(u -> {
                if (u.roles().contains(Role.VOLUNTEER)) {
                    Set<Role> roles = EnumSet.copyOf(u.roles());
                    roles.remove(Role.VOLUNTEER);
                    if (roles.isEmpty()) {
                        roles.add(Role.RESIDENT);
                    }
                    users.update(u.id(), new UserService.UserChange(null, null, roles, null, null), null);
                }
            });
        }
        return m;
    }

    @Transactional
    public List<VolunteerMembership> list(VolunteerMembership.Status status, String communityCode) {
        if (communityCode != null && !communityCode.matches("^[0-9]{12}$")) {
            throw ProblemException.invalid("community", "give a 12-digit community code");
        }
        if (status == null && communityCode == null) {
            return VolunteerMembership.list("order by appliedAt desc, id desc");
        }
        if (communityCode == null) {
            return VolunteerMembership.list("status = ?1 order by appliedAt desc, id desc", status);
        }
        if (status == null) {
            return VolunteerMembership.list("communityCode = ?1 order by appliedAt desc, id desc", communityCode);
        }
        return VolunteerMembership.list("status = ?1 and communityCode = ?2 order by appliedAt desc, id desc", status,
                communityCode);
    }

    @Transactional
    public List<VolunteerMembership> of(long userId) {
        return VolunteerMembership.list("userId = ?1 order by appliedAt desc, id desc", userId);
    }

    private VolunteerMembership find(long id) {
        return VolunteerMembership.<VolunteerMembership>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Volunteer membership " + id));
    }

    private void grantRole(UserService.UserSummary user) {
        if (!user.roles().contains(Role.VOLUNTEER)) {
            Set<Role> roles = EnumSet.copyOf(user.roles());
            roles.add(Role.VOLUNTEER);
            users.update(user.id(), new UserService.UserChange(null, null, roles, null, null), null);
        }
    }

    private void checkCommunity(String code) {
        if (code == null || !code.matches("^[0-9]{12}$")) {
            throw ProblemException.invalid("communityCode", "give the 12-digit code of a community; see "
                    + "/api/v1/grid/units?level=COMMUNITY");
        }
        if (!grid.codesInForce(GridLevel.COMMUNITY).codes().contains(code)) {
            throw ProblemException.invalid("communityCode", "no community " + code + " in this city's grid in force");
        }
    }

    private static void ensureNoLive(long userId, String communityCode) {
        VolunteerMembership.<VolunteerMembership>find("userId = ?1 and communityCode = ?2 and status in ?3", userId,
                communityCode, List.of(VolunteerMembership.Status.PENDING, VolunteerMembership.Status.ACTIVE))
                .firstResultOptional().ifPresent(m -> {
                    throw ProblemException.conflict("already-" + m.status.name().toLowerCase(), "communityCode",
                            m.status == VolunteerMembership.Status.ACTIVE ? "You already serve community " + communityCode + "."
                                    : "An application for community " + communityCode + " is waiting for a decision.");
                });
    }

    private static void checkText(String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "keep it to " + MAX_TEXT + " characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
