package city.gridcity.cases;

import city.gridcity.cases.actions.ActionHandler;
import city.gridcity.cases.actions.ActionStep;
import city.gridcity.catalog.CatalogService;
import city.gridcity.identity.Role;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out actions on the cases of the current city under {@link TransitionTable#WORKFLOW}: finds
 * the row, checks role, version and guards, lets the row's handler do what the action means, moves
 * the case, runs its phase clocks and appends the event. The case row is locked for the transaction,
 * so of two people acting at once one wins and the other then sees the new state.
 */
@ApplicationScoped
public class CaseActions {

    static final int MAX_REASON = 1000;

    private final Instance<ActionHandler> handlers;
    private final CatalogService catalog;
    private final CaseVisibility visibility;
    private final PhaseClock clocks;
    private final CaseHistory history;
    private final CaseFollowers followers;
    private final VolunteerCommunities volunteers;
    private final EntityManager em;
    private final Clock clock;

    CaseActions(@Any Instance<ActionHandler> handlers, CatalogService catalog, CaseVisibility visibility, PhaseClock clocks, CaseHistory history,
                CaseFollowers followers, VolunteerCommunities volunteers, EntityManager em, Clock clock) {
        this.volunteers = volunteers;
        this.handlers = handlers;
        this.catalog = catalog;
        this.visibility = visibility;
        this.clocks = clocks;
        this.history = history;
        this.followers = followers;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Applies an action by a user.
     *
     * @throws ProblemException 404 when the user may not see the case; 409 when the action is not
     *                          allowed in the case's state or the case changed since {@code expectedVersion};
     *                          403 when the user's roles may not take it; 400 naming a missing field
     */
    @Transactional
    public CityCase act(String number, ActionCommand cmd, Actor actor) {
        CaseAction action = CaseAction.fromWireName(cmd.action() == null ? "" : cmd.action())
                .filter(TransitionTable.WORKFLOW.userActions()::contains)
                .orElseThrow(() -> ProblemException.invalid("action", "use one of " + TransitionTable.WORKFLOW.userActions()
                        .stream().map(CaseAction::wireName).toList()));
        if (cmd.reason() != null && cmd.reason().length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "keep it to " + MAX_REASON + " characters");
        }
        CityCase c = lock(number);
        if (!visibility.canSee(c, actor)) {
            throw ProblemException.notFound("Case " + number);
        }
        List<String> allowed = allowedActions(c, actor);
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != c.version) {
            throw ProblemException.conflict("case-changed", "Case " + c.number + " changed since you loaded it (your "
                    + "version " + cmd.expectedVersion() + ", now " + c.version + ", state " + c.state.labelZh() + " · "
                    + c.state.labelEn() + "); reload it and decide again.").withAllowedActions(allowed);
        }
        TransitionTable.Transition t = TransitionTable.WORKFLOW.find(c.state, action).orElseThrow(() ->
                ProblemException.conflict("action-not-allowed", "'" + action.wireName() + "' (" + action.labelZh()
                        + ") is not possible while case " + c.number + " is " + c.state.labelZh() + " · " + c.state.labelEn()
                        + "; allowed for you now: " + allowed + ".").withAllowedActions(allowed));
        // The role recorded is the first the table allows in declaration order, so it does not vary between runs;
        // on a row the centre shares with a local unit, a centre role first.
        Role role = Arrays.stream(Role.values()).filter(t.roles()::contains).filter(actor.roles()::contains)
                .sorted(java.util.Comparator.comparing(r -> t.localRoles().contains(r)))
                .findFirst().orElseThrow(() ->
                        ProblemException.forbidden("role-not-allowed", "'" + action.wireName() + "' on a case in state "
                                + c.state.labelEn() + " is for " + t.roles().stream().map(Role::wireName).sorted().toList()
                                + "; allowed for you now: " + allowed + ".").withAllowedActions(allowed));
        CaseGuard.GuardFacts facts = guardFacts(c, actor, cmd.reason(), t, role);
        for (CaseGuard guard : t.guards()) {
            Optional<ProblemException> refusal = guard.check(facts);
            if (refusal.isPresent()) {
                // Outside their local loop a unit's handler is told what they may do instead, as for a wrong role.
                throw guard == CaseGuard.LOCAL_LOOP ? refusal.get().withAllowedActions(allowed) : refusal.get();
            }
        }
        carryOut(c, t, cmd, actor, role.wireName());
        return c;
    }

    /**
     * Applies a transition the system takes by itself (resuming a suspension on its date).
     *
     * @throws IllegalStateException when the table has no system transition for it
     */
    @Transactional
    public void actAsSystem(String number, CaseAction action, String why) {
        CityCase c = lock(number);
        TransitionTable.Transition t = TransitionTable.WORKFLOW.find(c.state, action).filter(TransitionTable.Transition::system)
                .orElseThrow(() -> new IllegalStateException("no system transition " + action + " from " + c.state));
        carryOut(c, t, ActionCommand.bySystem(action, why), Actor.system(why), Actor.SYSTEM_ROLE);
    }

    /**
     * The actions the actor may take on the case now (by role, and for a handler of the case's local unit the rows of
     * its local loop; other guards decide when they are tried).
     */
    public List<String> allowedActions(CityCase c, Actor actor) {
        return TransitionTable.WORKFLOW.allowed(c.state, actor.roles(), LocalLoop.admits(c, actor)).stream()
                .map(CaseAction::wireName).toList();
    }

    private void carryOut(CityCase c, TransitionTable.Transition t, ActionCommand cmd, Actor actor, String role) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CaseState from = c.state;
        CaseState to = t.to() == null ? c.resumeState : t.to();
        ActionStep step = new ActionStep(c, t, cmd, actor, now);
        handlers.select(t.handler()).get().apply(step);
        c.moveTo(to);
        c.updatedAt = now;
        clocks.move(c, to, t.action(), now);
        history.append(c, new CaseHistory.Entry(t.action(), from, actor, role, cmd.reason(), step.data(),
                cmd.photoIds() == null ? List.of() : checkPhotos(c, cmd.photoIds()), now));
        if (step.followUp().isPresent()) {
            TransitionTable.Transition next = TransitionTable.WORKFLOW.find(c.state, step.followUp().get())
                    .filter(TransitionTable.Transition::system).orElseThrow();
            ActionStep follow = new ActionStep(c, next, ActionCommand.bySystem(next.action(), null), actor, now, true);
            handlers.select(next.handler()).get().apply(follow);
            CaseState before = c.state;
            c.moveTo(next.to());
            clocks.move(c, next.to(), next.action(), now);
            history.append(c, new CaseHistory.Entry(next.action(), before, Actor.system(step.followUpWhy()),
                    Actor.SYSTEM_ROLE, null, follow.data(), List.of(), now));
        }
    }

    private List<Long> checkPhotos(CityCase c, List<Long> ids) {
        if (ids.size() > 20) {
            throw ProblemException.invalid("photoIds", "attach at most 20 photos to one action");
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || ((Number) em.createNativeQuery("SELECT count(*) FROM case_photo WHERE id = ?1 AND case_id = ?2")
                    .setParameter(1, id).setParameter(2, c.id).getSingleResult()).intValue() == 0) {
                throw ProblemException.invalid("photoIds[" + i + "]", "no photo " + id + " on case " + c.number
                        + "; upload it to the case first");
            }
        }
        return List.copyOf(ids);
    }

    private CaseGuard.GuardFacts guardFacts(CityCase c, Actor actor, String reason, TransitionTable.Transition t,
                                            Role role) {
        Set<String> participants = new LinkedHashSet<>();
        CaseParticipant.<CaseParticipant>list("caseId", c.id).forEach(p -> participants.add(p.departmentCode));
        // After-photos count from the start of the running disposal attempt: a failed round's photo proves nothing.
        Instant since = clocks.running(c).map(p -> p.startedAt).orElse(Instant.EPOCH);
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("SELECT stage, count(*) FROM case_photo WHERE case_id = ?1 "
                        + "AND (stage = 'BEFORE' OR uploaded_at >= ?2) GROUP BY stage")
                .setParameter(1, c.id).setParameter(2, since).getResultList();
        int before = 0;
        int after = 0;
        for (Object[] row : counts) {
            if ("BEFORE".equals(row[0])) {
                before = ((Number) row[1]).intValue();
            } else if ("AFTER".equals(row[0])) {
                // A resident's rating photo is no evidence of disposal.
                after = ((Number) row[1]).intValue();
            }
        }
        boolean follower = t.guards().contains(CaseGuard.RATER) && actor.id() != null && followers.follows(c, actor.id());
        Set<String> served = t.guards().contains(CaseGuard.TRIAGE_SCOPE) && actor.id() != null
                && actor.roles().contains(Role.VOLUNTEER) ? volunteers.of(actor.id()) : Set.of();
        return new CaseGuard.GuardFacts(c, actor, reason, participants, before, after,
                catalog.subclass(c.kind, c.classCode).evidenceAfter(), follower, served, role);
    }

    private CityCase lock(String number) {
        return CityCase.<CityCase>find("number", number).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Case " + number));
    }
}
