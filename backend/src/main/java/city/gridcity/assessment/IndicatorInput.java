package city.gridcity.assessment;

import java.util.List;

/**
 * What an indicator is computed from: the period, the target, every case row of the city the period may
 * count ({@code rows}; each indicator picks the target's own), the rows of the comparison period (change
 * rates), the other targets of the same kind (contribution rates), the city's shape and the scheme's parameters.
 */
public record IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                             List<Target> peers, CityShape shape, Parameters params) {
}
