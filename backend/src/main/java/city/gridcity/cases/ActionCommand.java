package city.gridcity.cases;

import city.gridcity.catalog.FilingCondition;
import city.gridcity.shared.image.SanitizedImage;
import java.time.LocalDate;
import java.util.List;

/**
 * An action on a case with everything any action may take; each handler reads the inputs its table
 * row names ({@link ActionInput}). {@code expectedVersion} is the case version the user saw.
 * {@code rating} is only given by {@link CaseRatings}, which checks it first.
 */
public record ActionCommand(String action, Long expectedVersion, String reason, String conditionCode,
                            CityCase.ProblemType problemType, CityCase.Priority priority, String departmentCode,
                            List<String> departments, String duplicateOf, Integer extensionAmount,
                            FilingCondition.Unit extensionUnit, LocalDate resumeOn, List<Long> photoIds,
                            Rating rating) {

    /** A resident's rating, already checked: solved or not, the word, an optional comment and cleaned photo. */
    public record Rating(boolean solved, Satisfaction satisfaction, String comment, SanitizedImage photo) {
    }

    /** An action of the staff's loop: everything but a rating. */
    public ActionCommand(String action, Long expectedVersion, String reason, String conditionCode,
                         CityCase.ProblemType problemType, CityCase.Priority priority, String departmentCode,
                         List<String> departments, String duplicateOf, Integer extensionAmount,
                         FilingCondition.Unit extensionUnit, LocalDate resumeOn, List<Long> photoIds) {
        this(action, expectedVersion, reason, conditionCode, problemType, priority, departmentCode, departments,
                duplicateOf, extensionAmount, extensionUnit, resumeOn, photoIds, null);
    }

    /** A step the system takes by itself, with only its reason. */
    public static ActionCommand bySystem(CaseAction action, String why) {
        return new ActionCommand(action.wireName(), null, why, null, null, null, null, null, null, null, null, null, null);
    }

    /** A resident's action on their closed case: a rating, or the reopen request that follows "not solved". */
    static ActionCommand byResident(CaseAction action, String reason, Rating rating) {
        return new ActionCommand(action.wireName(), null, reason, null, null, null, null, null, null, null, null, null,
                null, rating);
    }
}
