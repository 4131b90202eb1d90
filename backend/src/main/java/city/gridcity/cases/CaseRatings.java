package city.gridcity.cases;

import city.gridcity.shared.image.ImageSanitizer;
import city.gridcity.shared.image.SanitizedImage;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Residents rate the closed cases of the current city they reported or follow (满意度评价), and a
 * "not solved" with a comment asks for the case to be reopened. Both are actions of the transition
 * table ({@code rate}, {@code request-reopen}) taken by the resident in one transaction, so the rating,
 * its event (whose {@code CaseChanged} carries the rating for the case facts and points) and the
 * request commit together or not at all.
 */
@ApplicationScoped
public class CaseRatings {

    public static final int MAX_COMMENT = 500;

    private final CaseActions actions;
    private final CaseReads reads;
    private final CaseHistory history;
    private final Ratings ratings;
    private final ImageSanitizer sanitizer;
    private final Clock clock;

    CaseRatings(CaseActions actions, CaseReads reads, CaseHistory history, Ratings ratings, ImageSanitizer sanitizer,
                Clock clock) {
        this.actions = actions;
        this.reads = reads;
        this.history = history;
        this.ratings = ratings;
        this.sanitizer = sanitizer;
        this.clock = clock;
    }

    /** What a resident sends: "solved" as given ("true"/"false"), the satisfaction word, a comment, a photo's bytes. */
    public record RatingForm(String solved, String rating, String comment, byte[] photo, String photoName) {
    }

    /** A resident's rating as they and staff see it. */
    public record RatingView(boolean solved, Satisfaction satisfaction, String comment, Long photoId, Instant ratedAt) {
    }

    /** Where the resident's reopen request stands: PENDING, ACCEPTED or DECLINED, with the acceptor's reason. */
    public record ReopenView(String status, Instant requestedAt, Instant decidedAt, String reason) {
    }

    /**
     * A case as its resident sees it for rating: closed when, rated until when, whether they may rate
     * it now, their rating and where their reopen request stands (each null when there is none).
     */
    public record MyRating(String number, CaseState state, String className, String address, Instant closedAt,
                           Instant rateUntil, boolean canRate, RatingView rating, ReopenView reopen) {
    }

    /**
     * Records the resident's rating of the case and, for "not solved" with a comment, their reopen request.
     *
     * @throws ProblemException 400 naming each bad field ({@code solved}, {@code rating}, {@code comment},
     *                          {@code photo}) with nothing changed; 404 when the case is not the resident's to see;
     *                          403 when they neither reported nor follow it; 409 when it is not closed
     *                          ({@code action-not-allowed}), was rated by them already ({@code already-rated}) or its
     *                          window has passed ({@code rating-window-closed})
     */
    @Transactional
    public MyRating rate(String number, RatingForm form, Actor resident) {
        ActionCommand.Rating rating = check(form);
        CityCase c = actions.act(number, ActionCommand.byResident(CaseAction.RATE, null, rating), resident);
        if (!rating.solved() && rating.comment() != null && c.state == CaseState.CLOSED) {
            // While another resident's request waits, this rating joins it rather than asking again.
            c = actions.act(number, ActionCommand.byResident(CaseAction.REQUEST_REOPEN, rating.comment(), null), resident);
        }
        return view(c, resident);
    }

    /**
     * The resident's view of rating the case.
     *
     * @throws ProblemException 404 when the case is not theirs to see
     */
    @Transactional
    public MyRating mine(String number, Actor resident) {
        return view(reads.get(number, resident), resident);
    }

    private MyRating view(CityCase c, Actor resident) {
        Optional<CaseRating> mine = ratings.of(c, resident.id());
        Optional<Instant> until = ratings.rateUntil(c);
        boolean rateable = (c.state == CaseState.CLOSED || c.state == CaseState.REOPEN_PENDING) && mine.isEmpty()
                && until.filter(u -> clock.instant().isBefore(u)).isPresent()
                && actions.allowedActions(c, resident).contains(CaseAction.RATE.wireName());
        return new MyRating(c.number, c.state, c.className, c.address, c.closedAt, until.orElse(null), rateable,
                mine.map(r -> new RatingView(r.solved, r.satisfaction, r.comment, r.photoId, r.ratedAt)).orElse(null),
                reopen(c, resident).orElse(null));
    }

    /** The resident's latest reopen request in the history, and the acceptor's decision on it, if any. */
    private Optional<ReopenView> reopen(CityCase c, Actor resident) {
        List<CaseEvent> events = history.of(c);
        for (int i = events.size() - 1; i >= 0; i--) {
            CaseEvent asked = events.get(i);
            if (asked.action.equals(CaseAction.REQUEST_REOPEN.wireName()) && resident.id().equals(asked.actorId)) {
                for (CaseEvent later : events.subList(i + 1, events.size())) {
                    if (later.action.equals(CaseAction.ACCEPT_REOPEN.wireName())) {
                        return Optional.of(new ReopenView("ACCEPTED", asked.at, later.at, later.reason));
                    }
                    if (later.action.equals(CaseAction.DECLINE_REOPEN.wireName())) {
                        return Optional.of(new ReopenView("DECLINED", asked.at, later.at, later.reason));
                    }
                }
                return Optional.of(new ReopenView("PENDING", asked.at, null, null));
            }
        }
        return Optional.empty();
    }

    /** Every bad field at once, so a form shows each message next to its field; the photo is cleaned here. */
    private ActionCommand.Rating check(RatingForm form) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Boolean solved = "true".equals(form.solved()) ? Boolean.TRUE : "false".equals(form.solved()) ? Boolean.FALSE : null;
        if (solved == null) {
            errors.add(new Problem.FieldError("solved", "say whether the problem is solved: true or false"));
        }
        Optional<Satisfaction> satisfaction = Satisfaction.of(form.rating() == null ? "" : form.rating().trim());
        if (satisfaction.isEmpty()) {
            errors.add(new Problem.FieldError("rating", "use one of satisfied (满意), basically-satisfied (基本满意), "
                    + "dissatisfied (不满意)"));
        }
        String comment = form.comment() == null || form.comment().isBlank() ? null : form.comment().trim();
        if (comment != null && comment.length() > MAX_COMMENT) {
            errors.add(new Problem.FieldError("comment", "is " + comment.length() + " characters; keep it to "
                    + MAX_COMMENT));
        }
        SanitizedImage photo = null;
        if (form.photo() != null && form.photo().length > 0) {
            try {
                photo = sanitizer.sanitize("photo", form.photo(), form.photoName());
            } catch (ProblemException e) {
                errors.addAll(e.errors().isEmpty() ? List.of(new Problem.FieldError("photo", e.getMessage())) : e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ActionCommand.Rating(solved, satisfaction.orElseThrow(), comment, photo);
    }
}
