package city.gridcity.cases;

import city.gridcity.shared.problem.ProblemException;
import java.util.Optional;

/**
 * The small named policies a transition may require besides the actor's role. Each says, when it
 * refuses, what the user has to do; the workflow turns that into a problem detail.
 */
public enum CaseGuard {

    /** Refusals, returns, requests and failed checks must say why: the next person reads it. */
    REASON_GIVEN {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.reason() == null || f.reason().isBlank()
                    ? Optional.of(ProblemException.invalid("reason", "say why (at most 1000 characters); the next "
                    + "person in the loop reads it"))
                    : Optional.empty();
        }
    },
    /** A department acts only on the cases dispatched to it. */
    OWN_DEPARTMENT {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            if (f.actor().roles().contains(city.gridcity.identity.Role.DISPATCHER)) {
                return Optional.empty();
            }
            return f.actor().departmentCode() != null && f.actor().departmentCode().equals(f.theCase().departmentCode)
                    ? Optional.empty()
                    : Optional.of(ProblemException.forbidden("not-your-department", "Case " + f.theCase().number
                    + " is with department '" + f.theCase().departmentCode + "', not yours; only its handlers may act on it."));
        }
    },
    /** Only a department called in by the whistle reports to the case. */
    PARTICIPANT {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.participants().contains(f.actor().departmentCode()) ? Optional.empty()
                    : Optional.of(ProblemException.forbidden("not-called-in", "Your department was not called in to case "
                    + f.theCase().number + "; the called departments are " + f.participants() + "."));
        }
    },
    /** Self-handling is closed by whoever fixed the problem and reported it. */
    REPORTER {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.actor().id() != null && f.actor().id().equals(f.theCase().reporterId) ? Optional.empty()
                    : Optional.of(ProblemException.forbidden("not-the-reporter", "Only the person who reported "
                    + "the self-handled case " + f.theCase().number + " may close it."));
        }
    },
    /** A closed case is rated, and reopened on request, by the residents it concerns: its reporter and followers. */
    RATER {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            boolean reporter = f.actor().id() != null && f.actor().id().equals(f.theCase().reporterId);
            return reporter || f.follower() ? Optional.empty()
                    : Optional.of(ProblemException.forbidden("not-your-case", "Case " + f.theCase().number
                    + " is rated by the residents who reported it or follow it (我也遇到), not by you."));
        }
    },
    /** Subclasses that require evidence are reported back with at least one after-photo. */
    AFTER_PHOTO {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return !f.evidenceAfterRequired() || f.afterPhotos() > 0 ? Optional.empty()
                    : Optional.of(ProblemException.invalid("photoIds", "subclass " + f.theCase().classCode
                    + " needs an after-photo (处置后照片): upload one to /api/v1/cases/" + f.theCase().number
                    + "/photos?stage=AFTER, then report back"));
        }
    },
    /** Self-handling closes on photo evidence: the problem before and after. */
    BEFORE_AND_AFTER_PHOTOS {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.beforePhotos() > 0 && f.afterPhotos() > 0 ? Optional.empty()
                    : Optional.of(ProblemException.invalid("photoIds", "self-handling closes with a before and an after "
                    + "photo; upload them to /api/v1/cases/" + f.theCase().number + "/photos?stage=BEFORE and ?stage=AFTER"));
        }
    },
    /**
     * A volunteer triages residents' reports of the communities they serve, never their own. Staff
     * who share the row (the acceptor merging) are not limited by it.
     */
    TRIAGE_SCOPE {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            if (!f.actor().roles().contains(city.gridcity.identity.Role.VOLUNTEER) || CaseVisibility.isStaff(f.actor())) {
                return Optional.empty();
            }
            CityCase c = f.theCase();
            if (f.actor().id() != null && f.actor().id().equals(c.reporterId)) {
                return Optional.of(ProblemException.forbidden("own-report", "Case " + c.number + " is your own report; "
                        + "another volunteer or the acceptor looks at it."));
            }
            if (!f.volunteerCommunities().contains(c.communityCode)) {
                return Optional.of(ProblemException.forbidden("not-your-community", "Case " + c.number
                        + " is not in a community you serve as a volunteer."));
            }
            if (c.sourceChannel != CaseSource.Channel.RESIDENT) {
                return Optional.of(ProblemException.forbidden("not-a-resident-report", "Volunteers triage residents' "
                        + "reports; case " + c.number + " was reported by staff."));
            }
            return Optional.empty();
        }
    },
    /** Persuasion and fixing on the spot (劝导处置) are for the catalog's minor problems only. */
    MINOR_CLASS {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.theCase().minor ? Optional.empty()
                    : Optional.of(ProblemException.conflict("not-minor", "Subclass " + f.theCase().classCode + " ("
                    + f.theCase().className + ") is not a minor problem; confirm the report instead, and the city "
                    + "dispatches it."));
        }
    },
    /**
     * 二级闭环: a department handler takes a row of the centre (filing, rejecting, dispatching, verifying, escalating)
     * only as a handler of the case's local unit while the case is in its local loop. The centre's roles sharing the
     * row are not limited by it.
     */
    LOCAL_LOOP {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            if (f.actingAs() != city.gridcity.identity.Role.DEPARTMENT_HANDLER) {
                return Optional.empty();
            }
            CityCase c = f.theCase();
            if (!c.localLoop) {
                return Optional.of(ProblemException.forbidden("not-in-local-loop", "Case " + c.number + " is not in a "
                        + "local loop" + (c.escalation != null ? " (it was escalated: " + c.escalation + ")" : "")
                        + "; the centre's acceptor, dispatcher and supervisors act on it."));
            }
            return c.inLocalLoopOf(f.actor().departmentCode()) ? Optional.empty()
                    : Optional.of(ProblemException.forbidden("not-your-local-loop", "Case " + c.number + " is in the "
                    + "local loop of '" + c.localUnitCode + "', not of your department; only its handlers act on it "
                    + "beside the centre."));
        }
    },
    /** Only a self-handled case drawn for the audit, and not yet audited. */
    AWAITING_AUDIT {
        @Override
        Optional<ProblemException> check(GuardFacts f) {
            return f.theCase().auditSampled && f.theCase().auditResult == null ? Optional.empty()
                    : Optional.of(ProblemException.conflict("not-awaiting-audit", "Case " + f.theCase().number
                    + " was not drawn for the self-handling audit, or has been audited already."));
        }
    };

    /**
     * What the guards look at; gathered once per action. {@code follower}: the actor follows the case
     * (looked up only for the rows that ask, {@link #RATER}); {@code volunteerCommunities}: the
     * communities the actor serves as a volunteer (only for the rows that ask, {@link #TRIAGE_SCOPE}).
     */
    public record GuardFacts(CityCase theCase, Actor actor, String reason, java.util.Set<String> participants,
                             int beforePhotos, int afterPhotos, boolean evidenceAfterRequired, boolean follower,
                             java.util.Set<String> volunteerCommunities, city.gridcity.identity.Role actingAs) {

        /** Facts of an actor acting in the role the workflow chose for them ({@link CaseActions}). */
        public GuardFacts(CityCase theCase, Actor actor, String reason, java.util.Set<String> participants,
                          int beforePhotos, int afterPhotos, boolean evidenceAfterRequired, boolean follower,
                          java.util.Set<String> volunteerCommunities) {
            this(theCase, actor, reason, participants, beforePhotos, afterPhotos, evidenceAfterRequired, follower,
                    volunteerCommunities, LocalLoop.roleOf(actor));
        }

        public GuardFacts(CityCase theCase, Actor actor, String reason, java.util.Set<String> participants,
                          int beforePhotos, int afterPhotos, boolean evidenceAfterRequired, boolean follower) {
            this(theCase, actor, reason, participants, beforePhotos, afterPhotos, evidenceAfterRequired, follower,
                    java.util.Set.of());
        }
    }

    abstract Optional<ProblemException> check(GuardFacts facts);
}
