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
     * (looked up only for the rows that ask, {@link #RATER}).
     */
    public record GuardFacts(CityCase theCase, Actor actor, String reason, java.util.Set<String> participants,
                             int beforePhotos, int afterPhotos, boolean evidenceAfterRequired, boolean follower) {
    }

    abstract Optional<ProblemException> check(GuardFacts facts);
}
