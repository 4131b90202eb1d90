package city.gridcity.assessment;

import java.time.LocalDate;
import java.util.List;

/**
 * What an indicator is computed from: the period, the target, every case row of the city the period may
 * count ({@code rows}; each indicator picks the target's own), the rows of the comparison period (change
 * rates), the other targets of the same kind (contribution rates), the city's shape, the scheme's parameters
 * and the judged samples of district supervisors' reports of the period (duplicate and false-case rates).
 */
public record IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                             List<Target> peers, CityShape shape, Parameters params, List<Judgement> judgements) {

    public IndicatorInput(Period period, Target target, List<CaseRow> rows, List<CaseRow> comparisonRows,
                          List<Target> peers, CityShape shape, Parameters params) {
        this(period, target, rows, comparisonRows, peers, shape, params, List.of());
    }

    /** A city reviewer's judgement of a sampled report of {@code day}: VALID, DUPLICATE or FALSE. */
    public record Judgement(String caseNumber, LocalDate day, String verdict) {
    }
}
