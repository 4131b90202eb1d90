package city.gridcity.cases;

import city.gridcity.catalog.FilingCondition;
import java.time.LocalDate;
import java.util.List;

/**
 * An action on a case with everything any action may take; each handler reads the inputs its table
 * row names ({@link ActionInput}). {@code expectedVersion} is the case version the user saw.
 */
public record ActionCommand(String action, Long expectedVersion, String reason, String conditionCode,
                            CityCase.ProblemType problemType, CityCase.Priority priority, String departmentCode,
                            List<String> departments, String duplicateOf, Integer extensionAmount,
                            FilingCondition.Unit extensionUnit, LocalDate resumeOn, List<Long> photoIds) {

    /** A step the system takes by itself, with only its reason. */
    public static ActionCommand bySystem(CaseAction action, String why) {
        return new ActionCommand(action.wireName(), null, why, null, null, null, null, null, null, null, null, null, null);
    }
}
