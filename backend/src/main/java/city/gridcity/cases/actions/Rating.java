package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.RATE;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CaseRating;
import city.gridcity.cases.Ratings;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 满意度评价: a resident who reported or follows the closed case says whether it is solved and how
 * satisfied they are, once, within the city's window. The case stays where it is; the event's data
 * carries the rating, which is what the case facts and points read.
 */
@ApplicationScoped
@Handles(RATE)
public class Rating implements ActionHandler {

    private final Ratings ratings;

    Rating(Ratings ratings) {
        this.ratings = ratings;
    }

    @Override
    public void apply(ActionStep step) {
        if (step.action() != RATE) {
            throw step.notMine(Rating.class);
        }
        ActionCommand.Rating given = step.command().rating();
        if (given == null) {
            // The action list carries no rating fields: a rating has its own endpoint, which checks them first.
            throw ProblemException.invalid("rating", "rate through POST /api/v1/cases/" + step.theCase().number
                    + "/rating (solved, rating, comment, photo)");
        }
        CaseRating r = ratings.record(step.theCase(), step.actor(), given, step.now());
        step.record("residentId", r.userId);
        step.record("solved", r.solved);
        step.record("satisfaction", r.satisfaction.name());
        if (r.comment != null) {
            step.record("comment", r.comment);
        }
        if (r.photoId != null) {
            step.record("photo", r.photoId);
        }
    }
}
