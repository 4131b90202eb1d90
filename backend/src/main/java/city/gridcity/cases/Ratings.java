package city.gridcity.cases;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rating rows of the current city's cases and the rules the rating and reopen handlers share: a
 * case is rated within the city's window after it closed ({@code ratingWindowDays}, natural days), once
 * per resident. Used inside an action's transaction, on the locked case.
 */
@ApplicationScoped
public class Ratings {

    private final WorkflowConfigService config;
    private final CasePhotos photos;

    Ratings(WorkflowConfigService config, CasePhotos photos) {
        this.config = config;
        this.photos = photos;
    }

    /** Until when the closed case may be rated; empty when it is not closed (or never was). */
    public Optional<Instant> rateUntil(CityCase c) {
        return c.closedAt == null ? Optional.empty()
                : Optional.of(c.closedAt.plus(Duration.ofDays(config.settings().ratingWindowDays)));
    }

    /**
     * Refuses when the rating window of the case has passed.
     *
     * @throws ProblemException 409 {@code rating-window-closed} naming the close and the end of the window
     */
    public void checkWindow(CityCase c, Instant now) {
        Instant until = rateUntil(c).orElseThrow(() -> ProblemException.conflict("rating-window-closed",
                "Case " + c.number + " is not closed; it is rated once it is."));
        if (!now.isBefore(until)) {
            throw ProblemException.conflict("rating-window-closed", "Case " + c.number + " closed at " + c.closedAt
                    + "; it could be rated for " + config.settings().ratingWindowDays + " days, until " + until + ".");
        }
    }

    /** The resident's rating of the case, if they rated it. */
    public Optional<CaseRating> of(CityCase c, long userId) {
        return CaseRating.<CaseRating>find("caseId = ?1 and userId = ?2", c.id, userId).firstResultOptional();
    }

    /**
     * Records a resident's rating (and its photo) of the locked case.
     *
     * @throws ProblemException 409 {@code already-rated} when they rated it before; 409 {@code rating-window-closed}
     */
    public CaseRating record(CityCase c, Actor resident, ActionCommand.Rating rating, Instant now) {
        checkWindow(c, now);
        of(c, resident.id()).ifPresent(r -> {
            throw ProblemException.conflict("already-rated", "You rated case " + c.number + " at " + r.ratedAt
                    + " (" + r.satisfaction.labelZh() + " · " + r.satisfaction.labelEn() + "); a case is rated once.");
        });
        CaseRating r = new CaseRating();
        r.caseId = c.id;
        r.userId = resident.id();
        r.solved = rating.solved();
        r.satisfaction = rating.satisfaction();
        r.comment = rating.comment();
        r.photoId = rating.photo() == null ? null : photos.store(c, CasePhoto.Stage.RATING, rating.photo(), resident).id;
        r.ratedAt = now;
        r.persist();
        return r;
    }
}
