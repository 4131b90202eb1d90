package city.gridcity.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * A scheme's parameters of the indicators: the low-case threshold per community type (10 when the type is
 * not named), the days counted for low-case communities (null: every day of the period; otherwise the
 * working days the caller took from the city's calendar), the area-class weights of the grid coefficient
 * and what a change rate compares with.
 */
public record Parameters(Map<String, Integer> lowCaseThresholds, Set<LocalDate> countedDays,
                         Map<String, BigDecimal> areaClassWeights, ChangeBase changeBase) {

    public static final int DEFAULT_LOW_CASE_THRESHOLD = 10;

    public enum ChangeBase {
        PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR
    }

    public static Parameters defaults() {
        return new Parameters(Map.of("development_zone", 6), null,
                Map.of("core", BigDecimal.valueOf(1.5), "busy", BigDecimal.valueOf(1.2), "general", BigDecimal.ONE),
                ChangeBase.PREVIOUS_PERIOD);
    }

    public int lowCaseThreshold(String communityType) {
        return lowCaseThresholds.getOrDefault(communityType == null ? "ordinary" : communityType,
                DEFAULT_LOW_CASE_THRESHOLD);
    }
}
